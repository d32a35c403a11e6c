import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { patrolProposal } from '@/lib/server/patrol/patrol';
import { methodNotAllowed } from '@/lib/next/http';

/** `{revert?: boolean, reason?}`: marks a proposal published without review checked, or reverts it and marks it. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    patrolProposal,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, revertRevisionId: result.revertRevisionId } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
