import type { NextRequest } from 'next/server';
import { errorResponse, parseSearchParams } from '@/lib/http';
import { getMatrix } from '@/lib/matrix';
import { matrixToJson } from '@/lib/matrix-json';
import { matrixQuerySchema } from '@/lib/validation';

export function GET(request: NextRequest) {
  try {
    const query = parseSearchParams(matrixQuerySchema, request.nextUrl.searchParams);
    return Response.json(matrixToJson(getMatrix(query)));
  } catch (error) {
    return errorResponse(error);
  }
}
