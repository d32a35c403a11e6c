import type { NextRequest } from 'next/server';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCachedImage } from '@/lib/next/image-cache';
import { NotFoundError } from '@/lib/rules/errors';
import { getMeshPreview } from '@/lib/server/previews/preview-cards';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { drawPreviewImage } from '../../preview-image';

type Context = { params: Promise<{ file: string }> };

/**
 * A mesh's link preview, `/og/meshes/{slug}.png`: its name, newest release and that release's support values by
 * level. The extension also tells the request gate (lib/next/request-gate.ts) this is a route handler that answers
 * its own methods.
 */
export async function GET(request: NextRequest, { params }: Context) {
  return answerRead(request, async () => {
    const slug = /^(.+)\.png$/.exec((await params).file)?.[1];
    if (!slug) throw new NotFoundError('No such preview image: they are named {mesh}.png');
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    return respondCachedImage(request, `mesh:${slug}`, () => drawPreviewImage(getMeshPreview(slug)));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
