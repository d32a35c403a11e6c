import type { NextRequest } from 'next/server';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { requestChanges } from '@/lib/server/proposals/feedback';
import { requestChangesInput } from '@/lib/server/changesets/api-inputs';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    requestChanges,
    async (body) => requestChangesInput(body, 'proposalId', (await params).id),
    () => ({ body: { status: 'changes_requested' } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
