import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshes, meshVersions, type Revision } from '@/db/schema';
import { appendRevision } from '@/lib/server/cells/cells';
import { BadRequestError } from '@/lib/rules/errors';
import { parseSearchParams } from '@/lib/next/http';
import { endOfDay, getMatrix, listCategories, type MatrixView } from '@/lib/server/matrix/matrix';
import { filterMatrix } from '@/lib/server/matrix/matrix-filter';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { addRelease } from '@/lib/server/releases/releases';
import { parseInput } from '@/lib/rules/validation';
import { matrixQuerySchema } from '@/lib/server/matrix/query-schemas';
import { expectAppError } from '@/tests/support/assertions';
import { createCast, type Cast } from '@/tests/support/cast';
import {
  columnLabels,
  featureId,
  headOf,
  ISTIO_NEWEST,
  LINKERD_NEWEST,
  meshId,
  SOURCE,
  versionOf,
} from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

describe('getMatrix', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('shows the newest release of every active mesh and no archived one', () => {
    const matrix = getMatrix({}, db.db);
    const slugs = matrix.columns.map((c) => c.mesh.slug);
    expect(slugs).toContain('istio');
    expect(slugs).toContain('cilium');
    expect(slugs).not.toContain('open-service-mesh');
    expect(matrix.columns.every((c) => c.mesh.status === 'active')).toBe(true);
    expect(matrix.columns.find((c) => c.mesh.slug === 'istio')?.version.label).toBe('1.20');
    expect(matrix.columns.find((c) => c.mesh.slug === 'linkerd')?.version.label).toBe('2.13');
    expect(matrix.columns.find((c) => c.mesh.slug === 'kuma')?.version.label).toBe('2.0');
  });

  it('groups rows by category in order and carries each value with its sources', () => {
    const matrix = getMatrix({}, db.db);
    expect(matrix.categories.map((c) => c.slug)).toEqual(listCategories(db.db).map((c) => c.slug));
    expect(matrix.categories[0]?.slug).toBe('general');
    const mtls = matrix.cells.istio?.mtls;
    expect(mtls?.support).toBe('yes');
    expect(mtls?.sources.length).toBeGreaterThan(0);
  });

  it('marks carried values with the release they were last checked in', () => {
    const matrix = getMatrix({}, db.db);
    // Carried into 1.20 from the value last written for 1.18; circuit breaking was written for 1.20 itself.
    expect(matrix.cells.istio?.['traffic-specs']?.carriedFrom).toBe('1.18');
    expect(matrix.cells.istio?.['traffic-specs']?.kind).toBe('carry_forward');
    expect(matrix.cells.istio?.['circuit-breaking']?.carriedFrom).toBeNull();
    expect(matrix.cells.istio?.['circuit-breaking']?.kind).toBe('import');
  });

  it('narrows columns and picks releases', () => {
    const matrix = getMatrix(
      {
        meshes: ['istio', 'linkerd'],
        versions: [
          { mesh: 'istio', label: '1.3' },
          { mesh: 'linkerd', label: '2.6' },
        ],
      },
      db.db,
    );
    expect(matrix.columns.map((c) => `${c.mesh.slug}@${c.version.label}`).sort()).toEqual(['istio@1.3', 'linkerd@2.6']);
    expect(matrix.cells.linkerd?.['circuit-breaking']?.support).toBe('no');
  });

  it('includes an archived mesh only when asked for by name', () => {
    expect(getMatrix({ meshes: ['open-service-mesh'] }, db.db).columns.map((c) => c.mesh.slug)).toEqual([
      'open-service-mesh',
    ]);
  });

  it('names unknown meshes and releases', () => {
    expect(() => getMatrix({ meshes: ['istio', 'nosuchmesh'] }, db.db)).toThrow(BadRequestError);
    expect(() => getMatrix({ meshes: ['nosuchmesh'] }, db.db)).toThrow(/nosuchmesh/);
    expect(() => getMatrix({ versions: [{ mesh: 'istio', label: '9.9' }] }, db.db)).toThrow(/istio@9\.9/);
  });

  it('serializes to the public JSON contract', () => {
    const json = matrixToJson(getMatrix({ meshes: ['istio'] }, db.db), '2026-01-01T00:00:00.000Z');
    expect(json.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(json.meshes[0]).toEqual({
      slug: 'istio',
      name: 'Istio',
      status: 'active',
      version: { label: '1.20', releasedOn: null },
      coverage: { known: expect.any(Number), rows: expect.any(Number) },
    });
    const cell = json.cells.istio?.mtls;
    expect(Object.keys(cell ?? {}).sort()).toEqual([
      'carriedFrom',
      'confirmedOn',
      'note',
      'releaseInferred',
      'revisionId',
      'sources',
      'stale',
      'support',
      'text',
      'updatedAt',
    ]);
    expect(json.categories[0]?.features[0]).toHaveProperty('definition');
  });
});

describe('the matrix as of a date', () => {
  let db: TempDatabase;
  let cast: Cast;
  const D = '2024-05-01';

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  /** A value on Istio's newest seeded release, the column the matrix shows for D. */
  function append(
    featureSlug: string,
    createdAt: string,
    note: string,
    support: 'yes' | 'partial' | 'no' = 'partial',
  ): Revision {
    const version = versionOf(db, 'istio', ISTIO_NEWEST);
    return appendRevision(db.db, {
      meshVersionId: version.id,
      featureId: featureId(db, featureSlug),
      support,
      text: null,
      note,
      sources: [SOURCE],
      kind: 'import',
      reason: 'test fixture',
      createdAt,
    });
  }

  it('shows the seeded releases each date knew about', () => {
    // Istio 1.6 was named on 2020-05-26, Linkerd 2.8 only on 2020-06-10; Cilium first on 2022-09-12.
    const y2020 = columnLabels(getMatrix({ at: '2020-06-01' }, db.db));
    expect(y2020.istio).toBe('1.6');
    expect(y2020.linkerd).toBe('2.7');
    expect(y2020.cilium).toBeUndefined();

    // Istio 1.11 was named on 2021-09-01, Kuma 1.1 on 2021-03-11, Linkerd 2.10 on 2021-03-11.
    const y2021 = columnLabels(getMatrix({ at: '2021-06-01' }, db.db));
    expect(y2021.istio).toBe('1.9');
    expect(y2021.kuma).toBe('1.1');
    expect(y2021.linkerd).toBe('2.10');

    const empty = getMatrix({ at: '2019-01-01' }, db.db);
    expect(empty.columns).toEqual([]);
    expect(empty.cells).toEqual({});
    expect(empty.pending).toEqual({});
    expect(empty.categories.length).toBeGreaterThan(0);
  });

  it('differs from today for at least one cell in 2020', () => {
    const then = getMatrix({ at: '2020-06-01' }, db.db);
    const now = getMatrix({}, db.db);
    let differing = 0;
    for (const { mesh } of then.columns) {
      for (const category of now.categories) {
        for (const feature of category.features) {
          const a = then.cells[mesh.slug]?.[feature.slug];
          const b = now.cells[mesh.slug]?.[feature.slug];
          if (
            (a?.support ?? null) !== (b?.support ?? null) ||
            (a?.text ?? null) !== (b?.text ?? null) ||
            (a?.note ?? null) !== (b?.note ?? null)
          )
            differing++;
        }
      }
    }
    expect(differing).toBeGreaterThan(0);
    // Every value shown for 2020 existed by the end of that day.
    for (const values of Object.values(then.cells)) {
      for (const value of Object.values(values)) expect(value.updatedAt <= '2020-06-01T23:59:59.999Z').toBe(true);
    }
  });

  it('includes revisions from the first to the last millisecond of the day, not the next one', () => {
    const seeded = {
      start: headOf(db, 'istio', ISTIO_NEWEST, 'fault-injection'),
      end: headOf(db, 'istio', ISTIO_NEWEST, 'delay-injection'),
      next: headOf(db, 'istio', ISTIO_NEWEST, 'rate-limiting'),
    };
    const start = append('fault-injection', `${D}T00:00:00.000Z`, 'start of day');
    const end = append('delay-injection', `${D}T23:59:59.999Z`, 'end of day');
    const next = append('rate-limiting', '2024-05-02T00:00:00.000Z', 'next day');

    const before = getMatrix({ at: '2024-04-30' }, db.db).cells.istio!;
    expect(before['fault-injection']?.revisionId).toBe(seeded.start.id);
    expect(before['delay-injection']?.revisionId).toBe(seeded.end.id);

    const onD = getMatrix({ at: D }, db.db).cells.istio!;
    expect(onD['fault-injection']).toMatchObject({
      revisionId: start.id,
      note: 'start of day',
      kind: 'import',
      updatedAt: `${D}T00:00:00.000Z`,
    });
    expect(onD['delay-injection']).toMatchObject({ revisionId: end.id, note: 'end of day' });
    expect(onD['rate-limiting']?.revisionId).toBe(seeded.next.id);
    expect(onD['rate-limiting']?.note).toBe(seeded.next.note);

    const nextDay = getMatrix({ at: '2024-05-02' }, db.db).cells.istio!;
    expect(nextDay['rate-limiting']).toMatchObject({ revisionId: next.id, note: 'next day' });
  });

  it('orders by time, not by id, and breaks ties by the higher id', () => {
    const late = append('retry-and-timeout', `${D}T20:00:00.000Z`, 'late');
    append('retry-and-timeout', `${D}T08:00:00.000Z`, 'early but appended later');
    expect(getMatrix({ at: D }, db.db).cells.istio?.['retry-and-timeout']).toMatchObject({
      revisionId: late.id,
      note: 'late',
    });

    const first = append('authorization-rules', `${D}T12:00:00.000Z`, 'first of a tie', 'no');
    const second = append('authorization-rules', `${D}T12:00:00.000Z`, 'second of a tie', 'yes');
    expect(second.id).toBeGreaterThan(first.id);
    expect(getMatrix({ at: D }, db.db).cells.istio?.['authorization-rules']).toMatchObject({
      revisionId: second.id,
      note: 'second of a tie',
      support: 'yes',
    });
  });

  it('does not use a release recorded after the date', () => {
    const result = addRelease(cast.mo, { mesh: 'istio', label: '1.21.0' }, { db: db.db });
    expect(endOfDay(D)).toBe(`${D}T23:59:59.999Z`);
    expect(result.version.createdAt > endOfDay(D)).toBe(true);
    expect(columnLabels(getMatrix({}, db.db)).istio).toBe('1.21.0');
    const onD = getMatrix({ at: D }, db.db);
    expect(columnLabels(onD).istio).toBe(ISTIO_NEWEST);
    expect(onD.cells.istio?.['fault-injection']?.note).toBe('start of day');
    expect(onD.pending).toEqual(Object.fromEntries(onD.columns.map((c) => [c.mesh.slug, {}])));
  });

  it('does not use a release whose release date is after the date, even if recorded before', () => {
    db.db
      .insert(meshVersions)
      .values({
        meshId: meshId(db, 'linkerd'),
        label: '2.14',
        releasedOn: '2024-05-02',
        createdAt: '2024-04-01T00:00:00.000Z',
      })
      .run();
    expect(columnLabels(getMatrix({ at: D }, db.db)).linkerd).toBe(LINKERD_NEWEST);
    expect(columnLabels(getMatrix({ at: '2024-05-02' }, db.db)).linkerd).toBe('2.14');
    expect(getMatrix({ at: '2024-05-02' }, db.db).cells.linkerd).toEqual({});
  });

  it('has no column for a mesh with no release known on the date', () => {
    const id = db.db
      .insert(meshes)
      .values({ slug: 'late-mesh', name: 'Late Mesh', position: 99, createdAt: '2024-06-01T00:00:00.000Z' })
      .returning()
      .get().id;
    db.db.insert(meshVersions).values({ meshId: id, label: '1.0', createdAt: '2024-06-01T10:00:00.000Z' }).run();
    expect(columnLabels(getMatrix({ at: D }, db.db))['late-mesh']).toBeUndefined();
    expect(getMatrix({ at: D }, db.db).cells['late-mesh']).toBeUndefined();
    expect(columnLabels(getMatrix({ at: '2024-06-01' }, db.db))['late-mesh']).toBe('1.0');
    expect(columnLabels(getMatrix({}, db.db))['late-mesh']).toBe('1.0');
  });

  it('combines with chosen meshes and releases', () => {
    const matrix = getMatrix({ at: '2021-06-01', meshes: ['istio', 'cilium'] }, db.db);
    expect(columnLabels(matrix)).toEqual({ istio: '1.9' });
    expect(
      columnLabels(getMatrix({ at: '2021-06-01', versions: [{ mesh: 'istio', label: '1.4' }] }, db.db)).istio,
    ).toBe('1.4');
    expect(() => getMatrix({ at: '2020-06-01', versions: [{ mesh: 'istio', label: '1.9' }] }, db.db)).toThrow(
      BadRequestError,
    );
  });
});

describe('filterMatrix (seeded, read only)', () => {
  let db: TempDatabase;

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('keeps only meshes that support every need', () => {
    const matrix = getMatrix({}, db.db);
    const supportOf = (mesh: string, row: string) => matrix.cells[mesh]?.[row]?.support;
    const strict = filterMatrix(matrix, { needs: ['mtls', 'circuit-breaking'], countPartial: false });
    const strictSlugs = strict.columns.map((c) => c.mesh.slug);
    expect(strictSlugs.length).toBeGreaterThan(0);
    expect(strictSlugs.length).toBeLessThan(matrix.columns.length);
    for (const { mesh } of matrix.columns) {
      const meets = supportOf(mesh.slug, 'mtls') === 'yes' && supportOf(mesh.slug, 'circuit-breaking') === 'yes';
      expect(strictSlugs.includes(mesh.slug), mesh.slug).toBe(meets);
    }
    expect(strictSlugs).toContain('istio');
    // Linkerd has circuit breaking since 2.13; NGINX Service Mesh has no value for either row (unknown is not support).
    expect(strictSlugs).toContain('linkerd');
    expect(strictSlugs).not.toContain('nginx-service-mesh');
    expect(strictSlugs).not.toContain('cilium');

    const lenient = filterMatrix(matrix, { needs: ['mtls', 'circuit-breaking'], countPartial: true });
    const lenientSlugs = lenient.columns.map((c) => c.mesh.slug);
    const ok = (s: string | null | undefined) => s === 'yes' || s === 'partial';
    for (const { mesh } of matrix.columns) {
      expect(lenientSlugs.includes(mesh.slug), mesh.slug).toBe(
        ok(supportOf(mesh.slug, 'mtls')) && ok(supportOf(mesh.slug, 'circuit-breaking')),
      );
    }
    expect(lenientSlugs).toContain('cilium');
    expect(lenientSlugs.length).toBeGreaterThan(strictSlugs.length);

    // Rows and cells are left alone; the input is not modified.
    expect(strict.categories).toEqual(matrix.categories);
    expect(strict.cells).toBe(matrix.cells);
    expect(filterMatrix(matrix, { needs: [], countPartial: false }).columns).toEqual(matrix.columns);
    expect(matrix.columns.length).toBe(getMatrix({}, db.db).columns.length);
  });

  it('matches rows by name and definition, ignoring case', () => {
    const matrix = getMatrix({}, db.db);
    const rowSlugs = (m: MatrixView) => m.categories.flatMap((c) => c.features.map((f) => f.slug));
    const byName = filterMatrix(matrix, { needs: [], countPartial: false, text: '  MTLS ' });
    expect(rowSlugs(byName)).toEqual(expect.arrayContaining(['mtls', 'mtls-by-default']));
    for (const feature of byName.categories.flatMap((c) => c.features)) {
      expect(`${feature.name} ${feature.definition}`.toLowerCase()).toContain('mtls');
    }
    // "latency" appears only in a definition (delay injection).
    const byDefinition = filterMatrix(matrix, { needs: [], countPartial: false, text: 'LaTeNcY' });
    expect(rowSlugs(byDefinition)).toContain('delay-injection');
    const all = matrix.categories.flatMap((c) => c.features);
    const expected = all
      .filter((f) => `${f.name} ${f.definition}`.toLowerCase().includes('latency'))
      .map((f) => f.slug);
    expect(rowSlugs(byDefinition)).toEqual(expected);
    // Categories left without rows are dropped; columns stay.
    expect(byDefinition.categories.every((c) => c.features.length > 0)).toBe(true);
    expect(byDefinition.columns).toEqual(matrix.columns);
    expect(filterMatrix(matrix, { needs: [], countPartial: false, text: 'no row says this' }).categories).toEqual([]);
    expect(rowSlugs(filterMatrix(matrix, { needs: [], countPartial: false, text: '   ' }))).toEqual(rowSlugs(matrix));
  });

  it('drops rows where every shown column agrees', () => {
    // Linkerd 2.12, the last release without circuit breaking.
    const matrix = getMatrix(
      { meshes: ['istio', 'linkerd', 'consul'], versions: [{ mesh: 'linkerd', label: '2.12' }] },
      db.db,
    );
    expect(matrix.cells.linkerd?.['circuit-breaking']?.support).toBe('no');
    const differing = filterMatrix(matrix, { needs: [], countPartial: false, onlyDiffering: true });
    const kept = new Set(differing.categories.flatMap((c) => c.features.map((f) => f.slug)));
    const key = (mesh: string, row: string) => {
      const v = matrix.cells[mesh]?.[row];
      return JSON.stringify([v?.support ?? null, v?.text ?? null, v?.note ?? null]);
    };
    let dropped = 0;
    for (const feature of matrix.categories.flatMap((c) => c.features)) {
      const values = new Set(matrix.columns.map((c) => key(c.mesh.slug, feature.slug)));
      expect(kept.has(feature.slug), feature.slug).toBe(values.size > 1);
      if (values.size === 1) dropped++;
    }
    expect(kept.size).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);

    // Combined with needs, only the remaining columns are compared.
    const withNeeds = filterMatrix(matrix, { needs: ['circuit-breaking'], countPartial: false, onlyDiffering: true });
    expect(withNeeds.columns.map((c) => c.mesh.slug)).not.toContain('linkerd');
    expect(withNeeds.categories.flatMap((c) => c.features.map((f) => f.slug))).not.toContain('circuit-breaking');
  });
});

describe('unknown fields are refused by name', () => {
  it('a query parameter called __proto__ or constructor is named, not dropped or crashed on', () => {
    for (const key of ['__proto__', 'constructor']) {
      const error = expectAppError(
        (() => {
          try {
            parseSearchParams(matrixQuerySchema, new URLSearchParams(`${key}=x`));
          } catch (caught) {
            return caught;
          }
        })(),
        BadRequestError,
        400,
      );
      expect(Object.keys(error.fieldErrors)).toEqual([key]);
    }
  });

  it('the matrix query names an unknown parameter', () => {
    const error = expectAppError(
      (() => {
        try {
          parseInput(matrixQuerySchema, { meshes: 'istio', mesh: 'linkerd' });
        } catch (caught) {
          return caught;
        }
      })(),
      BadRequestError,
      400,
    );
    expect(error.fieldErrors).toEqual({ mesh: ['mesh is not a field this accepts'] });
  });
});
