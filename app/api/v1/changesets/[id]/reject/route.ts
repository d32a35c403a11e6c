import type { NextRequest } from 'next/server';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { decideChangeset } from '@/lib/server/changesets/changesets';
import { rejectChangesetInput } from '@/lib/server/changesets/api-inputs';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    decideChangeset,
    async (body) => rejectChangesetInput(body, (await params).id),
    (result) => ({ body: { rejected: result.rejected, release: result.release } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
