import type { NextRequest } from 'next/server';
import { dataQualityToJson, getDataQuality } from '@/lib/server/exports/data-quality';
import { errorResponse, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { statsQuerySchema } from '@/lib/server/matrix/query-schemas';

export function GET(request: NextRequest) {
  try {
    parseSearchParams(statsQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(dataQualityToJson(getDataQuality())));
  } catch (error) {
    return errorResponse(error, request);
  }
}
