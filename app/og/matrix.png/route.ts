import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCachedImage } from '@/lib/next/image-cache';
import { getMatrixPreview } from '@/lib/server/previews/preview-cards';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { drawPreviewImage } from '../preview-image';

/**
 * The matrix's link preview, `/og/matrix.png`: how many meshes and rows, and its support values by level. The extension
 * also tells the request gate (lib/next/request-gate.ts) this is a route handler that answers its own methods.
 */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    return respondCachedImage(request, 'matrix', () => drawPreviewImage(getMatrixPreview()));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
