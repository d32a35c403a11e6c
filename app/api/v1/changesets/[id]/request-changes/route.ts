import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { requestChanges } from '@/lib/server/proposals/feedback';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    requestChanges,
    async (body) => withUrlFields(body, { changesetId: (await params).id }),
    (result) => ({ body: { status: 'changes_requested' } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
