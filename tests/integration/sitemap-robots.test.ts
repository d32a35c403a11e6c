import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, generateLargeDatabase } from '@/tests/bench/generate-large';
import { NotFoundError } from '@/lib/rules/errors';
import { cellPath, releasePath } from '@/lib/rules/format';
import { disallowedPaths } from '@/lib/rules/robots';
import { renderSitemap, renderSitemapIndex } from '@/lib/rules/sitemap-xml';
import {
  countSitemapChunks,
  listSitemapChunk,
  publicStaticPaths,
  SITEMAP_MAX_URLS,
  type SitemapEntry,
} from '@/lib/server/sitemap/sitemap';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';
import { xmlWellFormedProblem } from '@/tests/support/xml-well-formed';

const ORIGIN = 'https://meshmatrix.example';

function listEverything(db: TempDatabase, maxUrls = SITEMAP_MAX_URLS): SitemapEntry[][] {
  return Array.from({ length: countSitemapChunks(db.db, maxUrls) }, (_, i) => listSitemapChunk(i, db.db, maxUrls));
}

/** Whether a crawler honouring robots.txt's Disallow lines (prefixes, `*` wildcards, `$` ends) would skip the path. */
function isDisallowed(path: string): boolean {
  return disallowedPaths.some((rule) => {
    const anchored = rule.endsWith('$');
    const body = (anchored ? rule.slice(0, -1) : rule).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
  });
}

describe('sitemap of the seeded database', () => {
  let db: TempDatabase;
  let paths: string[];
  beforeAll(() => {
    db = createTempDatabase();
    paths = listEverything(db)
      .flat()
      .map((e) => e.path);
  });
  afterAll(() => db.cleanup());

  it('lists every mesh, release, row and cell with a value, once each', () => {
    const meshes = db.sqlite.prepare('SELECT slug FROM meshes').all() as { slug: string }[];
    const releases = db.sqlite
      .prepare('SELECT m.slug, v.label FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id')
      .all() as { slug: string; label: string }[];
    const cells = db.sqlite
      .prepare(
        `SELECT m.slug, v.label, f.slug AS feature FROM cell_heads h JOIN mesh_versions v ON v.id = h.mesh_version_id
         JOIN meshes m ON m.id = v.mesh_id JOIN features f ON f.id = h.feature_id`,
      )
      .all() as { slug: string; label: string; feature: string }[];
    expect(meshes.length).toBeGreaterThan(5);
    expect(cells.length).toBeGreaterThan(500);
    const listed = new Set(paths);
    expect(listed.size, 'no page twice').toBe(paths.length);
    for (const m of meshes) expect(listed, m.slug).toContain(`/meshes/${m.slug}`);
    for (const r of releases) expect(listed, `${r.slug} ${r.label}`).toContain(releasePath(r.slug, r.label));
    for (const c of cells) expect(listed).toContain(cellPath(c.slug, c.label, c.feature));
    expect(listed).toContain('/');
    expect(listed).toContain('/changes');
  });

  it('lists no private page and nothing robots.txt disallows', () => {
    for (const path of paths) {
      expect(path).toMatch(/^\//);
      expect(path).not.toMatch(/^\/(admin|review|proposals|watchlist|signin|api|changesets)(\/|$)/);
      expect(path).not.toMatch(/\/(propose|manage|revise)$/);
      expect(isDisallowed(path), path).toBe(false);
    }
  });

  it('robots.txt disallows the private areas and the forms, and not the public pages', () => {
    for (const path of [
      '/admin',
      '/admin/users',
      '/review',
      '/api/auth/signin',
      '/proposals/3',
      '/watchlist',
      '/signin',
    ])
      expect(isDisallowed(path), path).toBe(true);
    for (const path of ['/meshes/istio/manage', '/meshes/istio/1.9/mtls/propose', '/changesets/new'])
      expect(isDisallowed(path), path).toBe(true);
    for (const path of [
      '/',
      '/meshes/istio',
      '/meshes/istio/1.9/mtls',
      '/changes',
      '/api/v1/matrix',
      '/meshes/x/managed',
    ])
      expect(isDisallowed(path), path).toBe(false);
  });

  it('renders absolute URLs in well-formed XML, one file per chunk named in the index', () => {
    const xml = renderSitemap(ORIGIN, listSitemapChunk(0, db.db));
    expect(xmlWellFormedProblem(xml)).toBeNull();
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBe(listSitemapChunk(0, db.db).length);
    for (const loc of locs) expect(new URL(loc.replace(/&amp;/g, '&')).origin).toBe(ORIGIN);
    const index = renderSitemapIndex([`${ORIGIN}/sitemap/0.xml`]);
    expect(xmlWellFormedProblem(index)).toBeNull();
    expect(index).toContain(`<loc>${ORIGIN}/sitemap/0.xml</loc>`);
  });

  it('splits into chunks of at most the limit that together list everything in order', () => {
    const whole = listEverything(db).flat();
    const chunks = listEverything(db, 97);
    expect(chunks.length).toBe(Math.ceil(whole.length / 97));
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBe(97);
    expect(chunks.at(-1)!.length).toBeGreaterThan(0);
    expect(chunks.flat()).toEqual(whole);
  });

  it('answers a chunk past the last with a not-found error', () => {
    const count = countSitemapChunks(db.db);
    expect(() => listSitemapChunk(count, db.db)).toThrow(NotFoundError);
    expect(() => listSitemapChunk(-1, db.db)).toThrow(NotFoundError);
  });
});

describe('sitemap of the large data set (40 meshes × 15 releases × 300 rows)', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase({ seed: false });
    generateLargeDatabase(db, { ...DEFAULT_GENERATE_OPTIONS, revisions: 200_000, pending: 10 });
  }, 180_000);
  afterAll(() => db.cleanup());

  it('splits into files of at most 50,000 URLs that list every cell once', () => {
    const cells = (db.sqlite.prepare('SELECT count(*) AS n FROM cell_heads').get() as { n: number }).n;
    // The generator leaves some cells of each release empty, as real data does: over 100,000 cells, more than two files.
    expect(cells).toBeGreaterThan(100_000);
    const chunks = listEverything(db);
    const structure = db.sqlite
      .prepare(
        'SELECT (SELECT count(*) FROM meshes) + (SELECT count(*) FROM mesh_versions) + (SELECT count(*) FROM features) AS n',
      )
      .get() as { n: number };
    expect(chunks.length).toBe(Math.ceil((publicStaticPaths.length + structure.n + cells) / 50_000));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(50_000);
    const all = chunks.flat().map((e) => e.path);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((p) => p.split('/').length === 5).length).toBe(cells);
  }, 60_000);
});
