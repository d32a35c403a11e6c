import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, features, meshes, meshVersions, revisions, type MeshVersion, type Revision } from '@/db/schema';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { appendRevision, getCellHead } from '@/lib/server/cells/cells';
import { listChanges, MAX_CHANGES_PAGE, type ChangeEntry } from '@/lib/server/changes/changes';
import { CSV_COLUMNS, renderCsv } from '@/lib/server/exports/csv';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { endOfDay, getMatrix, listCategories, type MatrixView } from '@/lib/server/matrix/matrix';
import { getMeshPage, getReleaseDiff } from '@/lib/server/matrix/meshes';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { filterMatrix } from '@/lib/server/matrix/matrix-filter';
import { proposeCellChange, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
import { approveProposal, resolveCell, revertCell } from '@/lib/server/proposals/review';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '@/tests/support/temp-db';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { createCast, createUser, type Cast } from '@/tests/support/cast';

const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };
/** The newest seeded releases (the servicemesh.es table's last version names Istio 1.20, Linkerd 2.13, Kuma 2.0). */
const ISTIO_NEWEST = '1.20';
const LINKERD_NEWEST = '2.13';
const KUMA_NEWEST = '2.0';
/** Every seeded Istio release, newest first. */
const ISTIO_RELEASES = ['1.20', '1.18', '1.16.1', '1.13', '1.12', '1.11', '1.9', '1.8', '1.7', '1.6', '1.5', '1.4', '1.3'];
const SOURCE = { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' };
const STATUS_SOURCE = 'https://github.com/kumahq/kuma';

function meshId(db: TempDatabase, slug: string): number {
  const mesh = db.db.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (!mesh) throw new Error(`no mesh ${slug}`);
  return mesh.id;
}

function versionOf(db: TempDatabase, slug: string, label: string): MeshVersion {
  const version = db.db
    .select()
    .from(meshVersions)
    .where(and(eq(meshVersions.meshId, meshId(db, slug)), eq(meshVersions.label, label)))
    .get();
  if (!version) throw new Error(`no release ${slug}@${label}`);
  return version;
}

function featureId(db: TempDatabase, slug: string): number {
  const feature = db.db.select().from(features).where(eq(features.slug, slug)).get();
  if (!feature) throw new Error(`no row ${slug}`);
  return feature.id;
}

function revisionRow(db: TempDatabase, id: number): Revision {
  const row = db.db.select().from(revisions).where(eq(revisions.id, id)).get();
  if (!row) throw new Error(`no revision ${id}`);
  return row;
}

function revisionsOfVersion(db: TempDatabase, versionId: number): Revision[] {
  return db.db.select().from(revisions).where(eq(revisions.meshVersionId, versionId)).orderBy(revisions.id).all();
}

function headOf(db: TempDatabase, slug: string, label: string, featureSlug: string): Revision {
  const head = getCellHead(db.db, versionOf(db, slug, label).id, featureId(db, featureSlug));
  if (!head) throw new Error(`no head for ${slug}@${label}/${featureSlug}`);
  return head;
}

/** Heads of one release whose row is active, keyed by feature id. */
function activeHeads(db: TempDatabase, versionId: number): Map<number, Revision> {
  const result = new Map<number, Revision>();
  for (const feature of db.db.select().from(features).where(eq(features.status, 'active')).all()) {
    const head = getCellHead(db.db, versionId, feature.id);
    if (head) result.set(feature.id, head);
  }
  return result;
}

function auditOf(db: TempDatabase, action: string) {
  return db.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id).all();
}

function activeRowCount(db: TempDatabase): number {
  return db.db.select().from(features).where(eq(features.status, 'active')).all().length;
}

/** Raw rows of revisions and cell heads that do not belong to `exceptVersionId`. */
function otherReleaseRows(db: TempDatabase, exceptVersionId = -1) {
  return {
    revisions: db.sqlite.prepare('SELECT * FROM revisions WHERE mesh_version_id != ? ORDER BY id').all(exceptVersionId),
    heads: db.sqlite.prepare('SELECT * FROM cell_heads WHERE mesh_version_id != ? ORDER BY mesh_version_id, feature_id').all(exceptVersionId),
    versions: db.sqlite.prepare('SELECT * FROM mesh_versions WHERE id != ? ORDER BY id').all(exceptVersionId),
  };
}

function expectFieldError(db: TempDatabase, run: () => unknown, field: string, pattern?: RegExp): BadRequestError {
  const error = expectAppError(rejection(db, run), BadRequestError, 400);
  expect(Object.keys(error.fieldErrors)).toContain(field);
  if (pattern) expect(error.message).toMatch(pattern);
  return error;
}

/** Waits for the clock to reach the next millisecond, so timestamps of consecutive writes differ. */
function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() === start) {
    // spin
  }
}

function columnLabels(matrix: MatrixView): Record<string, string> {
  return Object.fromEntries(matrix.columns.map((c) => [c.mesh.slug, c.version.label]));
}

describe('addRelease', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('creates the release and carries every active value of the newest earlier release, touching nothing else', () => {
    expect(getMeshPage('istio', undefined, db.db).version.label).toBe(ISTIO_NEWEST);
    const previous = versionOf(db, 'istio', ISTIO_NEWEST);
    const previousHeads = activeHeads(db, previous.id);
    expect(previousHeads.size).toBeGreaterThan(0);
    expect(previousHeads.size).toBeLessThanOrEqual(activeRowCount(db));
    const before = otherReleaseRows(db);
    const countsBefore = countRows(db);
    // The seed records each release it creates (no actor); only the new one is added.
    const seededAudit = auditOf(db, 'release.create');
    expect(seededAudit.length).toBe(countsBefore.mesh_versions);
    expect(seededAudit.every((e) => e.actorId === null)).toBe(true);

    const result = addRelease(cast.mo, { mesh: 'istio', label: '1.21.0' }, { db: db.db });

    expect(result.carriedFrom).toBe(ISTIO_NEWEST);
    expect(result.carried).toBe(previousHeads.size);
    const version = versionOf(db, 'istio', '1.21.0');
    expect(result.version).toEqual(version);
    expect(version).toMatchObject({ meshId: meshId(db, 'istio'), releasedOn: null, releaseNotesUrl: null, createdById: cast.mo.id });

    const carried = revisionsOfVersion(db, version.id);
    expect(carried).toHaveLength(previousHeads.size);
    expect(new Set(carried.map((r) => r.featureId)).size).toBe(carried.length);
    for (const revision of carried) {
      const from = previousHeads.get(revision.featureId)!;
      expect(from, `row ${revision.featureId} had a value in ${ISTIO_NEWEST}`).toBeDefined();
      expect(revision).toMatchObject({
        kind: 'carry_forward',
        support: from.support,
        text: from.text,
        note: from.note,
        sources: from.sources,
        authorId: cast.mo.id,
        approverId: null,
        proposalId: null,
        parentRevisionId: null,
        createdAt: version.createdAt,
      });
      expect(revision.carriedFromRevisionId).not.toBeNull();
      const origin = revisionRow(db, revision.carriedFromRevisionId!);
      expect(origin.kind).not.toBe('carry_forward');
      expect(origin.featureId).toBe(revision.featureId);
      expect({ support: origin.support, text: origin.text, note: origin.note, sources: origin.sources }).toEqual({
        support: from.support,
        text: from.text,
        note: from.note,
        sources: from.sources,
      });
      expect(from.kind === 'carry_forward' ? from.carriedFromRevisionId : from.id).toBe(origin.id);
      expect(getCellHead(db.db, version.id, revision.featureId)?.id).toBe(revision.id);
    }

    // Every revision, head and release of the older releases is byte for byte the same.
    expect(otherReleaseRows(db, version.id)).toEqual(before);
    expect(countRows(db)).toEqual({
      ...countsBefore,
      mesh_versions: countsBefore.mesh_versions! + 1,
      revisions: countsBefore.revisions! + carried.length,
      cell_heads: countsBefore.cell_heads! + carried.length,
      audit_events: countsBefore.audit_events! + 1,
    });

    const audit = auditOf(db, 'release.create').slice(seededAudit.length);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: cast.mo.id, objectType: 'release', objectId: 'istio@1.21.0', createdAt: version.createdAt });
    expect(audit[0]?.details).toEqual({ carriedFrom: ISTIO_NEWEST, carried: carried.length, releasedOn: null });
  });

  it('makes the new release the default column, every value marked with the release it was last checked in', () => {
    const matrix = getMatrix({}, db.db);
    expect(columnLabels(matrix).istio).toBe('1.21.0');
    const version = versionOf(db, 'istio', '1.21.0');
    const labelsById = new Map(db.db.select().from(meshVersions).all().map((v) => [v.id, v.label]));
    const carried = revisionsOfVersion(db, version.id);
    const slugById = new Map(db.db.select().from(features).all().map((f) => [f.id, f.slug]));
    for (const revision of carried) {
      const cellValue = matrix.cells.istio?.[slugById.get(revision.featureId)!];
      const origin = revisionRow(db, revision.carriedFromRevisionId!);
      expect(cellValue).toMatchObject({ revisionId: revision.id, kind: 'carry_forward', carriedFrom: labelsById.get(origin.meshVersionId) });
    }
    expect(Object.values(matrix.cells.istio ?? {}).some((v) => v.carriedFrom === ISTIO_NEWEST)).toBe(true);
    expect(getMeshPage('istio', undefined, db.db).version.label).toBe('1.21.0');
  });

  it('carries a release that sorts between two existing ones from the nearest earlier one', () => {
    const nine = versionOf(db, 'istio', '1.9');
    const nineHeads = activeHeads(db, nine.id);
    const before = otherReleaseRows(db);

    // Released (2021-05-18) after 1.9 was named (2021-02-10) and before 1.11 was (2021-09-01).
    const result = addRelease(cast.ada, { mesh: 'istio', label: '1.10', releasedOn: '2021-05-18', releaseNotesUrl: '' }, { db: db.db });

    expect(result.carriedFrom).toBe('1.9');
    expect(result.carried).toBe(nineHeads.size);
    expect(result.version).toMatchObject({ label: '1.10', releasedOn: '2021-05-18', releaseNotesUrl: null, createdById: cast.ada.id });
    const carried = revisionsOfVersion(db, result.version.id);
    expect(carried).toHaveLength(nineHeads.size);
    for (const revision of carried) {
      const from = nineHeads.get(revision.featureId)!;
      expect(revision).toMatchObject({ kind: 'carry_forward', support: from.support, text: from.text, note: from.note, authorId: cast.ada.id });
      expect(revision.carriedFromRevisionId).toBe(from.kind === 'carry_forward' ? from.carriedFromRevisionId : from.id);
    }
    expect(otherReleaseRows(db, result.version.id)).toEqual(before);
    // Still not the newest: the matrix keeps 1.21.0.
    expect(columnLabels(getMatrix({}, db.db)).istio).toBe('1.21.0');
    const tenAt = ISTIO_RELEASES.indexOf('1.9');
    expect(getMeshPage('istio', undefined, db.db).versions.map((v) => v.label)).toEqual(['1.21.0', ...ISTIO_RELEASES.slice(0, tenAt), '1.10', ...ISTIO_RELEASES.slice(tenAt)]);
  });

  it('records the release date and notes link it is given', () => {
    const result = addRelease(cast.mo, { mesh: 'linkerd', label: ' 2.14 ', releasedOn: '2023-08-23', releaseNotesUrl: 'https://github.com/linkerd/linkerd2/releases/tag/stable-2.14.0' }, { db: db.db });
    expect(result.version).toMatchObject({ label: '2.14', releasedOn: '2023-08-23', releaseNotesUrl: 'https://github.com/linkerd/linkerd2/releases/tag/stable-2.14.0' });
    expect(result.carriedFrom).toBe(LINKERD_NEWEST);
    expect(auditOf(db, 'release.create').at(-1)?.details).toMatchObject({ carriedFrom: LINKERD_NEWEST, releasedOn: '2023-08-23' });
  });

  it("carries nothing into a mesh's first release", () => {
    const id = db.db.insert(meshes).values({ slug: 'brand-new-mesh', name: 'Brand New Mesh', position: 99 }).returning().get().id;
    const countsBefore = countRows(db);
    const result = addRelease(cast.mo, { mesh: 'brand-new-mesh', label: '0.1.0', releasedOn: '', releaseNotesUrl: '' }, { db: db.db });
    expect(result).toMatchObject({ carriedFrom: null, carried: 0 });
    expect(result.version.meshId).toBe(id);
    expect(revisionsOfVersion(db, result.version.id)).toEqual([]);
    expect(countRows(db)).toEqual({ ...countsBefore, mesh_versions: countsBefore.mesh_versions! + 1, audit_events: countsBefore.audit_events! + 1 });
    expect(auditOf(db, 'release.create').at(-1)).toMatchObject({ objectId: 'brand-new-mesh@0.1.0', details: { carriedFrom: null, carried: 0, releasedOn: null } });
    expect(getMatrix({ meshes: ['brand-new-mesh'] }, db.db).cells['brand-new-mesh']).toEqual({});
  });
});

describe('addRelease and retired rows', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('does not carry a retired row', () => {
    const retired = featureId(db, 'delay-injection');
    const previous = versionOf(db, 'istio', ISTIO_NEWEST);
    expect(getCellHead(db.db, previous.id, retired)).toBeDefined();
    const withRetired = activeHeads(db, previous.id).size;
    db.db.update(features).set({ status: 'retired' }).where(eq(features.id, retired)).run();

    const result = addRelease(cast.mo, { mesh: 'istio', label: '1.21.0' }, { db: db.db });

    expect(result.carriedFrom).toBe(ISTIO_NEWEST);
    expect(result.carried).toBe(withRetired - 1);
    const carried = revisionsOfVersion(db, result.version.id);
    expect(carried).toHaveLength(withRetired - 1);
    expect(carried.some((r) => r.featureId === retired)).toBe(false);
    expect(getCellHead(db.db, result.version.id, retired)).toBeUndefined();
    // The retired row keeps its value in the older release.
    expect(getCellHead(db.db, previous.id, retired)).toBeDefined();
  });
});

describe('addRelease validation and permissions', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('refuses a label the mesh already has, in any case', () => {
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: '1.16.1' }, { db: db.db }), 'label', /already exists/);
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: ' 1.3 ' }, { db: db.db }), 'label', /already exists/);
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'aws-app-mesh', label: 'MANAGED' }, { db: db.db }), 'label', /already exists/);
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'aws-app-mesh', label: 'Managed' }, { db: db.db }), 'label', /already exists/);
  });

  it('allows the same label on another mesh', () => {
    const result = addRelease(cast.mo, { mesh: 'cilium', label: '1.3' }, { db: db.db });
    expect(result.version.label).toBe('1.3');
  });

  it('refuses empty and malformed labels', () => {
    for (const label of ['', '   ', '1 17', '1/17', '.17', '1.17/../x', 'a'.repeat(41), 'compare', 'Compare', 'manage']) {
      const error = expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label }, { db: db.db }), 'label');
      expect(error.fieldErrors.label?.[0]).toMatch(/^label /);
    }
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio' }, { db: db.db }), 'label');
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: 117 }, { db: db.db }), 'label');
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: 'compare' }, { db: db.db }), 'label', /reserved/);
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    for (const releasedOn of ['2024-13-01', 'yesterday', '2024-02-30', '2024-5-1']) {
      expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: '1.17.0', releasedOn }, { db: db.db }), 'releasedOn');
    }
  });

  it('refuses release-notes links that are not http(s)', () => {
    for (const releaseNotesUrl of ['javascript:alert(1)', 'ftp://example.org/notes', 'not a url']) {
      expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: '1.17.0', releaseNotesUrl }, { db: db.db }), 'releaseNotesUrl');
    }
  });

  it('refuses unknown fields', () => {
    const error = expectAppError(
      rejection(db, () => addRelease(cast.mo, { mesh: 'istio', label: '1.17.0', carriedFrom: '1.3' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toHaveLength(1);
    expect(error.message).toMatch(/carriedFrom/);
  });

  it('names every bad field at once', () => {
    const error = expectAppError(
      rejection(db, () => addRelease(cast.mo, { mesh: 'istio', label: 'compare', releasedOn: 'yesterday', releaseNotesUrl: 'javascript:alert(1)' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['label', 'releaseNotesUrl', 'releasedOn']);
  });

  it('is a 404 for an unknown mesh', () => {
    expectAppError(
      rejection(db, () => addRelease(cast.mo, { mesh: 'nosuchmesh', label: '1.0' }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('is for moderators and admins only', () => {
    expectAppError(
      rejection(db, () => addRelease(cast.alice, { mesh: 'istio', label: '1.17.0' }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => addRelease(null, { mesh: 'istio', label: '1.17.0' }, { db: db.db })),
      UnauthorizedError,
      401,
    );
    const banned = createUser(db, { name: 'bert', role: 'moderator', banned: true });
    expectAppError(
      rejection(db, () => addRelease(banned, { mesh: 'istio', label: '1.17.0' }, { db: db.db })),
      ForbiddenError,
      403,
    );
  });
});

describe('updateRelease and setMeshStatus', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('corrects the date and the notes link of a release, with an audit event', () => {
    const before = versionOf(db, 'istio', '1.16.1');
    const url = 'https://istio.io/latest/news/releases/1.16.x/announcing-1.16.1/';
    const countsBefore = countRows(db);

    const updated = updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releasedOn: '2022-12-12', releaseNotesUrl: url }, { db: db.db }).version;

    expect(updated).toEqual({ ...before, releasedOn: '2022-12-12', releaseNotesUrl: url });
    expect(versionOf(db, 'istio', '1.16.1')).toEqual(updated);
    expect(countRows(db)).toEqual({ ...countsBefore, audit_events: countsBefore.audit_events! + 1 });
    const audit = auditOf(db, 'release.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: cast.mo.id, objectType: 'release', objectId: 'istio@1.16.1' });
    expect(audit[0]?.details).toEqual({
      from: { releasedOn: null, releaseNotesUrl: null },
      to: { releasedOn: '2022-12-12', releaseNotesUrl: url },
    });
    expect(getMeshPage('istio', undefined, db.db).versionNotes).toEqual({ [before.id]: url });

    const cleared = updateRelease(cast.ada, { mesh: 'istio', version: '1.16.1', releasedOn: '', releaseNotesUrl: '' }, { db: db.db }).version;
    expect(cleared).toMatchObject({ releasedOn: null, releaseNotesUrl: null });
    expect(auditOf(db, 'release.update')).toHaveLength(2);
  });

  it('validates like addRelease and refuses unknown releases and non-moderators', () => {
    expectFieldError(db, () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releasedOn: '2024-13-01' }, { db: db.db }), 'releasedOn');
    expectFieldError(db, () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releaseNotesUrl: 'javascript:alert(1)' }, { db: db.db }), 'releaseNotesUrl');
    expectAppError(rejection(db, () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', label: '1.16.2' }, { db: db.db })), BadRequestError, 400);
    expectAppError(rejection(db, () => updateRelease(cast.mo, { mesh: 'istio', version: '9.9', releasedOn: '2020-01-01' }, { db: db.db })), NotFoundError, 404);
    expectAppError(rejection(db, () => updateRelease(cast.mo, { mesh: 'nosuchmesh', version: '1.0', releasedOn: '2020-01-01' }, { db: db.db })), NotFoundError, 404);
    expectAppError(rejection(db, () => updateRelease(cast.alice, { mesh: 'istio', version: '1.16.1', releasedOn: '2020-01-01' }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => updateRelease(null, { mesh: 'istio', version: '1.16.1', releasedOn: '2020-01-01' }, { db: db.db })), UnauthorizedError, 401);
  });

  it('needs a reason and a source link to archive a mesh', () => {
    for (const reason of ['', '   ', 'no']) {
      expectFieldError(db, () => setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', reason, sourceUrl: STATUS_SOURCE }, { db: db.db }), 'reason');
    }
    expectFieldError(db, () => setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', sourceUrl: STATUS_SOURCE }, { db: db.db }), 'reason');
    for (const sourceUrl of [undefined, '', '   ', 'javascript:alert(1)', 'not a url']) {
      expectFieldError(db, () => setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl }, { db: db.db }), 'sourceUrl');
    }
    expectFieldError(db, () => setMeshStatus(cast.mo, { mesh: 'kuma', status: 'deleted', reason: 'gone for good', sourceUrl: STATUS_SOURCE }, { db: db.db }), 'status');
    expectAppError(rejection(db, () => setMeshStatus(cast.alice, { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => setMeshStatus(null, { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE }, { db: db.db })), UnauthorizedError, 401);
    expectAppError(rejection(db, () => setMeshStatus(cast.mo, { mesh: 'nosuchmesh', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE }, { db: db.db })), NotFoundError, 404);
    expect(db.db.select().from(meshes).where(eq(meshes.slug, 'kuma')).get()?.status).toBe('active');
  });

  it('archives a mesh: it leaves the default matrix but keeps its pages', () => {
    expect(columnLabels(getMatrix({}, db.db)).kuma).toBe(KUMA_NEWEST);
    const countsBefore = countRows(db);

    const { mesh } = setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', reason: '  Kong moved on to Kong Mesh  ', sourceUrl: ` ${STATUS_SOURCE} ` }, { db: db.db });

    expect(mesh).toMatchObject({ slug: 'kuma', status: 'archived', statusNote: 'Kong moved on to Kong Mesh', statusSourceUrl: STATUS_SOURCE });
    expect(countRows(db)).toEqual({ ...countsBefore, audit_events: countsBefore.audit_events! + 1 });
    const audit = auditOf(db, 'mesh.status');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: cast.mo.id, objectType: 'mesh', objectId: 'kuma' });
    expect(audit[0]?.details).toEqual({ from: 'active', to: 'archived', reason: 'Kong moved on to Kong Mesh', sourceUrl: STATUS_SOURCE });

    const matrix = getMatrix({}, db.db);
    expect(matrix.columns.map((c) => c.mesh.slug)).not.toContain('kuma');
    expect(matrix.cells.kuma).toBeUndefined();
    expect(matrix.columns.map((c) => c.mesh.slug)).toContain('istio');

    const page = getMeshPage('kuma', undefined, db.db);
    expect(page.mesh).toMatchObject({ status: 'archived', statusNote: 'Kong moved on to Kong Mesh', statusSourceUrl: STATUS_SOURCE });
    expect(page.version.label).toBe(KUMA_NEWEST);
    expect(page.cells.mtls?.support).toBe('yes');
    expect(getMeshPage('kuma', '0.2', db.db).version.label).toBe('0.2');

    // Named explicitly, it still shows.
    const named = getMatrix({ meshes: ['kuma', 'istio'] }, db.db);
    expect(named.columns.map((c) => c.mesh.slug).sort()).toEqual(['istio', 'kuma']);
    expect(named.columns.find((c) => c.mesh.slug === 'kuma')?.mesh.status).toBe('archived');
  });

  it('refuses to set the status a mesh already has', () => {
    const error = expectFieldError(db, () => setMeshStatus(cast.mia, { mesh: 'kuma', status: 'archived', reason: 'archive it again', sourceUrl: STATUS_SOURCE }, { db: db.db }), 'status');
    expect(error.message).toMatch(/already archived/);
    expectFieldError(db, () => setMeshStatus(cast.mia, { mesh: 'istio', status: 'active', reason: 'it is alive', sourceUrl: 'https://istio.io/' }, { db: db.db }), 'status', /already active/);
  });

  it('makes an archived mesh active again', () => {
    const { mesh } = setMeshStatus(cast.ada, { mesh: 'kuma', status: 'active', reason: 'Maintained again', sourceUrl: 'https://kuma.io/' }, { db: db.db });
    expect(mesh).toMatchObject({ status: 'active', statusNote: 'Maintained again', statusSourceUrl: 'https://kuma.io/' });
    expect(columnLabels(getMatrix({}, db.db)).kuma).toBe(KUMA_NEWEST);
    expect(auditOf(db, 'mesh.status').map((e) => e.details)).toEqual([
      { from: 'active', to: 'archived', reason: 'Kong moved on to Kong Mesh', sourceUrl: STATUS_SOURCE },
      { from: 'archived', to: 'active', reason: 'Maintained again', sourceUrl: 'https://kuma.io/' },
    ]);
  });
});

describe('confirming a carried value', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    addRelease(cast.mo, { mesh: 'istio', label: '1.21.0' }, { db: db.db });
  });
  afterAll(() => db.cleanup());

  it('turns the cell into a checked value while the other carried cells stay carried', () => {
    const before = getMatrix({}, db.db).cells.istio!;
    // The table's last version restated Istio's mTLS for 1.20, so the carried value names 1.20.
    expect(before.mtls).toMatchObject({ kind: 'carry_forward', carriedFrom: ISTIO_NEWEST });
    const carriedSlugs = Object.entries(before)
      .filter(([, v]) => v.kind === 'carry_forward')
      .map(([slug]) => slug);
    expect(carriedSlugs.length).toBe(activeHeads(db, versionOf(db, 'istio', ISTIO_NEWEST).id).size);

    const head = headOf(db, 'istio', '1.21.0', 'mtls');
    const newSource = { url: 'https://istio.io/v1.17/docs/concepts/security/', title: 'Istio 1.17 security concepts' };
    const { id } = proposeCellChange(
      cast.mo,
      {
        mesh: 'istio',
        version: '1.21.0',
        feature: 'mtls',
        support: head.support,
        note: head.note,
        sources: [newSource],
        rationale: 'Re-checked against the 1.17 docs: unchanged.',
        baseRevisionId: head.id,
      },
      { limits: roomyLimits, db: db.db },
    );
    expect(() => approveProposal(cast.mo, { id }, { db: db.db })).toThrow(ForbiddenError);
    const { revisionId } = approveProposal(cast.mia, { id }, { db: db.db });

    expect(revisionRow(db, revisionId)).toMatchObject({
      kind: 'proposal',
      support: head.support,
      note: head.note,
      sources: [newSource],
      parentRevisionId: head.id,
      carriedFromRevisionId: null,
      authorId: cast.mo.id,
      approverId: cast.mia.id,
    });
    const after = getMatrix({}, db.db).cells.istio!;
    expect(after.mtls).toMatchObject({ revisionId, kind: 'proposal', support: head.support, carriedFrom: null });
    for (const slug of carriedSlugs.filter((s) => s !== 'mtls')) {
      expect(after[slug], slug).toEqual(before[slug]);
      expect(after[slug]?.carriedFrom, slug).not.toBeNull();
    }
    // The release it was carried from is untouched.
    expect(getMeshPage('istio', ISTIO_NEWEST, db.db).cells.mtls?.revisionId).toBe(head.carriedFromRevisionId);
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
  function append(featureSlug: string, createdAt: string, note: string, support: 'yes' | 'partial' | 'no' = 'partial'): Revision {
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
          if ((a?.support ?? null) !== (b?.support ?? null) || (a?.text ?? null) !== (b?.text ?? null) || (a?.note ?? null) !== (b?.note ?? null)) differing++;
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
    expect(onD['fault-injection']).toMatchObject({ revisionId: start.id, note: 'start of day', kind: 'import', updatedAt: `${D}T00:00:00.000Z` });
    expect(onD['delay-injection']).toMatchObject({ revisionId: end.id, note: 'end of day' });
    expect(onD['rate-limiting']?.revisionId).toBe(seeded.next.id);
    expect(onD['rate-limiting']?.note).toBe(seeded.next.note);

    const nextDay = getMatrix({ at: '2024-05-02' }, db.db).cells.istio!;
    expect(nextDay['rate-limiting']).toMatchObject({ revisionId: next.id, note: 'next day' });
  });

  it('orders by time, not by id, and breaks ties by the higher id', () => {
    const late = append('retry-and-timeout', `${D}T20:00:00.000Z`, 'late');
    append('retry-and-timeout', `${D}T08:00:00.000Z`, 'early but appended later');
    expect(getMatrix({ at: D }, db.db).cells.istio?.['retry-and-timeout']).toMatchObject({ revisionId: late.id, note: 'late' });

    const first = append('authorization-rules', `${D}T12:00:00.000Z`, 'first of a tie', 'no');
    const second = append('authorization-rules', `${D}T12:00:00.000Z`, 'second of a tie', 'yes');
    expect(second.id).toBeGreaterThan(first.id);
    expect(getMatrix({ at: D }, db.db).cells.istio?.['authorization-rules']).toMatchObject({ revisionId: second.id, note: 'second of a tie', support: 'yes' });
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
    db.db.insert(meshVersions).values({ meshId: meshId(db, 'linkerd'), label: '2.14', releasedOn: '2024-05-02', createdAt: '2024-04-01T00:00:00.000Z' }).run();
    expect(columnLabels(getMatrix({ at: D }, db.db)).linkerd).toBe(LINKERD_NEWEST);
    expect(columnLabels(getMatrix({ at: '2024-05-02' }, db.db)).linkerd).toBe('2.14');
    expect(getMatrix({ at: '2024-05-02' }, db.db).cells.linkerd).toEqual({});
  });

  it('has no column for a mesh with no release known on the date', () => {
    const id = db.db.insert(meshes).values({ slug: 'late-mesh', name: 'Late Mesh', position: 99, createdAt: '2024-06-01T00:00:00.000Z' }).returning().get().id;
    db.db.insert(meshVersions).values({ meshId: id, label: '1.0', createdAt: '2024-06-01T10:00:00.000Z' }).run();
    expect(columnLabels(getMatrix({ at: D }, db.db))['late-mesh']).toBeUndefined();
    expect(getMatrix({ at: D }, db.db).cells['late-mesh']).toBeUndefined();
    expect(columnLabels(getMatrix({ at: '2024-06-01' }, db.db))['late-mesh']).toBe('1.0');
    expect(columnLabels(getMatrix({}, db.db))['late-mesh']).toBe('1.0');
  });

  it('combines with chosen meshes and releases', () => {
    const matrix = getMatrix({ at: '2021-06-01', meshes: ['istio', 'cilium'] }, db.db);
    expect(columnLabels(matrix)).toEqual({ istio: '1.9' });
    expect(columnLabels(getMatrix({ at: '2021-06-01', versions: [{ mesh: 'istio', label: '1.4' }] }, db.db)).istio).toBe('1.4');
    expect(() => getMatrix({ at: '2020-06-01', versions: [{ mesh: 'istio', label: '1.9' }] }, db.db)).toThrow(BadRequestError);
  });
});

/**
 * Following `hasMore` page by page yields every entry once, in the order of one big page, as far back as the feed
 * pages go (MAX_CHANGES_PAGE pages): every page it promises can be asked for, and it promises none past the last.
 */
function expectPagesWalkEverything(db: TempDatabase, filter: { mesh?: string; category?: string }, pageSize: number): void {
  const all = listChanges({ ...filter, pageSize: 1_000_000 }, db.db).entries.map((e) => e.id);
  const reachable = all.slice(0, MAX_CHANGES_PAGE * pageSize);
  const walked: string[] = [];
  for (let page = 1; page <= MAX_CHANGES_PAGE + 1; page++) {
    const result = listChanges({ ...filter, pageSize, page }, db.db);
    expect(result.page, `${JSON.stringify(filter)}, pageSize ${pageSize}: page ${page - 1} said there is more`).toBe(page);
    walked.push(...result.entries.map((e) => e.id));
    if (!result.hasMore) break;
  }
  expect(walked, `${JSON.stringify(filter)}, pageSize ${pageSize}`).toEqual(reachable);
  expect(new Set(walked).size).toBe(walked.length);
}

describe('getReleaseDiff, filterMatrix and paging (seeded, read only)', () => {
  let db: TempDatabase;

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('classifies every active row between Istio 1.3 and 1.16.1', () => {
    const diff = getReleaseDiff('istio', '1.3', '1.16.1', db.db);
    const rows = diff.categories.flatMap((c) => c.rows);
    expect(rows).toHaveLength(activeRowCount(db));
    expect(diff.counts.changed + diff.counts.unchanged).toBe(activeRowCount(db));
    expect(diff.from.label).toBe('1.3');
    expect(diff.to.label).toBe('1.16.1');
    expect(diff.mesh.slug).toBe('istio');
    expect(diff.versions.map((v) => v.label)).toEqual(ISTIO_RELEASES);
    expect(rows.some((r) => r.change === 'newly-supported' || r.change === 'changed')).toBe(true);
    expect(diff.counts.newlySupported).toBe(rows.filter((r) => r.change === 'newly-supported').length);
    expect(diff.counts.noLongerSupported).toBe(rows.filter((r) => r.change === 'no-longer-supported').length);
    expect(diff.counts.unchanged).toBe(rows.filter((r) => r.change === 'unchanged').length);
    expect(diff.categories.map((c) => c.slug)).toEqual(listCategories(db.db).map((c) => c.slug));
    const mtls = rows.find((r) => r.feature.slug === 'mtls')!;
    expect(mtls.from?.revisionId).toBe(headOf(db, 'istio', '1.3', 'mtls').id);
    expect(mtls.to?.revisionId).toBe(headOf(db, 'istio', '1.16.1', 'mtls').id);
  });

  it('defaults to the two most recent releases', () => {
    const diff = getReleaseDiff('istio', undefined, undefined, db.db);
    expect([diff.from.label, diff.to.label]).toEqual([ISTIO_RELEASES[1], ISTIO_NEWEST]);
    expect(getReleaseDiff('istio', '1.4', undefined, db.db).to.label).toBe(ISTIO_NEWEST);
    expect(getReleaseDiff('istio', undefined, '1.5', db.db).from.label).toBe(ISTIO_RELEASES[1]);
    const linkerd = getReleaseDiff('linkerd', undefined, undefined, db.db);
    expect([linkerd.from.label, linkerd.to.label]).toEqual(['2.12', LINKERD_NEWEST]);
  });

  it('refuses the same release twice, unknown releases and single-release meshes', () => {
    const same = expectAppError(rejection(db, () => getReleaseDiff('istio', '1.9', '1.9', db.db)), BadRequestError, 400);
    expect(Object.keys(same.fieldErrors)).toEqual(['to']);
    const unknownFrom = expectAppError(rejection(db, () => getReleaseDiff('istio', '9.9', '1.16.1', db.db)), BadRequestError, 400);
    expect(unknownFrom.message).toContain('9.9');
    expect(unknownFrom.fieldErrors.from?.[0]).toContain('9.9');
    const unknownTo = expectAppError(rejection(db, () => getReleaseDiff('istio', '1.3', '2.0-beta', db.db)), BadRequestError, 400);
    expect(unknownTo.fieldErrors.to?.[0]).toContain('2.0-beta');
    const single = expectAppError(rejection(db, () => getReleaseDiff('cilium', undefined, undefined, db.db)), BadRequestError, 400);
    expect(single.message).toMatch(/only one/);
    expectAppError(rejection(db, () => getReleaseDiff('nosuchmesh', undefined, undefined, db.db)), NotFoundError, 404);
  });

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
      expect(lenientSlugs.includes(mesh.slug), mesh.slug).toBe(ok(supportOf(mesh.slug, 'mtls')) && ok(supportOf(mesh.slug, 'circuit-breaking')));
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
    const expected = all.filter((f) => `${f.name} ${f.definition}`.toLowerCase().includes('latency')).map((f) => f.slug);
    expect(rowSlugs(byDefinition)).toEqual(expected);
    // Categories left without rows are dropped; columns stay.
    expect(byDefinition.categories.every((c) => c.features.length > 0)).toBe(true);
    expect(byDefinition.columns).toEqual(matrix.columns);
    expect(filterMatrix(matrix, { needs: [], countPartial: false, text: 'no row says this' }).categories).toEqual([]);
    expect(rowSlugs(filterMatrix(matrix, { needs: [], countPartial: false, text: '   ' }))).toEqual(rowSlugs(matrix));
  });

  it('pages through the seeded releases (many share a timestamp) without repeating or skipping any', () => {
    // Each servicemesh.es version's imported values share its commit's timestamp (often with a release named by it).
    for (const pageSize of [1, 2, 3, 4, 7]) expectPagesWalkEverything(db, {}, pageSize);
    for (const mesh of ['istio', 'linkerd']) expectPagesWalkEverything(db, { mesh }, 1);
  });

  it('drops rows where every shown column agrees', () => {
    // Linkerd 2.12, the last release without circuit breaking.
    const matrix = getMatrix({ meshes: ['istio', 'linkerd', 'consul'], versions: [{ mesh: 'linkerd', label: '2.12' }] }, db.db);
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

describe('listChanges and the Atom feed', () => {
  let db: TempDatabase;
  let cast: Cast;
  const trickyNote = 'Permissive by default & STRICT via <PeerAuthentication> <script>alert(1)</script>';
  let approvedRevisionId: number;
  let revertRevisionId: number;
  let originalHead: Revision;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    originalHead = headOf(db, 'istio', '1.16.1', 'mtls');
    const { id } = proposeCellChange(
      cast.alice,
      {
        mesh: 'istio',
        version: '1.16.1',
        feature: 'mtls',
        support: 'partial',
        note: trickyNote,
        sources: [{ url: 'https://istio.io/latest/docs/concepts/security/?a=1&b=2', title: 'Security & <auth>' }],
        rationale: 'The docs say so.',
        baseRevisionId: originalHead.id,
      },
      { limits: roomyLimits, db: db.db },
    );
    nextMillisecond();
    approvedRevisionId = approveProposal(cast.mo, { id }, { db: db.db }).revisionId;
    nextMillisecond();
    revertRevisionId = revertCell(cast.mia, { mesh: 'istio', version: '1.16.1', feature: 'mtls', revisionId: originalHead.id, reason: 'source misread' }, { db: db.db }).revisionId;
    nextMillisecond();
    addRelease(cast.mo, { mesh: 'linkerd', label: '2.14' }, { db: db.db });
  });
  afterAll(() => db.cleanup());

  it('lists the new release, the revert and the approval newest first, with values and people', () => {
    const { entries, hasMore, page } = listChanges({}, db.db);
    expect(page).toBe(1);
    // The seeded servicemesh.es history is news too (older, on later pages).
    expect(hasMore).toBe(true);
    const [release, revert, approval] = entries as [ChangeEntry, ChangeEntry, ChangeEntry];
    expect(release).toMatchObject({ type: 'release', mesh: { slug: 'linkerd', name: 'Linkerd' }, label: '2.14', releasedOn: null });
    expect(revert).toMatchObject({
      type: 'revision',
      id: `revision-${revertRevisionId}`,
      kind: 'revert',
      mesh: { slug: 'istio' },
      label: '1.16.1',
      feature: { slug: 'mtls', kind: 'support' },
      category: { slug: 'security' },
      before: { support: 'partial', note: trickyNote },
      after: { support: originalHead.support, note: originalHead.note, sources: originalHead.sources },
      authorName: 'mia',
      approverName: 'mia',
      proposalId: null,
    });
    expect(revert.type === 'revision' && revert.reason).toContain('source misread');
    expect(approval).toMatchObject({
      type: 'revision',
      revisionId: approvedRevisionId,
      kind: 'proposal',
      before: { support: originalHead.support, note: originalHead.note, sources: originalHead.sources },
      after: { support: 'partial', note: trickyNote },
      authorName: 'alice',
      approverName: 'mo',
    });
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1]!.at >= entries[i]!.at).toBe(true);
    // The articles' values (kind seed) and carried values are not news; the table history's imports and every release are.
    const everything = listChanges({ pageSize: 1_000_000 }, db.db).entries;
    for (let i = 1; i < everything.length; i++) expect(everything[i - 1]!.at >= everything[i]!.at).toBe(true);
    const revisionEntries = everything.filter((e): e is Extract<ChangeEntry, { type: 'revision' }> => e.type === 'revision');
    expect(revisionEntries.filter((e) => e.kind !== 'import').map((e) => e.id)).toEqual([`revision-${revertRevisionId}`, `revision-${approvedRevisionId}`]);
    const seededImports = db.db.select().from(revisions).where(eq(revisions.kind, 'import')).all();
    expect(seededImports.length).toBeGreaterThan(0);
    expect(revisionEntries.filter((e) => e.kind === 'import').map((e) => e.revisionId).sort((a, b) => a - b)).toEqual(seededImports.map((r) => r.id).sort((a, b) => a - b));
    expect(everything.filter((e) => e.type === 'release')).toHaveLength(db.db.select().from(meshVersions).all().length);
  });

  it('filters by mesh and by category', () => {
    const linkerd = listChanges({ mesh: 'linkerd', pageSize: 1_000_000 }, db.db).entries;
    expect(linkerd[0]).toMatchObject({ type: 'release', label: '2.14' });
    expect(linkerd.every((e) => e.mesh.slug === 'linkerd')).toBe(true);
    expect(linkerd.filter((e) => e.type === 'release').map((e) => e.label)).toEqual(['2.14', LINKERD_NEWEST, '2.12', '2.11', '2.10', '2.9', '2.8', '2.7', '2.6']);

    const istio = listChanges({ mesh: 'istio' }, db.db).entries;
    expect(istio.slice(0, 2).map((e) => e.id)).toEqual([`revision-${revertRevisionId}`, `revision-${approvedRevisionId}`]);
    expect(istio.every((e) => e.mesh.slug === 'istio')).toBe(true);

    const security = listChanges({ category: 'security', pageSize: 1_000_000 }, db.db).entries;
    expect(security.slice(0, 2).map((e) => e.id)).toEqual([`revision-${revertRevisionId}`, `revision-${approvedRevisionId}`]);
    expect(security.every((e) => e.type === 'revision' && e.category.slug === 'security')).toBe(true);
    const resilience = listChanges({ category: 'resilience', pageSize: 1_000_000 }, db.db).entries;
    expect(resilience.length).toBeGreaterThan(0);
    expect(resilience.every((e) => e.type === 'revision' && e.category.slug === 'resilience')).toBe(true);
    expect(resilience.map((e) => e.id)).not.toContain(`revision-${approvedRevisionId}`);
    // Both filters at once: AWS App Mesh has news and SMI rows have news, but no SMI news for AWS App Mesh.
    expect(listChanges({ mesh: 'aws-app-mesh' }, db.db).entries.length).toBeGreaterThan(0);
    expect(listChanges({ category: 'smi' }, db.db).entries.length).toBeGreaterThan(0);
    expect(listChanges({ mesh: 'aws-app-mesh', category: 'smi' }, db.db).entries).toEqual([]);
    const kumaSecurity = listChanges({ mesh: 'kuma', category: 'security', pageSize: 1_000_000 }, db.db).entries;
    expect(kumaSecurity.length).toBeGreaterThan(0);
    expect(kumaSecurity.every((e) => e.type === 'revision' && e.mesh.slug === 'kuma' && e.category.slug === 'security')).toBe(true);
    expect(listChanges({ mesh: 'nosuchmesh' }, db.db)).toEqual({ entries: [], hasMore: false, page: 1 });
  });

  it('pages, saying whether there is more', () => {
    const all = listChanges({ pageSize: 1000 }, db.db).entries;
    const first = listChanges({ pageSize: 1 }, db.db);
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(first.entries.map((e) => e.id)).toEqual([all[0]!.id]);
    const second = listChanges({ pageSize: 1, page: 2 }, db.db);
    expect(second).toMatchObject({ page: 2, hasMore: true });
    expect(second.entries.map((e) => e.id)).toEqual([`revision-${revertRevisionId}`]);

    const security2 = listChanges({ category: 'security', pageSize: 1, page: 2 }, db.db);
    expect(security2).toMatchObject({ page: 2, hasMore: true });
    expect(security2.entries.map((e) => e.id)).toEqual([`revision-${approvedRevisionId}`]);
    expect(listChanges({ category: 'security', pageSize: 1, page: 1 }, db.db).hasMore).toBe(true);
    // The last page of security changes says there is no more, and the one after it is empty.
    const securityCount = listChanges({ category: 'security', pageSize: 1_000_000 }, db.db).entries.length;
    const lastPage = Math.ceil(securityCount / 100);
    expect(lastPage).toBeLessThan(MAX_CHANGES_PAGE);
    const last = listChanges({ category: 'security', pageSize: 100, page: lastPage }, db.db);
    expect(last).toMatchObject({ page: lastPage, hasMore: false });
    expect(last.entries).toHaveLength(securityCount - (lastPage - 1) * 100);
    expect(listChanges({ category: 'security', pageSize: 100, page: lastPage + 1 }, db.db)).toEqual({ entries: [], hasMore: false, page: lastPage + 1 });
    expect(listChanges({ pageSize: 2, page: 0 }, db.db).page).toBe(1);
  });

  it('walks every entry exactly once, page by page, in the same order as one big page', () => {
    for (const pageSize of [1, 2, 3, 5]) expectPagesWalkEverything(db, {}, pageSize);
    expectPagesWalkEverything(db, { mesh: 'istio' }, 1);
  });

  it('renders an Atom feed with one escaped entry per change', () => {
    const { entries } = listChanges({ pageSize: 10 }, db.db);
    const xml = renderAtomFeed(entries, { siteUrl: 'https://meshmatrix.example/', selfPath: '/changes/feed.xml', title: 'Mesh Matrix: changes & releases' });

    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toMatch(/<title>Mesh Matrix: changes &amp; releases<\/title>/);
    expect(xml).toMatch(/<id>https:\/\/meshmatrix\.example\/changes\/feed\.xml<\/id>/);
    expect(xml).toContain(`<updated>${entries[0]!.at}</updated>`);
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://meshmatrix.example/changes/feed.xml"/>');
    expectWellFormed(xml);

    const blocks = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    expect(blocks).toHaveLength(entries.length);
    expect(xml.match(/<entry>/g)).toHaveLength(entries.length);
    for (const [i, block] of blocks.entries()) {
      const entry = entries[i]!;
      expect(block).toContain(`<id>https://meshmatrix.example/changes#${entry.id}</id>`);
      expect(block).toMatch(/<title>[^<]+<\/title>/);
      expect(block).toContain(`<updated>${entry.at}</updated>`);
      expect(block).toMatch(/<link rel="alternate" type="text\/html" href="https:\/\/meshmatrix\.example\/meshes\/[^"]+"\/>/);
      expect(block).toMatch(/<content type="html">[^<]+<\/content>/);
    }
    const approval = blocks.find((b) => b.includes(`revision-${approvedRevisionId}`))!;
    expect(approval).toContain('href="https://meshmatrix.example/meshes/istio/1.16.1/mtls"');
    expect(approval).toContain('&amp; STRICT via &lt;PeerAuthentication&gt; &lt;script&gt;');
    expect(approval).toContain('<name>alice, mo</name>');
    // In html content the markup is escaped once more.
    expect(approval).toContain('&amp;lt;script&amp;gt;');
    expect(approval).toContain('?a=1&amp;amp;b=2');
    const release = blocks.find((b) => b.includes('Linkerd 2.14 added'))!;
    expect(release).toContain('href="https://meshmatrix.example/meshes/linkerd/2.14"');
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toMatch(/<PeerAuthentication/);
  });

  it('renders an empty feed that is still valid', () => {
    const xml = renderAtomFeed([], { siteUrl: 'https://meshmatrix.example', selfPath: '/changes/feed.xml', title: 'Empty' });
    expectWellFormed(xml);
    expect(xml).not.toContain('<entry>');
    expect(xml).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});

/** A small XML well-formedness check: balanced tags, escaped text, no stray markup. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let roots = 0;
  for (const match of body.matchAll(tag)) {
    const text = body.slice(last, match.index);
    expect(text, `text before ${match[0]}`).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    for (const [, value] of (match[3] ?? '').matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      expect(stack.pop(), `closing </${name}>`).toBe(name);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    }
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body.trimStart().startsWith('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
}

/** RFC 4180 with CRLF line ends; throws on anything malformed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('missing final CRLF');
  return rows;
}

describe('CSV export', () => {
  let db: TempDatabase;
  const messyNote = 'Opt-in, see "Security"\nsecond line';

  beforeAll(() => {
    db = createTempDatabase();
    const istio = versionOf(db, 'istio', '1.16.1');
    const base = { meshVersionId: istio.id, sources: [SOURCE], kind: 'import' as const, reason: 'csv fixture' };
    appendRevision(db.db, { ...base, featureId: featureId(db, 'mtls'), support: 'partial', text: null, note: messyNote });
    appendRevision(db.db, { ...base, featureId: featureId(db, 'license'), support: null, text: '=HYPERLINK("https://evil.example","x")', note: null });
    appendRevision(db.db, { ...base, featureId: featureId(db, 'developed-by'), support: null, text: '+cmd', note: '@SUM(A1)' });
    appendRevision(db.db, { ...base, featureId: featureId(db, 'governance'), support: null, text: '-2+3', note: '\ttabbed' });
  });
  afterAll(() => db.cleanup());

  it('has a header, then one line per mesh, release and active row', () => {
    const csv = renderCsv(listAllCells([], db.db));
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const releases = db.db.select().from(meshVersions).all().length;
    expect(rows.length - 1).toBe(releases * activeRowCount(db));
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const keys = new Set(rows.slice(1).map((r) => `${r[0]}@${r[3]}/${r[6]}`));
    expect(keys.size).toBe(rows.length - 1);
    // Archived meshes are exported too.
    expect(rows.some((r) => r[0] === 'open-service-mesh' && r[2] === 'archived')).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    const rows = parseCsv(renderCsv(listAllCells(['istio'], db.db)));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const find = (label: string, row: string) => rows.find((r) => r[col('release')] === label && r[col('row')] === row)!;

    const mtls = find('1.16.1', 'mtls');
    expect(mtls[col('note')]).toBe(messyNote);
    expect(mtls[col('support')]).toBe('partial');
    expect(mtls[col('revision_kind')]).toBe('import');
    expect(mtls[col('sources')]).toBe(SOURCE.url);
    expect(mtls[col('carried_from')]).toBe('');
    expect(find('1.16.1', 'license')[col('text')]).toBe(`'=HYPERLINK("https://evil.example","x")`);
    expect(find('1.16.1', 'developed-by')[col('text')]).toBe("'+cmd");
    expect(find('1.16.1', 'developed-by')[col('note')]).toBe("'@SUM(A1)");
    expect(find('1.16.1', 'governance')[col('text')]).toBe("'-2+3");
    expect(find('1.16.1', 'governance')[col('note')]).toBe("'\ttabbed");
    for (const row of rows.slice(1)) {
      for (const value of row) expect(value, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const csv = renderCsv(listAllCells(['istio'], db.db));
    expect(csv).toContain('"Opt-in, see ""Security""\nsecond line"');

    // A carried value names the release it came from.
    const carried = rows.find((r) => r[col('revision_kind')] === 'carry_forward')!;
    expect(carried[col('carried_from')]).not.toBe('');
    expect(rows.slice(1).every((r) => r[col('mesh')] === 'istio')).toBe(true);
    expect(rows.length - 1).toBe(ISTIO_RELEASES.length * activeRowCount(db));
  });

  it('refuses unknown meshes', () => {
    const error = expectAppError(rejection(db, () => listAllCells(['istio', 'nosuchmesh'], db.db)), BadRequestError, 400);
    expect(error.message).toContain('nosuchmesh');
    expect(Object.keys(error.fieldErrors)).toEqual(['meshes']);
  });
});
