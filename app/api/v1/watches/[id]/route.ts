import type { NextRequest } from 'next/server';
import { runJsonCommand, withUrlFields } from '@/lib/next/command-adapters';
import { methodNotAllowed } from '@/lib/next/http';
import { unwatchTarget } from '@/lib/server/watches/watches';

/** Stop following: only the follower; anyone else's watch is a 404. */
export async function DELETE(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return runJsonCommand(
    request,
    unwatchTarget,
    async (body) => withUrlFields(body, { id: (await params).id }),
    (result) => ({ body: { id: result.id, key: result.key } }),
  );
}

export const { GET, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(['DELETE']);
