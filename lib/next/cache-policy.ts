/**
 * Who may keep a copy of each response, decided in one place for every page and route handler under app/.
 *
 * `shared`: the same bytes for every reader (cached pages, per-request public pages, the JSON/CSV/Atom reads). A CDN
 * or caching proxy may keep them for SHARED_MAX_AGE seconds and serve them up to SHARED_STALE_SECONDS longer while it
 * revalidates in the background; browsers revalidate every time (max-age=0), cheaply, with ETag/Last-Modified.
 * `private`: anything that depends on who asks (forms, the review queue, admin, a user's proposals, watchlists, talk
 * pages, sign-in), every write, and the health check: never stored anywhere.
 *
 * A write revalidates the origin's cached pages at once (lib/next/revalidate.ts), so no purge is needed: a shared
 * cache shows an old value for at most SHARED_MAX_AGE + SHARED_STALE_SECONDS, usually SHARED_MAX_AGE.
 *
 * proxy.ts applies the decision (lib/next/cache-headers.ts); respondCached (lib/next/http-cache.ts) answers the API
 * reads with the same header. tests/unit/cache-policy.test.ts fails for a page or route handler with no decision.
 * This module imports nothing, so the proxy, next.config.ts and the tests can all read it.
 */

export type CacheKind = 'shared' | 'private';

/** How long a shared cache may serve a response without asking again. */
export const SHARED_MAX_AGE = 60;
/** How much longer it may serve it while it asks again in the background. */
export const SHARED_STALE_SECONDS = 300;

export const SHARED_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_MAX_AGE}, stale-while-revalidate=${SHARED_STALE_SECONDS}`;
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * Every route under app/, by its folder pattern (`[x]` one segment, `[...x]` one or more, `[[...x]]` zero or more),
 * plus the public URLs next.config.ts rewrites onto app/cached-views (lib/next/view-routes.ts). A more specific
 * pattern wins, as in Next's own routing.
 */
export const routeCacheKinds: Record<string, CacheKind> = {
  // Cached views (ISR) and the rewrite targets behind them and their query variants.
  '/': 'shared',
  '/meshes': 'shared',
  '/changes': 'shared',
  '/about/data': 'shared',
  '/cached-views/[view]': 'shared',
  '/matrix-filtered': 'shared',
  '/changes/filtered': 'shared',
  // Cached (ISR) mesh, release, release-diff and cell pages.
  '/meshes/[slug]': 'shared',
  '/meshes/[slug]/[version]': 'shared',
  '/meshes/[slug]/compare': 'shared',
  '/meshes/[slug]/compare/[from]/[to]': 'shared',
  '/meshes/[slug]/[version]/[feature]': 'shared',
  // Public pages rendered per request: the same for every reader.
  '/about': 'shared',
  '/compare': 'shared',
  '/needs-checking': 'shared',
  '/rows/[slug]': 'shared',
  '/meshes/[slug]/[version]/[feature]/history': 'shared',
  // Public reads.
  '/changes/feed.xml': 'shared',
  '/api/v1/matrix': 'shared',
  '/api/v1/matrix.csv': 'shared',
  '/api/v1/meshes/[slug]/diff': 'shared',
  '/api/v1/meshes/[slug]/[version]/[feature]/history': 'shared',
  '/api/v1/stats': 'shared',
  // Other areas of issue 16 (open data, embeds and badges): public data, the same for every reader.
  '/api': 'shared',
  '/api/v1/openapi.json': 'shared',
  '/api/v1/dump.json': 'shared',
  '/og/matrix.png': 'shared',
  '/og/meshes/[file]': 'shared',
  '/sitemap.xml': 'shared',
  '/sitemap/[file]': 'shared',
  '/embed/[[...path]]': 'shared',
  '/badge/[[...path]]': 'shared',
  // The cell's revision diff shows moderators a revert form; talk pages and forms show the viewer's own state.
  '/meshes/[slug]/[version]/[feature]/diff': 'private',
  '/meshes/[slug]/[version]/[feature]/talk': 'private',
  '/meshes/[slug]/[version]/[feature]/propose': 'private',
  '/meshes/[slug]/manage': 'private',
  '/changesets/new': 'private',
  '/changesets/[id]': 'private',
  '/changesets/[id]/revise': 'private',
  '/proposals': 'private',
  '/proposals/[id]': 'private',
  '/proposals/[id]/revise': 'private',
  '/review': 'private',
  '/review/patrol': 'private',
  '/review/contributors/[id]': 'private',
  '/admin/[[...path]]': 'private',
  '/signin': 'private',
  '/watchlist': 'private',
  // The secret address is the credential: revoking it must stop it at once, so no cache may keep a copy.
  '/watchlist/feed/[token]': 'private',
  // Sessions, liveness, and the API that answers the caller (or changes something).
  '/api/auth/[...nextauth]': 'private',
  '/api/health': 'private',
  '/api/v1/proposals': 'private',
  '/api/v1/proposals/[id]/approve': 'private',
  '/api/v1/proposals/[id]/patrol': 'private',
  '/api/v1/proposals/[id]/reject': 'private',
  '/api/v1/proposals/[id]/request-changes': 'private',
  '/api/v1/proposals/[id]/withdraw': 'private',
  '/api/v1/changesets': 'private',
  '/api/v1/changesets/[id]': 'private',
  '/api/v1/changesets/[id]/approve': 'private',
  '/api/v1/changesets/[id]/reject': 'private',
  '/api/v1/changesets/[id]/request-changes': 'private',
  '/api/v1/changesets/[id]/withdraw': 'private',
  '/api/v1/comments': 'private',
  '/api/v1/comments/[id]/hide': 'private',
  '/api/v1/comments/[id]/unhide': 'private',
  '/api/v1/meshes/[slug]/[version]/[feature]/revert': 'private',
  '/api/v1/patrol': 'private',
  '/api/v1/watches': 'private',
  '/api/v1/watches/[id]': 'private',
  '/api/v1/watchlist': 'private',
};

type Segment = { kind: 'static'; text: string } | { kind: 'one' } | { kind: 'rest'; optional: boolean };

function segmentsOf(pattern: string): Segment[] {
  return pattern
    .split('/')
    .filter(Boolean)
    .map((part): Segment => {
      if (part.startsWith('[[...')) return { kind: 'rest', optional: true };
      if (part.startsWith('[...')) return { kind: 'rest', optional: false };
      if (part.startsWith('[')) return { kind: 'one' };
      return { kind: 'static', text: part };
    });
}

function matchesPattern(segments: Segment[], parts: string[]): boolean {
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === 'rest') return segment.optional || parts.length > i;
    if (i >= parts.length) return false;
    if (segment.kind === 'static' && segment.text !== parts[i]) return false;
  }
  return segments.length === parts.length;
}

/** Next's order: a static segment beats a dynamic one, which beats a catch-all, first difference deciding. */
function rankOf(segments: Segment[]): number[] {
  return segments.map((segment) => (segment.kind === 'static' ? 0 : segment.kind === 'one' ? 1 : 2));
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? -1;
    const right = b[i] ?? -1;
    if (left !== right) return left - right;
  }
  return 0;
}

const orderedRoutes = Object.entries(routeCacheKinds)
  .map(([pattern, kind]) => ({ pattern, kind, segments: segmentsOf(pattern) }))
  .sort((a, b) => compareRanks(rankOf(a.segments), rankOf(b.segments)));

function routeOf(pathname: string) {
  const parts = pathname.split('/').filter(Boolean);
  return orderedRoutes.find((route) => matchesPattern(route.segments, parts));
}

/** The route pattern that decides a path's caching, or null when no route has a decision. */
export function cacheRouteOf(pathname: string): string | null {
  return routeOf(pathname)?.pattern ?? null;
}

/**
 * The caching of one request. Only reads may be shared: a server action POSTs to its page's URL, and its answer is
 * the poster's own. A path no route decides (a 404) is private, so nothing unplanned is ever shared.
 */
export function cacheKindOf(method: string, pathname: string): CacheKind {
  if (method !== 'GET' && method !== 'HEAD') return 'private';
  return routeOf(pathname)?.kind ?? 'private';
}

/**
 * Whether a path is served by a route handler (`/api/…`, `/changes/feed.xml`, the private `/watchlist/feed/{secret}`, the embeds under `/embed/`,
 * any other address with an extension) rather than a page. tests/unit/cache-policy.test.ts checks it against app/.
 */
export function isRouteHandlerPath(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') ||
    pathname.startsWith('/watchlist/feed/') ||
    pathname.startsWith('/embed/') ||
    /\.[a-z]+$/.test(pathname)
  );
}

/**
 * Whether a request reads a page every reader is shown alike: a GET or HEAD of a shared page (not a route handler).
 * Those pages are served without Next's client runtime (lib/next/light-response.ts); private pages keep React.
 */
export function isReadingPage(method: string, pathname: string): boolean {
  return cacheKindOf(method, pathname) === 'shared' && !isRouteHandlerPath(pathname);
}

export function cacheControlOf(kind: CacheKind): string {
  return kind === 'shared' ? SHARED_CACHE_CONTROL : PRIVATE_CACHE_CONTROL;
}
