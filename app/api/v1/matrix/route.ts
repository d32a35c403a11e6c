import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { jsonBody, respondCached } from '@/lib/next/http-cache';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { matrixQuerySchema } from '@/lib/server/matrix/query-schemas';

export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    const query = parseSearchParams(matrixQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () =>
      jsonBody(matrixToJson(getMatrix({ ...query, at: query.at ?? undefined }), undefined, query.at ?? null)),
    );
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
