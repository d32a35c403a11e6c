import type { NextRequest } from 'next/server';
import { redirectTo } from '@/lib/next/embed-response';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { respondCached } from '@/lib/next/http-cache';
import { NotFoundError } from '@/lib/rules/errors';
import { renderBadgeSvg } from '@/lib/rules/badge-svg';
import { readBadge, resolveEmbedMesh } from '@/lib/server/embeds/embeds';
import { badgeQuerySchema } from '@/lib/server/embeds/schemas';

type Context = { params: Promise<{ mesh: string; feature: string }> };

/** `/badge/istio/mtls.svg`: the value of one row in a mesh's newest release, as an SVG badge linking to its cell. */
export async function GET(request: NextRequest, { params }: Context) {
  const { mesh, feature: file } = await params;
  return answerRead(request, () => {
    parseSearchParams(badgeQuerySchema, request.nextUrl.searchParams);
    if (!file.endsWith('.svg'))
      throw new NotFoundError('A badge address ends in .svg, for example /badge/istio/mtls.svg');
    const feature = file.slice(0, -'.svg'.length);
    const found = resolveEmbedMesh(mesh);
    if (found.renamed) return redirectTo(`/badge/${encodeURIComponent(found.slug)}/${encodeURIComponent(file)}`);
    return respondCached(request, () => ({
      body: renderBadgeSvg(readBadge(found.slug, feature)),
      contentType: 'image/svg+xml',
    }));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
