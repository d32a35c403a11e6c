import type { NextRequest } from 'next/server';
import { errorResponse, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { matrixQuerySchema } from '@/lib/server/matrix/query-schemas';

export function GET(request: NextRequest) {
  try {
    const query = parseSearchParams(matrixQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(matrixToJson(getMatrix({ ...query, at: query.at ?? undefined }), undefined, query.at ?? null)));
  } catch (error) {
    return errorResponse(error, request);
  }
}
