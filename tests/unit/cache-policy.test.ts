import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cacheControlOf,
  cacheKindOf,
  cacheRouteOf,
  isReadingPage,
  isRouteHandlerPath,
  PRIVATE_CACHE_CONTROL,
  routeCacheKinds,
  SHARED_CACHE_CONTROL,
} from '@/lib/next/cache-policy';
import { cachedViews } from '@/lib/next/view-routes';

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** `app/meshes/[slug]/page.tsx` → `/meshes/[slug]`; route groups `(x)` are not part of the URL. */
function routeOfFile(file: string): string {
  const folders = path
    .relative('app', path.dirname(file))
    .split(path.sep)
    .filter((part) => part && !/^\(.*\)$/.test(part));
  return `/${folders.join('/')}`;
}

const pages = filesNamed('app', 'page.tsx');
const handlers = filesNamed('app', 'route.ts');
/** Generated Open Graph images and icons: served at an address without an extension, so the proxy sets their headers. */
const generatedImages = ['opengraph-image', 'twitter-image', 'icon', 'apple-icon'].flatMap((name) =>
  ['tsx', 'ts', 'js'].flatMap((ext) => filesNamed('app', `${name}.${ext}`)),
);
/** Whole areas decided at once: every route below them is theirs (admin is private; embeds and badges public). */
const areas = Object.keys(routeCacheKinds).filter((pattern) => pattern.endsWith('...path]]'));

function isDecided(route: string): boolean {
  if (route in routeCacheKinds) return true;
  return areas.some((area) => route === area.replace(/\/\[\[\.\.\.path\]\]$/, '') || cacheRouteOf(route) === area);
}

describe('the cache policy', () => {
  it('has a decision for every page and route handler under app/', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(handlers.length).toBeGreaterThan(20);
    const imageRoutes = generatedImages.map((file) =>
      `${routeOfFile(file)}/${path.basename(file, path.extname(file))}`.replace('//', '/'),
    );
    const undecided = [...pages.map(routeOfFile), ...handlers.map(routeOfFile), ...imageRoutes].filter(
      (route) => !isDecided(route),
    );
    expect(undecided, 'add each to routeCacheKinds in lib/next/cache-policy.ts').toEqual([]);
  });

  it("tells route handlers from pages, since the proxy sets only the pages' headers", () => {
    // A made-up value for each dynamic segment: `[slug]` → `slug`, `[...nextauth]` → `nextauth`.
    const sample = (route: string) => route.replace(/\[+(?:\.\.\.)?(\w+)\]+/g, '$1');
    // A handler whose last segment is a file name (a badge, a preview image, a sitemap) is asked for with its extension.
    const withExtension = (route: string) =>
      ({
        '/badge/[mesh]/[feature]': '/badge/mesh/feature.svg',
        '/og/meshes/[file]': '/og/meshes/file.png',
        '/sitemap/[file]': '/sitemap/file.xml',
      })[route] ?? route;
    const handlerRoutes = handlers.map(routeOfFile).map(withExtension).map(sample);
    const pageRoutes = pages.map(routeOfFile).map(sample);
    expect(handlerRoutes.filter((route) => !isRouteHandlerPath(route))).toEqual([]);
    expect(pageRoutes.filter((route) => isRouteHandlerPath(route))).toEqual([]);
  });

  it('has each route handler answer its own decision: respondCached for shared reads, no-store otherwise', () => {
    for (const file of handlers) {
      const source = fs.readFileSync(file, 'utf8');
      const route = routeOfFile(file);
      if (!/export (async )?function GET/.test(source)) continue;
      // respondCached, or its kin for bodies too large to build in memory (the dump, the CSV) and for images.
      if (cacheKindOf('GET', route) === 'shared')
        expect(source, route).toMatch(/respond(Cached|Streamed|Precomputed|CachedImage)\(/);
      // next-auth answers its own routes with no-store.
      else if (!route.startsWith('/api/auth/'))
        expect(source, route).toMatch(/'Cache-Control': '(private, )?no-store'/);
    }
  });

  it('keeps every page that reads the session or the request private', () => {
    const personal = pages.filter((file) =>
      /getCurrentUser|requirePageRole|getServerSession|\bcookies\(|\bheaders\(/.test(fs.readFileSync(file, 'utf8')),
    );
    expect(personal.length).toBeGreaterThan(10);
    const shared = personal.map(routeOfFile).filter((route) => cacheKindOf('GET', route) !== 'private');
    expect(shared, 'a page that depends on who asks must never reach a shared cache').toEqual([]);
  });

  it('shares every cached (ISR) page and every public URL rewritten onto one', () => {
    const cached = pages.filter((file) => /dynamic = 'force-static'/.test(fs.readFileSync(file, 'utf8')));
    expect(cached.length).toBeGreaterThan(4);
    for (const route of [...cached.map(routeOfFile), ...Object.keys(cachedViews)])
      expect(cacheKindOf('GET', route), route).toBe('shared');
  });

  it('classifies public and personal URLs the way Next routes them', () => {
    const shared = [
      '/',
      '/meshes',
      '/meshes/istio',
      '/meshes/istio/1.9',
      '/meshes/istio/1.9/mtls',
      '/meshes/istio/compare',
      '/meshes/istio/compare/1.8/1.9',
      '/changes',
      '/changes/feed.xml',
      '/rows/mtls',
      '/about',
      '/about/data',
      '/compare',
      '/needs-checking',
      '/api/v1/matrix',
      '/api/v1/matrix.csv',
      '/api/v1/stats',
      '/api/v1/meshes/istio/diff',
      '/api/v1/meshes/istio/1.9/mtls/history',
    ];
    const personal = [
      '/meshes/istio/manage',
      '/meshes/istio/1.9/mtls/talk',
      '/meshes/istio/1.9/mtls/propose',
      '/meshes/istio/1.9/mtls/diff',
      '/watchlist',
      '/watchlist/feed/abc',
      '/review',
      '/review/patrol',
      '/admin',
      '/admin/users/3',
      '/proposals',
      '/proposals/7',
      '/signin',
      '/api/health',
      '/api/auth/session',
      '/api/v1/watchlist',
      '/api/v1/proposals',
      '/api/v1/meshes/istio/1.9/mtls/revert',
      // No route decides these: nothing unplanned is ever shared.
      '/no/such/page/at/all',
      '/meshes/istio/1.9/mtls/unknown',
    ];
    for (const url of shared) expect(cacheKindOf('GET', url), url).toBe('shared');
    for (const url of shared) expect(cacheKindOf('HEAD', url), url).toBe('shared');
    for (const url of personal) expect(cacheKindOf('GET', url), url).toBe('private');
    // A server action posts to its page's URL, and its answer is the poster's own.
    expect(cacheKindOf('POST', '/meshes/istio/1.9/mtls')).toBe('private');
    expect(cacheRouteOf('/meshes/istio/compare')).toBe('/meshes/[slug]/compare');
    expect(cacheRouteOf('/meshes/istio/manage')).toBe('/meshes/[slug]/manage');
  });

  it('gives shared responses a short shared lifetime with stale-while-revalidate, and personal ones no-store', () => {
    expect(cacheControlOf('shared')).toBe(SHARED_CACHE_CONTROL);
    expect(SHARED_CACHE_CONTROL).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    const sMaxAge = Number(/s-maxage=(\d+)/.exec(SHARED_CACHE_CONTROL)?.[1]);
    expect(sMaxAge).toBeGreaterThan(0);
    expect(sMaxAge).toBeLessThanOrEqual(300);
    expect(cacheControlOf('private')).toBe(PRIVATE_CACHE_CONTROL);
    expect(PRIVATE_CACHE_CONTROL).toBe('private, no-store');
  });

  it('serves without React exactly the shared pages read with GET or HEAD, never a handler, a write or a private page', () => {
    for (const path of [
      '/',
      '/meshes',
      '/meshes/istio/1.3/mtls',
      '/meshes/istio/compare',
      '/changes',
      '/about',
      '/api',
    ])
      for (const method of ['GET', 'HEAD']) expect(isReadingPage(method, path), `${method} ${path}`).toBe(true);
    expect(isReadingPage('POST', '/meshes/istio')).toBe(false);
    for (const path of [
      '/signin',
      '/review',
      '/meshes/istio/1.3/mtls/propose',
      '/meshes/istio/1.3/mtls/talk',
      '/embed/meshes/istio',
      '/api/v1/matrix',
      '/changes/feed.xml',
      '/no-such-page',
    ])
      expect(isReadingPage('GET', path), path).toBe(false);
  });
});
