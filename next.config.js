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
  },
  cacheMaxMemorySize: 256 * 1024 * 1024,
  async rewrites() {
    return {
      // Query-string views map onto path routes so each one is a cacheable static page.
      beforeFiles: [
        // Any query on `/` (as-of date, filters) is served by the dynamic /view page.
        ...['at', 'need', 'q', 'partial'].map((key) => ({ source: '/', has: [{ type: 'query', key }], destination: '/view' })),
        ...['mesh', 'category', 'page'].map((key) => ({ source: '/changes', has: [{ type: 'query', key }], destination: '/changes/filtered' })),
        // Database-backed pages without route params render at run time, never at build (see app/views/[name]).
        { source: '/', destination: '/views/matrix' },
        { source: '/meshes', destination: '/views/meshes' },
        { source: '/changes', destination: '/views/changes' },
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
