import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meshes, meshVersions, type MeshVersion, type User } from '@/db/schema';
import { appendRevision, carryForwardCells } from '@/lib/server/cells/cells';
import { CSV_COLUMNS, renderCsv } from '@/lib/server/exports/csv';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { getMatrix, listCategories, type FeatureView } from '@/lib/server/matrix/matrix';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { listCellsToCheck } from '@/lib/server/cells/needs-checking';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { approveProposal } from '@/lib/server/proposals/review';
import { createCast } from '../support/cast';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

/*
 * A mesh of our own on the seeded database, so the tests hold whatever the
 * seed becomes: release 1.0 (2020-01-15) with a value whose source named no
 * release, and 2.0 (2021-07-15), started as carried copies of 1.0.
 */
const source = { url: 'https://example.org/blog/2020-01-15', title: 'A dated article naming no release' };

describe('staleness, confirmedOn and releaseInferred', () => {
  let db: TempDatabase;
  let feature: FeatureView;
  let textFeature: FeatureView;
  let v1: MeshVersion;
  let v2: MeshVersion;
  let alice: User;
  let mo: User;

  beforeAll(() => {
    db = createTempDatabase();
    ({ alice, mo } = createCast(db));
    const rows = listCategories(db.db).flatMap((c) => c.features);
    feature = rows.find((f) => f.kind === 'support')!;
    textFeature = rows.find((f) => f.kind === 'text')!;
    const mesh = db.db
      .insert(meshes)
      .values({ slug: 'stale-mesh', name: 'Stale Mesh', position: 999 })
      .returning()
      .get();
    v1 = db.db
      .insert(meshVersions)
      .values({ meshId: mesh.id, label: '1.0', releasedOn: '2020-01-15', createdAt: '2020-01-15T00:00:00.000Z' })
      .returning()
      .get();
    db.db.transaction((tx) => {
      appendRevision(tx, {
        meshVersionId: v1.id,
        featureId: feature.id,
        support: 'yes',
        sources: [source],
        kind: 'seed',
        releaseInferred: true,
        createdAt: '2020-01-15T00:00:00.000Z',
      });
    });
    v2 = db.db
      .insert(meshVersions)
      .values({ meshId: mesh.id, label: '2.0', releasedOn: '2021-07-15', createdAt: '2021-07-15T00:00:00.000Z' })
      .returning()
      .get();
    db.db.transaction((tx) => carryForwardCells(tx, v1.id, v2.id, { createdAt: '2021-07-15T00:00:00.000Z' }));
  });

  afterAll(() => db.cleanup());

  const setReleasedOn = (version: MeshVersion, releasedOn: string | null) =>
    db.db.update(meshVersions).set({ releasedOn }).where(eq(meshVersions.id, version.id)).run();
  const valueIn = (label: string) =>
    getMatrix({ versions: [{ mesh: 'stale-mesh', label }] }, db.db).cells['stale-mesh']?.[feature.slug];

  it('a carried value is stale, confirmed on no day of its own, and never release-inferred', () => {
    expect(valueIn('2.0')).toMatchObject({
      kind: 'carry_forward',
      carriedFrom: '1.0',
      stale: true,
      confirmedOn: null,
      releaseInferred: false,
    });
  });

  it('a value confirmed exactly 18 months before the newest release is fresh; one day more and it is stale', () => {
    expect(valueIn('1.0')).toMatchObject({
      kind: 'seed',
      confirmedOn: '2020-01-15',
      stale: false,
      releaseInferred: true,
    });
    setReleasedOn(v2, '2021-07-16');
    expect(valueIn('1.0')).toMatchObject({ confirmedOn: '2020-01-15', stale: true });
    setReleasedOn(v2, '2021-07-15');
  });

  it('without a release date, the newest release counts from the day it was first recorded', () => {
    setReleasedOn(v2, null);
    expect(valueIn('1.0')?.stale).toBe(false);
    db.db.update(meshVersions).set({ createdAt: '2021-07-16T09:00:00.000Z' }).where(eq(meshVersions.id, v2.id)).run();
    expect(valueIn('1.0')?.stale).toBe(true);
    db.db
      .update(meshVersions)
      .set({ createdAt: '2021-07-15T00:00:00.000Z', releasedOn: '2021-07-15' })
      .where(eq(meshVersions.id, v2.id))
      .run();
  });

  it('as of a date, the newest release recorded by then is the yardstick', () => {
    const asOf = getMatrix({ meshes: ['stale-mesh'], at: '2021-01-01' }, db.db);
    expect(asOf.columns[0]?.version.label).toBe('1.0');
    expect(asOf.cells['stale-mesh']?.[feature.slug]).toMatchObject({
      confirmedOn: '2020-01-15',
      stale: false,
      releaseInferred: true,
    });
  });

  it('the cell page says where and when a carried value was last confirmed', () => {
    const carried = getCellPage('stale-mesh', '2.0', feature.slug, db.db);
    expect(carried.lastConfirmed).toEqual({ label: '1.0', on: '2020-01-15' });
    const own = getCellPage('stale-mesh', '1.0', feature.slug, db.db);
    expect(own.lastConfirmed).toEqual({ label: '1.0', on: '2020-01-15' });
    expect(own.history[0]?.releaseInferred).toBe(true);
    expect(getCellPage('stale-mesh', '2.0', textFeature.slug, db.db).lastConfirmed).toBeNull();
  });

  it('the JSON API carries releaseInferred, confirmedOn and stale per cell', () => {
    const json = matrixToJson(
      getMatrix({ meshes: ['stale-mesh'], versions: [{ mesh: 'stale-mesh', label: '1.0' }] }, db.db),
    );
    expect(json.cells['stale-mesh']?.[feature.slug]).toMatchObject({
      releaseInferred: true,
      confirmedOn: '2020-01-15',
      stale: false,
    });
    const newest = matrixToJson(getMatrix({ meshes: ['stale-mesh'] }, db.db));
    expect(newest.cells['stale-mesh']?.[feature.slug]).toMatchObject({
      releaseInferred: false,
      confirmedOn: null,
      stale: true,
    });
    // Parsed back from text: the fields survive serialisation as JSON booleans and strings.
    const parsed = JSON.parse(JSON.stringify(newest));
    expect(typeof parsed.cells['stale-mesh'][feature.slug].stale).toBe('boolean');
  });

  it('the CSV has release_inferred, confirmed_on and stale columns, empty where nothing is recorded', () => {
    const lines = renderCsv(listAllCells(['stale-mesh'], db.db))
      .trim()
      .split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-3)).toEqual(['release_inferred', 'confirmed_on', 'stale']);
    expect(header).toEqual([...CSV_COLUMNS]);
    const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);
    // No field in these rows holds a comma, so a plain split reads them.
    const rowOf = (label: string, row: string) =>
      lines
        .slice(1)
        .map((l) => l.split(','))
        .find((f) => f[col('release')] === label && f[col('row')] === row)!;
    const own = rowOf('1.0', feature.slug);
    expect([own[col('release_inferred')], own[col('confirmed_on')], own[col('stale')]]).toEqual([
      'true',
      '2020-01-15',
      'false',
    ]);
    const carried = rowOf('2.0', feature.slug);
    expect([carried[col('release_inferred')], carried[col('confirmed_on')], carried[col('stale')]]).toEqual([
      'false',
      '',
      'true',
    ]);
    const empty = rowOf('2.0', textFeature.slug);
    expect([empty[col('release_inferred')], empty[col('confirmed_on')], empty[col('stale')]]).toEqual(['', '', '']);
  });

  it('lists the stale and empty cells of the newest release on /needs-checking, in row order', () => {
    const list = listCellsToCheck({ mesh: 'stale-mesh' }, db.db);
    expect(list.mesh).toBe('stale-mesh');
    expect(list.meshes).toHaveLength(1);
    const [entry] = list.meshes;
    expect(entry?.version.label).toBe('2.0');
    const carried = entry!.cells.find((c) => c.feature.slug === feature.slug);
    expect(carried).toMatchObject({ reason: 'carried', proposeHref: `/meshes/stale-mesh/2.0/${feature.slug}/propose` });
    expect(entry!.cells.find((c) => c.feature.slug === textFeature.slug)).toMatchObject({
      reason: 'missing',
      value: null,
    });
    const rowOrder = listCategories(db.db).flatMap((c) => c.features.map((f) => f.slug));
    const listed = entry!.cells.map((c) => c.feature.slug);
    expect(listed).toEqual(rowOrder.filter((slug) => listed.includes(slug)));
    expect(entry!.counts).toEqual({ stale: 1, unknown: listed.length - 1, total: listed.length });
  });

  it('lists every active mesh by default, newest release first, and checks its query', () => {
    const all = listCellsToCheck({}, db.db);
    expect(all.mesh).toBeNull();
    expect(all.meshes.length).toBeGreaterThan(1);
    expect(all.meshes.every((m) => m.mesh.status === 'active')).toBe(true);
    expect(() => listCellsToCheck({ mesh: 'Not A Slug!' }, db.db)).toThrow(BadRequestError);
    try {
      listCellsToCheck({ mesh: 'Not A Slug!' }, db.db);
    } catch (error) {
      expect((error as BadRequestError).fieldErrors.mesh?.[0]).toMatch(/^mesh /);
    }
    expect(() => listCellsToCheck({ mesh: 'no-such-mesh' }, db.db)).toThrow(NotFoundError);
    expect(listCellsToCheck({ mesh: '' }, db.db).mesh).toBeNull();
  });

  it('confirming the current value with a new source clears the stale mark once approved', () => {
    const before = valueIn('2.0')!;
    const proposal = proposeCellChange(
      alice,
      {
        mesh: 'stale-mesh',
        version: '2.0',
        feature: feature.slug,
        support: before.support,
        sources: [{ url: 'https://example.org/release-notes/2.0', title: 'Release notes 2.0' }],
        rationale: 'The 2.0 release notes still list it.',
        baseRevisionId: before.revisionId,
      },
      { db: db.db, limits: { maxPending: 100, maxPerHour: 100 } },
    );
    approveProposal(mo, { id: proposal.id }, { db: db.db });
    const after = valueIn('2.0')!;
    expect(after).toMatchObject({
      kind: 'proposal',
      support: before.support,
      stale: false,
      carriedFrom: null,
      releaseInferred: false,
    });
    expect(after.confirmedOn).toBe(new Date().toISOString().slice(0, 10));
    expect(
      listCellsToCheck({ mesh: 'stale-mesh' }, db.db).meshes[0]!.cells.some((c) => c.feature.slug === feature.slug),
    ).toBe(false);
    expect(getCellPage('stale-mesh', '2.0', feature.slug, db.db).lastConfirmed).toEqual({
      label: '2.0',
      on: after.confirmedOn,
    });
  });
});
