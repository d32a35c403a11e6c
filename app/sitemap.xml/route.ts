import type { NextRequest } from 'next/server';
import { respondCached } from '@/lib/next/http-cache';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { readSiteOrigin } from '@/lib/next/site-origin';
import { countSitemapChunks } from '@/lib/server/sitemap/sitemap';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { renderSitemapIndex, sitemapChunkPath } from '@/lib/rules/sitemap-xml';

/**
 * The sitemap index: one sitemap file per 50,000 pages (app/sitemap/[file]). A route handler rather than app/sitemap.ts
 * with generateSitemaps: that would prerender the files at `next build` from the build machine's database, and it has
 * no index at /sitemap.xml.
 */
export async function GET(request: NextRequest) {
  return answerRead(request, async () => {
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const origin = await readSiteOrigin();
    return respondCached(request, () => {
      const urls = Array.from({ length: countSitemapChunks() }, (_, i) => origin + sitemapChunkPath(i));
      return { body: renderSitemapIndex(urls), contentType: 'application/xml; charset=utf-8' };
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
