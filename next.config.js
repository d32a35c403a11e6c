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

const securityHeaders = [
  ...(process.env.NODE_ENV === 'production' ? [{ key: 'Content-Security-Policy', value: contentSecurityPolicy }] : []),
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
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
      // HSTS only where TLS ends in front of us (a proxy that says so); plain-http local use must keep working.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
    ];
  },
  async rewrites() {
    return {
      // Query-string views map onto path routes so each one is a cacheable static page.
      beforeFiles: [
        // Any query on `/` (as-of date, filters) is served by the dynamic /view page.
        ...['at', 'need', 'q', 'partial'].map((key) => ({ source: '/', has: [{ type: 'query', key }], destination: '/view' })),
        // `/?sparse=1` adds the meshes with little data yet, cached like `/` page by page; any other `sparse` gets /view's error message.
        {
          source: '/',
          has: [
            { type: 'query', key: 'sparse', value: '1' },
            { type: 'query', key: 'columns', value: '(?<page>[2-9]|[1-9][0-9]{1,2})' },
          ],
          destination: '/views/matrix-all-:page',
        },
        { source: '/', has: [{ type: 'query', key: 'sparse', value: '1' }], missing: [{ type: 'query', key: 'columns' }], destination: '/views/matrix-all' },
        { source: '/', has: [{ type: 'query', key: 'sparse' }], destination: '/view' },
        // Later pages of meshes are cached like `/`; anything else in `columns` gets /view's error message.
        { source: '/', has: [{ type: 'query', key: 'columns', value: '(?<page>[2-9]|[1-9][0-9]{1,2})' }], destination: '/views/matrix-:page' },
        { source: '/', has: [{ type: 'query', key: 'columns' }], destination: '/view' },
        ...['mesh', 'category', 'page'].map((key) => ({ source: '/changes', has: [{ type: 'query', key }], destination: '/changes/filtered' })),
        // Database-backed pages without route params render at run time, never at build (see app/views/[name]).
        { source: '/', destination: '/views/matrix' },
        { source: '/meshes', destination: '/views/meshes' },
        { source: '/changes', destination: '/views/changes' },
        { source: '/about/data', destination: '/views/about-data' },
        {
          source: '/meshes/:slug/compare',
          has: [
            { type: 'query', key: 'from', value: '(?<from>.+)' },
            { type: 'query', key: 'to', value: '(?<to>.+)' },
          ],
          destination: '/meshes/:slug/compare/:from/:to',
        },
        {
          source: '/meshes/:slug',
          has: [{ type: 'query', key: 'version', value: '(?<version>.+)' }],
          destination: '/meshes/:slug/:version',
        },
      ],
    };
  },
};

module.exports = nextConfig;
