/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3'],
  // forbidden() and unauthorized() give moderator and admin pages real 403/401 answers.
  experimental: { authInterrupts: true },
  async rewrites() {
    return {
      // Query-string views map onto path routes so each one is a cacheable static page.
      beforeFiles: [
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
