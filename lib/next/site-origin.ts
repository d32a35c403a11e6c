import 'server-only';
import { headers } from 'next/headers';
import { parseEnv } from '../server/env';

/**
 * The site's public origin, for the absolute URLs that leave the site (sitemaps, robots.txt, canonical links, preview
 * images): SITE_URL, else NEXTAUTH_URL, so a page cached for everyone never carries whatever Host one request sent.
 * Only a local install with neither falls back to the request's Host.
 */
export function configuredSiteOrigin(): string | null {
  const env = parseEnv();
  const configured = env.SITE_URL ?? env.NEXTAUTH_URL;
  return configured ? new URL(configured).origin : null;
}

/** configuredSiteOrigin, or where this request was sent (local use without SITE_URL or NEXTAUTH_URL). */
export async function readSiteOrigin(): Promise<string> {
  const configured = configuredSiteOrigin();
  if (configured) return configured;
  const host = (await headers()).get('host');
  try {
    return new URL(`http://${host ?? 'localhost'}`).origin;
  } catch {
    return 'http://localhost';
  }
}
