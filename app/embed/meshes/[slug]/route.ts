import type { NextRequest } from 'next/server';
import { answerEmbed, embedMethodNotAllowed, htmlBody, redirectTo } from '@/lib/next/embed-response';
import { parseSearchParams } from '@/lib/next/http';
import { respondCached } from '@/lib/next/http-cache';
import { renderMeshEmbed } from '@/lib/server/embeds/embed-html';
import { readMeshEmbed, resolveEmbedMesh } from '@/lib/server/embeds/embeds';
import { embedMeshQuerySchema } from '@/lib/server/embeds/schemas';

type Context = { params: Promise<{ slug: string }> };

/** One mesh's newest release as a self-contained page for an <iframe> on another site. */
export async function GET(request: NextRequest, { params }: Context) {
  const { slug } = await params;
  return answerEmbed(request, () => {
    parseSearchParams(embedMeshQuerySchema, request.nextUrl.searchParams);
    const mesh = resolveEmbedMesh(slug);
    if (mesh.renamed) return redirectTo(`/embed/meshes/${encodeURIComponent(mesh.slug)}`);
    return respondCached(request, () => htmlBody(renderMeshEmbed(readMeshEmbed(mesh.slug))));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = embedMethodNotAllowed();
