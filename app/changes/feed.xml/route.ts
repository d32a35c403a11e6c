import type { NextRequest } from 'next/server';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { findFeedSubject, listChanges } from '@/lib/server/changes/changes';
import { parseEnv } from '@/lib/server/env';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCached } from '@/lib/next/http-cache';
import { feedQuerySchema } from '@/lib/server/matrix/query-schemas';
import { watchTargetKindOf } from '@/lib/rules/watchlist';

/** Recent changes: everything, a mesh (`?mesh=`), a row (`?feature=`) or one cell (`?mesh=&version=&feature=`). */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const query = parseSearchParams(feedQuerySchema, request.nextUrl.searchParams);
    // The same combinations one can follow: a release on its own, or a row of one mesh, names no feed.
    if (query.mesh || query.version || query.feature) {
      const kind = watchTargetKindOf(query);
      if (typeof kind !== 'string') throw kind;
    }
    const subject = findFeedSubject(query);
    const siteUrl = parseEnv().SITE_URL ?? request.nextUrl.origin;
    return respondCached(request, () => ({
      body: renderAtomFeed(listChanges({ ...subject.filter, pageSize: 50 }).entries, {
        siteUrl,
        selfPath: subject.selfPath,
        title: subject.name ? `Mesh Matrix: recent changes to ${subject.name}` : 'Mesh Matrix: recent changes',
      }),
      contentType: 'application/atom+xml; charset=utf-8',
    }));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
