import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { withdrawChangeset } from '@/lib/server/changesets/changesets';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    withdrawChangeset,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, status: 'withdrawn' } }),
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['POST']);
