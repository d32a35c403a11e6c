import type { NextRequest } from 'next/server';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { decideChangeset } from '@/lib/server/changesets/changesets';
import { approveChangesetInput } from '@/lib/server/changesets/api-inputs';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    decideChangeset,
    async (body) => approveChangesetInput(body, (await params).id),
    (result) => ({ body: { approved: result.approved, conflicts: result.conflicts, release: result.release } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
