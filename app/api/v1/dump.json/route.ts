import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondStreamed } from '@/lib/next/http-cache';
import { DATA_LICENCE } from '@/lib/server/exports/csv';
import { dumpQuerySchema, streamDump } from '@/lib/server/exports/dump';

/** The whole data set, streamed (Next gzips it for a client that accepts gzip). */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(dumpQuerySchema, request.nextUrl.searchParams);
    return respondStreamed(request, (version) => ({
      chunks: streamDump(version),
      contentType: 'application/json; charset=utf-8',
      headers: {
        'Content-Disposition': 'attachment; filename="mesh-matrix-dump.json"',
        Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
        'X-Data-Licence': DATA_LICENCE,
      },
    }));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
