import type { NextRequest } from 'next/server';
import { respondCached } from '@/lib/next/http-cache';
import { answerRead, methodNotAllowed, parseSearchParams } from '@/lib/next/http';
import { readSiteOrigin } from '@/lib/next/site-origin';
import { listSitemapChunk } from '@/lib/server/sitemap/sitemap';
import { noQuerySchema } from '@/lib/server/watches/schemas';
import { NotFoundError } from '@/lib/rules/errors';
import { renderSitemap } from '@/lib/rules/sitemap-xml';

type Context = { params: Promise<{ file: string }> };

/** One sitemap file, `/sitemap/N.xml`, as listed by the index at /sitemap.xml. */
export async function GET(request: NextRequest, { params }: Context) {
  return answerRead(request, async () => {
    const { file } = await params;
    const chunk = /^(0|[1-9][0-9]{0,5})\.xml$/.exec(file)?.[1];
    if (chunk === undefined) throw new NotFoundError('No such sitemap: the index at /sitemap.xml lists them');
    parseSearchParams(noQuerySchema, request.nextUrl.searchParams);
    const origin = await readSiteOrigin();
    return respondCached(request, () => ({
      body: renderSitemap(origin, listSitemapChunk(Number(chunk))),
      contentType: 'application/xml; charset=utf-8',
    }));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET']);
