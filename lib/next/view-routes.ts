/**
 * Which file serves which public URL, for the URLs that are not served where their path says.
 *
 * Next prerenders a page without route params at build time, from whatever database the build machine has. `/`,
 * `/meshes`, `/changes` and `/about/data` must render from the running server's database instead, and still be cached
 * until a write revalidates them (lib/next/revalidate.ts). So they are served by one dynamic-segment route with no prebuilt
 * params, app/cached-views/[view]/page.tsx, and next.config.ts rewrites each public URL onto it. Their query variants
 * render per request: `/?at=…` and the filters in app/matrix-filtered, `/changes?mesh=…` in app/changes/filtered.
 *
 * Next 16's cacheComponents (`'use cache'` + `cacheTag`) was measured as the alternative and not adopted: a cached `/`
 * became a per-request partial-prerender resume (about a fifth of today's req/s, `Cache-Control: private, no-store`),
 * and the partial-prerender shell answers 200 before notFound() or unauthorized() can set 404/401.
 *
 * next.config.ts (rewrites) and lib/next/revalidate.ts (what a write revalidates) both read this module, so it imports nothing.
 */

/** The route behind every cached view: app/cached-views/[view]/page.tsx. */
export const cachedViewRoute = '/cached-views/[view]';

/** Internal path of one cached view (what the rewrites point at and revalidatePath takes). */
export function cachedViewPath(view: string): string {
  return cachedViewRoute.replace('[view]', view);
}

/**
 * Public URL → view name in app/cached-views/[view]. Besides these, `/?columns=N` is view `matrix-N` and
 * `/?sparse=1` (with or without `columns`) is `matrix-all` or `matrix-all-N`.
 */
export const cachedViews = {
  '/': 'matrix',
  '/meshes': 'meshes',
  '/changes': 'changes',
  '/about/data': 'about-data',
} as const;

/** Internal paths of the cached views a cell change revalidates by name. */
export const viewPaths = {
  matrix: cachedViewPath(cachedViews['/']),
  meshes: cachedViewPath(cachedViews['/meshes']),
  changes: cachedViewPath(cachedViews['/changes']),
} as const;

/** `/` with any query but a valid `columns`/`sparse=1` page: app/matrix-filtered/page.tsx, rendered per request. */
export const filteredMatrixPath = '/matrix-filtered';
/** `/changes` with `mesh`, `category` or `page`: app/changes/filtered/page.tsx, rendered per request. */
export const filteredChangesPath = '/changes/filtered';

/** Query keys of `/` rendered per request (the filters and as-of date); `sparse` and `columns` may be cached pages. */
const matrixFilterKeys = ['at', 'need', 'q', 'partial'];
/** Query keys of `/changes`, all rendered per request. */
const changesFilterKeys = ['mesh', 'category', 'page'];

type QueryCondition = { type: 'query'; key: string; value?: string };
export type ViewRewrite = { source: string; destination: string; has?: QueryCondition[]; missing?: QueryCondition[] };

/** A later page of meshes: 2 to 999 (page 1 is `/` itself). */
const laterPage = '(?<page>[2-9]|[1-9][0-9]{1,2})';

/**
 * next.config.ts's `beforeFiles` rewrites, in the order Next tries them (the first match wins, so the query variants
 * come before the plain URLs).
 */
export function viewRewrites(): ViewRewrite[] {
  const query = (key: string, value?: string): QueryCondition =>
    value === undefined ? { type: 'query', key } : { type: 'query', key, value };
  return [
    // Any query on `/` (as-of date, filters) is served by the per-request filtered matrix.
    ...matrixFilterKeys.map((key) => ({
      source: '/',
      has: [query(key)],
      destination: filteredMatrixPath,
    })),
    // `/?sparse=1` adds the meshes with little data yet, cached like `/` page by page; any other `sparse` gets the filtered matrix's error message.
    {
      source: '/',
      has: [query('sparse', '1'), query('columns', laterPage)],
      destination: cachedViewPath('matrix-all-:page'),
    },
    {
      source: '/',
      has: [query('sparse', '1')],
      missing: [query('columns')],
      destination: cachedViewPath('matrix-all'),
    },
    { source: '/', has: [query('sparse')], destination: filteredMatrixPath },
    // Later pages of meshes are cached like `/`; anything else in `columns` gets the filtered matrix's error message.
    { source: '/', has: [query('columns', laterPage)], destination: cachedViewPath('matrix-:page') },
    { source: '/', has: [query('columns')], destination: filteredMatrixPath },
    ...changesFilterKeys.map((key) => ({
      source: '/changes',
      has: [query(key)],
      destination: filteredChangesPath,
    })),
    // The plain URLs: database-backed pages without route params render at run time, never at build.
    ...Object.entries(cachedViews).map(([source, view]) => ({ source, destination: cachedViewPath(view) })),
    // Query-string forms of path routes.
    {
      source: '/meshes/:slug/compare',
      has: [query('from', '(?<from>.+)'), query('to', '(?<to>.+)')],
      destination: '/meshes/:slug/compare/:from/:to',
    },
    { source: '/meshes/:slug', has: [query('version', '(?<version>.+)')], destination: '/meshes/:slug/:version' },
  ];
}

/** No page has a longer path: the proxy answers 404 before routing one (lib/next/request-gate.ts). */
export const MAX_PATH_LENGTH = 2048;

/** Methods that read: a page or route handler answers them without a write. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths whose every query variant renders per request (filters, compare, exports with parameters, diffs). */
const perRequestWithQuery = [
  /^\/$/,
  /^\/compare$/,
  /^\/changes$/,
  /^\/api\/v1\/matrix(\.csv)?$/,
  /\/diff$/,
  /^\/meshes\/[^/]+\/[^/]+\/[^/]+\/history$/,
];

/**
 * Whether a request renders past the page cache, so it counts against the per-client limit for such renders. The
 * cached query forms of `/` (`sparse=1`, a later `columns` page) do not; a request with `at` always does.
 */
export function rendersPerRequest(pathname: string, params: URLSearchParams): boolean {
  if (params.has('at')) return true;
  if (params.size === 0 || !perRequestWithQuery.some((pattern) => pattern.test(pathname))) return false;
  if (pathname !== '/') return true;
  const keys = [...params.keys()];
  const cachedKeys = keys.every((key) => key === 'sparse' || key === 'columns') && new Set(keys).size === keys.length;
  const columns = params.get('columns');
  const cachedPage =
    (params.get('sparse') ?? '1') === '1' && (columns === null || new RegExp(`^${laterPage}$`).test(columns));
  return !(cachedKeys && cachedPage);
}

/** The query keys the cached views' rewrites know, the lists among them, and the per-request page behind them. */
const viewQueries: Record<string, { keys: string[]; lists: string[]; page: string }> = {
  '/': { keys: [...matrixFilterKeys, 'sparse', 'columns'], lists: ['need'], page: filteredMatrixPath },
  '/changes': { keys: changesFilterKeys, lists: [], page: filteredChangesPath },
};

/**
 * Where a query the rewrites cannot route goes: a rewrite can only test a named key, so a key no rewrite names (or a
 * key given twice) would reach the cached view, which cannot see it. The per-request page names the problem instead.
 */
export function perRequestPageFor(pathname: string, params: URLSearchParams): string | null {
  const view = viewQueries[pathname];
  if (!view || params.size === 0) return null;
  const keys = [...params.keys()];
  const odd = keys.some((key, i) => !view.keys.includes(key) || (!view.lists.includes(key) && keys.indexOf(key) !== i));
  return odd ? view.page : null;
}
