import type { NextRequest } from 'next/server';
import { answerEmbed, embedMethodNotAllowed, htmlBody } from '@/lib/next/embed-response';
import { parseSearchParams } from '@/lib/next/http';
import { respondCached } from '@/lib/next/http-cache';
import { renderCompareEmbed } from '@/lib/server/embeds/embed-html';
import { readCompareEmbed } from '@/lib/server/embeds/embeds';
import { embedCompareQuerySchema } from '@/lib/server/embeds/schemas';

/** Two to six meshes side by side at their newest releases, as a self-contained page for an <iframe>. */
export async function GET(request: NextRequest) {
  return answerEmbed(request, () => {
    const { meshes } = parseSearchParams(embedCompareQuerySchema, request.nextUrl.searchParams);
    return respondCached(request, () => htmlBody(renderCompareEmbed(readCompareEmbed(meshes))));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = embedMethodNotAllowed();
