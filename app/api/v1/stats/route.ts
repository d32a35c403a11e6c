import type { NextRequest } from 'next/server';
import { dataQualityToJson, getDataQuality } from '@/lib/data-quality';
import { errorResponse, parseSearchParams } from '@/lib/http';
import { jsonBody, respondCached } from '@/lib/http-cache';
import { statsQuerySchema } from '@/lib/validation';

export function GET(request: NextRequest) {
  try {
    parseSearchParams(statsQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(dataQualityToJson(getDataQuality())));
  } catch (error) {
    return errorResponse(error, request);
  }
}
