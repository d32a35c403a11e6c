import type { NextRequest } from 'next/server';
import { dataQualityToJson, getDataQuality } from '@/lib/server/exports/data-quality';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { statsQuerySchema } from '@/lib/server/matrix/query-schemas';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(statsQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(dataQualityToJson(getDataQuality())));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
