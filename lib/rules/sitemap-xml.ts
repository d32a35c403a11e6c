import { escapeHtml } from './escape-html';

/** A `<urlset>` (sitemaps.org 0.9) of absolute URLs; `origin` has no trailing slash. */
export function renderSitemap(origin: string, entries: { path: string; lastModified: string | null }[]): string {
  const urls = entries.map(
    (e) =>
      `<url><loc>${escapeHtml(origin + e.path)}</loc>${e.lastModified ? `<lastmod>${escapeHtml(e.lastModified)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** A `<sitemapindex>` naming each sitemap file by its absolute URL. */
export function renderSitemapIndex(urls: string[]): string {
  const items = urls.map((url) => `<sitemap><loc>${escapeHtml(url)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</sitemapindex>\n`;
}

/** Where sitemap file `chunk` is served: app/sitemap/[file]/route.ts. */
export function sitemapChunkPath(chunk: number): string {
  return `/sitemap/${chunk}.xml`;
}
