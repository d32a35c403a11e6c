import type { NextRequest } from 'next/server';
import { requireUser } from '@/lib/next/auth/session';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { readWatchlist, watchlistItemForApi } from '@/lib/server/watches/watchlist';

/** The signed-in user's watchlist, newest first, and how much of it is unread; reading it marks nothing seen. */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const user = await requireUser();
    const { items, unread, truncated } = readWatchlist(user);
    return Response.json(
      { items: items.map(watchlistItemForApi), unread, truncated },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
