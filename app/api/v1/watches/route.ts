import type { NextRequest } from 'next/server';
import { requireUser } from '@/lib/next/auth/session';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { runJsonCommand } from '@/lib/next/command-adapters';
import { listWatches, watchTarget } from '@/lib/server/watches/watches';
import { noQuerySchema } from '@/lib/server/watches/schemas';

/** What the signed-in user follows. */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const user = await requireUser();
    return Response.json({ watches: listWatches(user.id) }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/** Follow `{mesh}`, `{feature}` or `{mesh, version, feature}`: 201 when new, 200 with the same watch when already followed. */
export async function POST(request: NextRequest) {
  return runJsonCommand(
    request,
    watchTarget,
    (body) => body,
    (result) => ({ status: result.created ? 201 : 200, body: { id: result.id, key: result.key } }),
  );
}

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET', 'POST']);
