import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCachedImage } from '@/lib/next/image-cache';
import { getMeshPreview } from '@/lib/server/previews/preview-cards';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { drawPreviewImage } from '../../preview-image';

type Context = { params: Promise<{ slug: string }> };

/** A mesh's link preview: its name, newest release and that release's support values by level. */
export async function GET(request: NextRequest, { params }: Context) {
  return answerRead(request, async () => {
    const { slug } = await params;
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    return respondCachedImage(request, `mesh:${slug}`, () => drawPreviewImage(getMeshPreview(slug)));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
