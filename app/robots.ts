import type { MetadataRoute } from 'next';
import { readSiteOrigin } from '@/lib/next/site-origin';
import { disallowedPaths } from '@/lib/rules/robots';

// Rendered per request: built at `next build`, the sitemap address would be the build machine's SITE_URL.
export const dynamic = 'force-dynamic';

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await readSiteOrigin();
  return {
    rules: { userAgent: '*', allow: '/', disallow: [...disallowedPaths] },
    sitemap: `${origin}/sitemap.xml`,
  };
}
