import type { NextConfig } from 'next';
import { viewRewrites } from './lib/next/view-routes';

// Next inlines its RSC payload as <script> tags in static pages, so scripts need 'unsafe-inline' (nonces would make
// every page dynamic); never 'unsafe-eval'. Development needs eval for fast refresh, so the policy is production-only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The embeds (/embed/**) are made to be framed by any site, and are plain HTML with inline styles and no scripts, so
// their policy allows every ancestor and nothing else; it holds in development too, as nothing there needs eval.
const embedContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** Everything but the embeds refuses to be framed (clickjacking). */
const unframableHeaders = [
  ...(process.env.NODE_ENV === 'production' ? [{ key: 'Content-Security-Policy', value: contentSecurityPolicy }] : []),
  { key: 'X-Frame-Options', value: 'DENY' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3'],
  experimental: {
    // forbidden() and unauthorized() give moderator and admin pages real 403/401 answers.
    authInterrupts: true,
    // Cached pages live in memory only: a server started on another (or restored) database file must not serve
    // pages rendered from the previous one out of .next on disk.
    isrFlushToDisk: false,
    // Table imports (/admin/import) take files up to 1 MB and pasted tables up to 3 MB, and answer larger ones with a
    // clear message on the form. The cap leaves room above both (and for the previewed table the Import button sends
    // back) so Next's own cap, a generic error, does not cut in first.
    serverActions: { bodySizeLimit: '8mb' },
  },
  cacheMaxMemorySize: 128 * 1024 * 1024,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/:path((?!embed/).*)', headers: unframableHeaders },
      { source: '/embed/:path+', headers: [{ key: 'Content-Security-Policy', value: embedContentSecurityPolicy }] },
      // HSTS only where TLS ends in front of us (a proxy that says so); plain-http local use must keep working.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
    ];
  },
  async rewrites() {
    // `/`, `/meshes`, `/changes`, `/about/data` and their query variants are served from other folders: the map, and
    // why, is lib/next/view-routes.ts.
    return { beforeFiles: viewRewrites() };
  },
};

export default nextConfig;
