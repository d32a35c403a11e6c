import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, features, meshes, meshVersions, type RevisionKind, type SupportLevel } from '@/db/schema';
import { appendRevision } from '@/lib/server/cells/cells';
import { dataQualityToJson, getDataQuality } from '@/lib/server/exports/data-quality';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

/*
 * A small world built by hand so every figure is known: four active rows
 * (three support, one text) and one retired row; Dense at two releases,
 * Half with exactly half its rows known, Sparse with one, and an archived mesh.
 */
let db: TempDatabase;
const ids = { rows: {} as Record<string, number>, versions: {} as Record<string, number> };
const source = [{ url: 'https://example.com/docs', title: 'Docs' }];

function write(
  version: string,
  row: string,
  kind: RevisionKind,
  value: { support?: SupportLevel | null; text?: string | null },
  createdAt: string,
  carriedFrom?: number,
) {
  return appendRevision(db.db, {
    meshVersionId: ids.versions[version]!,
    featureId: ids.rows[row]!,
    support: value.support ?? null,
    text: value.text ?? null,
    sources: source,
    kind,
    createdAt,
    carriedFromRevisionId: carriedFrom ?? null,
  });
}

beforeAll(() => {
  db = createTempDatabase({ seed: false });
  const category = db.db.insert(categories).values({ slug: 'general', name: 'General', position: 1 }).returning().get();
  const rowSpecs = [
    ['mtls', 'support'],
    ['retries', 'support'],
    ['licence', 'text'],
    ['tracing', 'support'],
    ['old-row', 'support'],
  ] as const;
  rowSpecs.forEach(([slug, kind], i) => {
    const status = slug === 'old-row' ? 'retired' : 'active';
    ids.rows[slug] = db.db
      .insert(features)
      .values({ categoryId: category.id, slug, name: slug, definition: `${slug} works`, kind, position: i, status })
      .returning()
      .get().id;
  });
  const mesh = (slug: string, position: number, status: 'active' | 'archived' = 'active') =>
    db.db.insert(meshes).values({ slug, name: slug.toUpperCase(), position, status }).returning().get().id;
  const release = (key: string, meshId: number, label: string, createdAt: string, releasedOn: string | null = null) => {
    ids.versions[key] = db.db
      .insert(meshVersions)
      .values({ meshId, label, releasedOn, createdAt })
      .returning()
      .get().id;
  };
  const dense = mesh('dense', 1);
  const sparse = mesh('sparse', 2);
  const half = mesh('half', 3);
  const gone = mesh('gone', 4, 'archived');
  release('dense@1', dense, '1.0', '2022-01-01T00:00:00.000Z', '2022-01-01');
  release('dense@2', dense, '2.0', '2024-06-01T00:00:00.000Z', '2024-07-01');
  release('sparse@x', sparse, 'managed', '2024-03-05T00:00:00.000Z');
  release('half@1', half, '1', '2023-01-01T00:00:00.000Z');
  release('gone@1', gone, '1', '2020-01-01T00:00:00.000Z');

  // Dense 1.0: everything checked in 2022.
  const mtls1 = write('dense@1', 'mtls', 'seed', { support: 'yes' }, '2022-01-10T00:00:00.000Z');
  write('dense@1', 'retries', 'seed', { support: 'no' }, '2022-01-10T00:00:00.000Z');
  // Dense 2.0: mtls carried over, retries confirmed long ago (stale), licence fresh, tracing unknown; a retired row ignored.
  write('dense@2', 'mtls', 'carry_forward', { support: 'yes' }, '2024-06-01T00:00:00.000Z', mtls1.id);
  write('dense@2', 'retries', 'seed', { support: 'partial' }, '2022-12-31T00:00:00.000Z');
  write('dense@2', 'licence', 'proposal', { text: 'Apache-2.0' }, '2024-08-01T00:00:00.000Z');
  write('dense@2', 'tracing', 'import', { support: 'unknown' }, '2024-08-02T00:00:00.000Z');
  write('dense@2', 'old-row', 'seed', { support: 'yes' }, '2024-08-03T00:00:00.000Z');
  // Half: exactly two of four rows known, so not sparse.
  write('half@1', 'mtls', 'seed', { support: 'no' }, '2023-01-02T00:00:00.000Z');
  write('half@1', 'licence', 'seed', { text: 'MIT' }, '2023-01-02T00:00:00.000Z');
  write('half@1', 'retries', 'seed', { support: 'unknown' }, '2023-01-02T00:00:00.000Z');
  // Sparse: one known row, and a blank text that does not count.
  write('sparse@x', 'mtls', 'seed', { support: 'yes' }, '2024-03-06T00:00:00.000Z');
  write('sparse@x', 'licence', 'seed', { text: '   ' }, '2024-03-06T00:00:00.000Z');
  write('gone@1', 'mtls', 'seed', { support: 'yes' }, '2020-01-02T00:00:00.000Z');
});
afterAll(() => db.cleanup());

describe('coverage in the matrix', () => {
  it('gives every column its known rows of the active rows', () => {
    const matrix = getMatrix({}, db.db);
    expect(Object.fromEntries(matrix.columns.map((c) => [c.mesh.slug, c.coverage]))).toEqual({
      dense: { known: 3, rows: 4 },
      sparse: { known: 1, rows: 4 },
      half: { known: 2, rows: 4 },
    });
    expect(matrix.sparseCount).toBeUndefined();
    expect(matrixToJson(matrix).meshes.map((m) => [m.slug, m.coverage])).toEqual([
      ['dense', { known: 3, rows: 4 }],
      ['sparse', { known: 1, rows: 4 }],
      ['half', { known: 2, rows: 4 }],
    ]);
  });

  it('groups sparse meshes after the others, or leaves them out, before paging', () => {
    const after = getMatrix({ sparse: 'after', columnPage: 1 }, db.db);
    expect(after.columns.map((c) => c.mesh.slug)).toEqual(['dense', 'half', 'sparse']);
    expect(after.sparseCount).toBe(1);
    expect(after.columnPage?.total).toBe(3);
    const hidden = getMatrix({ sparse: 'hide', columnPage: 1 }, db.db);
    expect(hidden.columns.map((c) => c.mesh.slug)).toEqual(['dense', 'half']);
    expect(hidden.sparseCount).toBe(1);
    expect(Object.keys(hidden.cells)).toEqual(['dense', 'half']);
  });

  it('counts coverage as of a date from the values of then', () => {
    const matrix = getMatrix({ at: '2024-07-15' }, db.db);
    expect(matrix.columns.find((c) => c.mesh.slug === 'dense')?.coverage).toEqual({ known: 2, rows: 4 });
  });
});

describe('getDataQuality', () => {
  it('reports each active mesh at its newest release', () => {
    const quality = getDataQuality(db.db);
    expect(quality.meshes.map((m) => m.mesh.slug)).toEqual(['dense', 'sparse', 'half']);
    const dense = quality.meshes[0]!;
    expect(dense.newestRelease).toEqual({ label: '2.0', releasedOn: '2024-07-01', firstNamedOn: '2024-06-01' });
    expect(dense.coverage).toEqual({ known: 3, rows: 4 });
    expect(dense.sourced).toEqual({ count: 4, of: 4 });
    expect(dense.carried).toEqual({ count: 1, of: 4 });
    // mtls carried; retries confirmed 2022-12-31, more than 18 months before 2024-07-01; licence and tracing fresh.
    expect(dense.stale).toEqual({ count: 2, of: 4 });
    expect(dense.lastChangedAt).toBe('2024-08-03T00:00:00.000Z');
    const sparse = quality.meshes[1]!;
    expect(sparse.newestRelease).toEqual({ label: 'managed', releasedOn: null, firstNamedOn: '2024-03-05' });
    expect(sparse.stale).toEqual({ count: 0, of: 2 });
  });

  it('sums overall figures over the active meshes', () => {
    const { overall } = getDataQuality(db.db);
    expect(overall).toEqual({
      meshes: 3,
      releases: 4,
      rows: 4,
      cellsKnown: { count: 6, of: 12 },
      revisions: 13,
      sourced: { count: 9, of: 9 },
      stale: { count: 2, of: 9 },
      placement: { named: 9, inferred: 0, dateLabelled: 0 },
    });
  });

  it('gives zeros for an empty database, never a division by zero', () => {
    const other = createTempDatabase({ seed: false });
    try {
      expect(getDataQuality(other.db)).toEqual({
        meshes: [],
        overall: {
          meshes: 0,
          releases: 0,
          rows: 0,
          cellsKnown: { count: 0, of: 0 },
          revisions: 0,
          sourced: { count: 0, of: 0 },
          stale: { count: 0, of: 0 },
          placement: { named: 0, inferred: 0, dateLabelled: 0 },
        },
      });
    } finally {
      other.cleanup();
    }
  });

  it('serialises to the public JSON shape with percentages', () => {
    const json = dataQualityToJson(getDataQuality(db.db), '2026-01-01T00:00:00.000Z');
    expect(json.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(json.overall.stale).toEqual({ count: 2, of: 9, percent: 22 });
    expect(json.overall.cellsKnown).toEqual({ count: 6, of: 12, percent: 50 });
    expect(json.meshes[0]).toEqual(
      expect.objectContaining({
        slug: 'dense',
        name: 'DENSE',
        coverage: { known: 3, rows: 4 },
        stale: { count: 2, of: 4, percent: 50 },
      }),
    );
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
