import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { buildOpenApiDocument } from '@/lib/server/openapi/document';
import { openApiQuerySchema } from '@/lib/server/openapi/query-schema';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(openApiQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => jsonBody(buildOpenApiDocument()));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
