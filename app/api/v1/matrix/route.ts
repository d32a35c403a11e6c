import type { NextRequest } from 'next/server';
import { errorResponse, parseSearchParams } from '@/lib/http';
import { jsonBody, respondCached } from '@/lib/http-cache';
import { getMatrix } from '@/lib/matrix';
import { matrixToJson } from '@/lib/matrix-json';
import { matrixQuerySchema } from '@/lib/validation';

export function GET(request: NextRequest) {
  try {
    const query = parseSearchParams(matrixQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(matrixToJson(getMatrix({ ...query, at: query.at ?? undefined }), undefined, query.at ?? null)));
  } catch (error) {
    return errorResponse(error, request);
  }
}
