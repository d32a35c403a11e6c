import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { approveProposal } from '@/lib/server/proposals/review';
import { methodNotAllowed } from '@/lib/next/http';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    approveProposal,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { revisionId: result.revisionId } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
