import type { NextRequest } from 'next/server';
import { renderWatchlistFeed } from '@/lib/server/changes/atom';
import { parseEnv } from '@/lib/server/env';
import { findUserByFeedToken } from '@/lib/server/watches/watches';
import { readWatchlist } from '@/lib/server/watches/watchlist';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { NotFoundError } from '@/lib/rules/errors';

/**
 * A user's private watchlist feed: the secret in the URL is the only credential (feed readers send no cookie). An
 * unknown or revoked secret is a 404 like any address that names nothing. Reading it marks nothing seen.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  return answerRead(request, async () => {
    const { token } = await params;
    const user = findUserByFeedToken(token);
    if (!user) throw new NotFoundError('There is no such feed; it may have been replaced or revoked.');
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const { items } = readWatchlist(user);
    const xml = renderWatchlistFeed(items, {
      siteUrl: parseEnv().SITE_URL ?? request.nextUrl.origin,
      selfPath: `/watchlist/feed/${token}`,
      title: `Mesh Matrix: ${user.name ?? 'your'} watchlist`,
    });
    return new Response(xml, {
      headers: {
        'Content-Type': 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'private, no-store',
        'X-Robots-Tag': 'noindex',
        'Referrer-Policy': 'no-referrer',
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
