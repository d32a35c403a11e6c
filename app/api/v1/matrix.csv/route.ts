import type { NextRequest } from 'next/server';
import { DATA_LICENCE, renderCsv } from '@/lib/server/exports/csv';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCached } from '@/lib/next/http-cache';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { csvQuerySchema } from '@/lib/server/matrix/query-schemas';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const { meshes } = parseSearchParams(csvQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => ({
      body: renderCsv(listAllCells(meshes)),
      contentType: 'text/csv; charset=utf-8; header=present',
      headers: {
        'Content-Disposition': 'attachment; filename="mesh-matrix.csv"',
        Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
        'X-Data-Licence': DATA_LICENCE,
      },
    }));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
