import type { NextRequest } from 'next/server';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { proposeChangeset } from '@/lib/server/changesets/changesets';

export async function POST(request: NextRequest) {
  return runJsonCommand(
    request,
    proposeChangeset,
    (body) => body,
    (result) => ({ status: 201, body: { id: result.id, proposals: result.proposals, published: result.published } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
