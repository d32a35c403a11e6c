import type { NextConfig } from 'next';
import { securityHeaderRules } from './lib/next/security-headers';
import { viewRewrites } from './lib/next/view-routes';

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
    return securityHeaderRules(process.env.NODE_ENV === 'production');
  },
  async rewrites() {
    // `/`, `/meshes`, `/changes`, `/about/data` and their query variants are served from other folders: the map, and
    // why, is lib/next/view-routes.ts.
    return { beforeFiles: viewRewrites() };
  },
};

export default nextConfig;
