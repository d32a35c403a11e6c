import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { rejectProposal } from '@/lib/server/proposals/review';
import { methodNotAllowed } from '@/lib/next/http';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    rejectProposal,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, status: 'rejected' } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
