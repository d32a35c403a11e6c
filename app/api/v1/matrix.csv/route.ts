import type { NextRequest } from 'next/server';
import { DATA_LICENCE } from '@/lib/server/exports/csv';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { lastModifiedOf, readDataVersion, respondPrecomputed } from '@/lib/next/http-cache';
import { prepareCsvExport, streamCsvExport } from '@/lib/server/exports/csv-export';
import { csvQuerySchema } from '@/lib/server/matrix/query-schemas';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const { meshes } = parseSearchParams(csvQuerySchema, request.nextUrl.searchParams);
    const version = readDataVersion();
    const csv = await prepareCsvExport(meshes, version.tag);
    return respondPrecomputed(request, {
      etag: csv.etag,
      lastModified: lastModifiedOf(version),
      size: csv.size,
      contentType: 'text/csv; charset=utf-8; header=present',
      headers: {
        'Content-Disposition': 'attachment; filename="mesh-matrix.csv"',
        Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
        'X-Data-Licence': DATA_LICENCE,
      },
      body: () => streamCsvExport(csv, request.signal),
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
