import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, features, meshes, meshVersions, revisions, type Revision } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { getMatrix, listCategories } from '@/lib/server/matrix/matrix';
import { findMesh, getMeshPage, getReleaseDiff, listMeshes } from '@/lib/server/matrix/meshes';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { addRelease, setMeshStatus, updateRelease } from '@/lib/server/releases/releases';
import { approveProposal } from '@/lib/server/proposals/review';
import { countRows, createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { createCast, createUser, type Cast } from '@/tests/support/cast';
import { roomyLimits } from '@/tests/support/proposing';
import {
  activeRowCount,
  columnLabels,
  featureId,
  headOf,
  ISTIO_NEWEST,
  ISTIO_RELEASES,
  KUMA_NEWEST,
  LINKERD_NEWEST,
  meshId,
  versionOf,
} from '@/tests/support/lookups';

const STATUS_SOURCE = 'https://github.com/kumahq/kuma';

function revisionRow(db: TempDatabase, id: number): Revision {
  const row = db.db.select().from(revisions).where(eq(revisions.id, id)).get();
  if (!row) throw new Error(`no revision ${id}`);
  return row;
}

function revisionsOfVersion(db: TempDatabase, versionId: number): Revision[] {
  return db.db.select().from(revisions).where(eq(revisions.meshVersionId, versionId)).orderBy(revisions.id).all();
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

/** Raw rows of revisions and cell heads that do not belong to `exceptVersionId`. */
function otherReleaseRows(db: TempDatabase, exceptVersionId = -1) {
  return {
    revisions: db.sqlite.prepare('SELECT * FROM revisions WHERE mesh_version_id != ? ORDER BY id').all(exceptVersionId),
    heads: db.sqlite
      .prepare('SELECT * FROM cell_heads WHERE mesh_version_id != ? ORDER BY mesh_version_id, feature_id')
      .all(exceptVersionId),
    versions: db.sqlite.prepare('SELECT * FROM mesh_versions WHERE id != ? ORDER BY id').all(exceptVersionId),
  };
}

function expectFieldError(db: TempDatabase, run: () => unknown, field: string, pattern?: RegExp): BadRequestError {
  const error = expectAppError(rejection(db, run), BadRequestError, 400);
  expect(Object.keys(error.fieldErrors)).toContain(field);
  if (pattern) expect(error.message).toMatch(pattern);
  return error;
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
    expect(version).toMatchObject({
      meshId: meshId(db, 'istio'),
      releasedOn: null,
      releaseNotesUrl: null,
      createdById: cast.mo.id,
    });

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
    expect(audit[0]).toMatchObject({
      actorId: cast.mo.id,
      objectType: 'release',
      objectId: 'istio@1.21.0',
      createdAt: version.createdAt,
    });
    expect(audit[0]?.details).toEqual({ carriedFrom: ISTIO_NEWEST, carried: carried.length, releasedOn: null });
  });

  it('makes the new release the default column, every value marked with the release it was last checked in', () => {
    const matrix = getMatrix({}, db.db);
    expect(columnLabels(matrix).istio).toBe('1.21.0');
    const version = versionOf(db, 'istio', '1.21.0');
    const labelsById = new Map(
      db.db
        .select()
        .from(meshVersions)
        .all()
        .map((v) => [v.id, v.label]),
    );
    const carried = revisionsOfVersion(db, version.id);
    const slugById = new Map(
      db.db
        .select()
        .from(features)
        .all()
        .map((f) => [f.id, f.slug]),
    );
    for (const revision of carried) {
      const cellValue = matrix.cells.istio?.[slugById.get(revision.featureId)!];
      const origin = revisionRow(db, revision.carriedFromRevisionId!);
      expect(cellValue).toMatchObject({
        revisionId: revision.id,
        kind: 'carry_forward',
        carriedFrom: labelsById.get(origin.meshVersionId),
      });
    }
    expect(Object.values(matrix.cells.istio ?? {}).some((v) => v.carriedFrom === ISTIO_NEWEST)).toBe(true);
    expect(getMeshPage('istio', undefined, db.db).version.label).toBe('1.21.0');
  });

  it('carries a release that sorts between two existing ones from the nearest earlier one', () => {
    const nine = versionOf(db, 'istio', '1.9');
    const nineHeads = activeHeads(db, nine.id);
    const before = otherReleaseRows(db);

    // Released (2021-05-18) after 1.9 was named (2021-02-10) and before 1.11 was (2021-09-01).
    const result = addRelease(
      cast.ada,
      { mesh: 'istio', label: '1.10', releasedOn: '2021-05-18', releaseNotesUrl: '' },
      { db: db.db },
    );

    expect(result.carriedFrom).toBe('1.9');
    expect(result.carried).toBe(nineHeads.size);
    expect(result.version).toMatchObject({
      label: '1.10',
      releasedOn: '2021-05-18',
      releaseNotesUrl: null,
      createdById: cast.ada.id,
    });
    const carried = revisionsOfVersion(db, result.version.id);
    expect(carried).toHaveLength(nineHeads.size);
    for (const revision of carried) {
      const from = nineHeads.get(revision.featureId)!;
      expect(revision).toMatchObject({
        kind: 'carry_forward',
        support: from.support,
        text: from.text,
        note: from.note,
        authorId: cast.ada.id,
      });
      expect(revision.carriedFromRevisionId).toBe(from.kind === 'carry_forward' ? from.carriedFromRevisionId : from.id);
    }
    expect(otherReleaseRows(db, result.version.id)).toEqual(before);
    // Still not the newest: the matrix keeps 1.21.0.
    expect(columnLabels(getMatrix({}, db.db)).istio).toBe('1.21.0');
    const tenAt = ISTIO_RELEASES.indexOf('1.9');
    expect(getMeshPage('istio', undefined, db.db).versions.map((v) => v.label)).toEqual([
      '1.21.0',
      ...ISTIO_RELEASES.slice(0, tenAt),
      '1.10',
      ...ISTIO_RELEASES.slice(tenAt),
    ]);
  });

  it('records the release date and notes link it is given', () => {
    const result = addRelease(
      cast.mo,
      {
        mesh: 'linkerd',
        label: ' 2.14 ',
        releasedOn: '2023-08-23',
        releaseNotesUrl: 'https://github.com/linkerd/linkerd2/releases/tag/stable-2.14.0',
      },
      { db: db.db },
    );
    expect(result.version).toMatchObject({
      label: '2.14',
      releasedOn: '2023-08-23',
      releaseNotesUrl: 'https://github.com/linkerd/linkerd2/releases/tag/stable-2.14.0',
    });
    expect(result.carriedFrom).toBe(LINKERD_NEWEST);
    expect(auditOf(db, 'release.create').at(-1)?.details).toMatchObject({
      carriedFrom: LINKERD_NEWEST,
      releasedOn: '2023-08-23',
    });
  });

  it("carries nothing into a mesh's first release", () => {
    const id = db.db
      .insert(meshes)
      .values({ slug: 'brand-new-mesh', name: 'Brand New Mesh', position: 99 })
      .returning()
      .get().id;
    const countsBefore = countRows(db);
    const result = addRelease(
      cast.mo,
      { mesh: 'brand-new-mesh', label: '0.1.0', releasedOn: '', releaseNotesUrl: '' },
      { db: db.db },
    );
    expect(result).toMatchObject({ carriedFrom: null, carried: 0 });
    expect(result.version.meshId).toBe(id);
    expect(revisionsOfVersion(db, result.version.id)).toEqual([]);
    expect(countRows(db)).toEqual({
      ...countsBefore,
      mesh_versions: countsBefore.mesh_versions! + 1,
      audit_events: countsBefore.audit_events! + 1,
    });
    expect(auditOf(db, 'release.create').at(-1)).toMatchObject({
      objectId: 'brand-new-mesh@0.1.0',
      details: { carriedFrom: null, carried: 0, releasedOn: null },
    });
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
    expectFieldError(
      db,
      () => addRelease(cast.mo, { mesh: 'istio', label: '1.16.1' }, { db: db.db }),
      'label',
      /already exists/,
    );
    expectFieldError(
      db,
      () => addRelease(cast.mo, { mesh: 'istio', label: ' 1.3 ' }, { db: db.db }),
      'label',
      /already exists/,
    );
    expectFieldError(
      db,
      () => addRelease(cast.mo, { mesh: 'aws-app-mesh', label: 'MANAGED' }, { db: db.db }),
      'label',
      /already exists/,
    );
    expectFieldError(
      db,
      () => addRelease(cast.mo, { mesh: 'aws-app-mesh', label: 'Managed' }, { db: db.db }),
      'label',
      /already exists/,
    );
  });

  it('allows the same label on another mesh', () => {
    const result = addRelease(cast.mo, { mesh: 'cilium', label: '1.3' }, { db: db.db });
    expect(result.version.label).toBe('1.3');
  });

  it('refuses empty and malformed labels', () => {
    for (const label of [
      '',
      '   ',
      '1 17',
      '1/17',
      '.17',
      '1.17/../x',
      'a'.repeat(41),
      'compare',
      'Compare',
      'manage',
    ]) {
      const error = expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label }, { db: db.db }), 'label');
      expect(error.fieldErrors.label?.[0]).toMatch(/^label /);
    }
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio' }, { db: db.db }), 'label');
    expectFieldError(db, () => addRelease(cast.mo, { mesh: 'istio', label: 117 }, { db: db.db }), 'label');
    expectFieldError(
      db,
      () => addRelease(cast.mo, { mesh: 'istio', label: 'compare' }, { db: db.db }),
      'label',
      /reserved/,
    );
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    for (const releasedOn of ['2024-13-01', 'yesterday', '2024-02-30', '2024-5-1']) {
      expectFieldError(
        db,
        () => addRelease(cast.mo, { mesh: 'istio', label: '1.17.0', releasedOn }, { db: db.db }),
        'releasedOn',
      );
    }
  });

  it('refuses release-notes links that are not http(s)', () => {
    for (const releaseNotesUrl of ['javascript:alert(1)', 'ftp://example.org/notes', 'not a url']) {
      expectFieldError(
        db,
        () => addRelease(cast.mo, { mesh: 'istio', label: '1.17.0', releaseNotesUrl }, { db: db.db }),
        'releaseNotesUrl',
      );
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
      rejection(db, () =>
        addRelease(
          cast.mo,
          { mesh: 'istio', label: 'compare', releasedOn: 'yesterday', releaseNotesUrl: 'javascript:alert(1)' },
          { db: db.db },
        ),
      ),
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

    const updated = updateRelease(
      cast.mo,
      { mesh: 'istio', version: '1.16.1', releasedOn: '2022-12-12', releaseNotesUrl: url },
      { db: db.db },
    ).version;

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

    const cleared = updateRelease(
      cast.ada,
      { mesh: 'istio', version: '1.16.1', releasedOn: '', releaseNotesUrl: '' },
      { db: db.db },
    ).version;
    expect(cleared).toMatchObject({ releasedOn: null, releaseNotesUrl: null });
    expect(auditOf(db, 'release.update')).toHaveLength(2);
  });

  it('validates like addRelease and refuses unknown releases and non-moderators', () => {
    expectFieldError(
      db,
      () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releasedOn: '2024-13-01' }, { db: db.db }),
      'releasedOn',
    );
    expectFieldError(
      db,
      () =>
        updateRelease(
          cast.mo,
          { mesh: 'istio', version: '1.16.1', releaseNotesUrl: 'javascript:alert(1)' },
          { db: db.db },
        ),
      'releaseNotesUrl',
    );
    expectAppError(
      rejection(db, () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', label: '1.16.2' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expectAppError(
      rejection(db, () =>
        updateRelease(cast.mo, { mesh: 'istio', version: '9.9', releasedOn: '2020-01-01' }, { db: db.db }),
      ),
      NotFoundError,
      404,
    );
    expectAppError(
      rejection(db, () =>
        updateRelease(cast.mo, { mesh: 'nosuchmesh', version: '1.0', releasedOn: '2020-01-01' }, { db: db.db }),
      ),
      NotFoundError,
      404,
    );
    expectAppError(
      rejection(db, () =>
        updateRelease(cast.alice, { mesh: 'istio', version: '1.16.1', releasedOn: '2020-01-01' }, { db: db.db }),
      ),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () =>
        updateRelease(null, { mesh: 'istio', version: '1.16.1', releasedOn: '2020-01-01' }, { db: db.db }),
      ),
      UnauthorizedError,
      401,
    );
  });

  it('needs a reason and a source link to archive a mesh', () => {
    for (const reason of ['', '   ', 'no']) {
      expectFieldError(
        db,
        () =>
          setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', reason, sourceUrl: STATUS_SOURCE }, { db: db.db }),
        'reason',
      );
    }
    expectFieldError(
      db,
      () => setMeshStatus(cast.mo, { mesh: 'kuma', status: 'archived', sourceUrl: STATUS_SOURCE }, { db: db.db }),
      'reason',
    );
    for (const sourceUrl of [undefined, '', '   ', 'javascript:alert(1)', 'not a url']) {
      expectFieldError(
        db,
        () =>
          setMeshStatus(
            cast.mo,
            { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl },
            { db: db.db },
          ),
        'sourceUrl',
      );
    }
    expectFieldError(
      db,
      () =>
        setMeshStatus(
          cast.mo,
          { mesh: 'kuma', status: 'deleted', reason: 'gone for good', sourceUrl: STATUS_SOURCE },
          { db: db.db },
        ),
      'status',
    );
    expectAppError(
      rejection(db, () =>
        setMeshStatus(
          cast.alice,
          { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE },
          { db: db.db },
        ),
      ),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () =>
        setMeshStatus(
          null,
          { mesh: 'kuma', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE },
          { db: db.db },
        ),
      ),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () =>
        setMeshStatus(
          cast.mo,
          { mesh: 'nosuchmesh', status: 'archived', reason: 'gone for good', sourceUrl: STATUS_SOURCE },
          { db: db.db },
        ),
      ),
      NotFoundError,
      404,
    );
    expect(db.db.select().from(meshes).where(eq(meshes.slug, 'kuma')).get()?.status).toBe('active');
  });

  it('archives a mesh: it leaves the default matrix but keeps its pages', () => {
    expect(columnLabels(getMatrix({}, db.db)).kuma).toBe(KUMA_NEWEST);
    const countsBefore = countRows(db);

    const { mesh } = setMeshStatus(
      cast.mo,
      { mesh: 'kuma', status: 'archived', reason: '  Kong moved on to Kong Mesh  ', sourceUrl: ` ${STATUS_SOURCE} ` },
      { db: db.db },
    );

    expect(mesh).toMatchObject({
      slug: 'kuma',
      status: 'archived',
      statusNote: 'Kong moved on to Kong Mesh',
      statusSourceUrl: STATUS_SOURCE,
    });
    expect(countRows(db)).toEqual({ ...countsBefore, audit_events: countsBefore.audit_events! + 1 });
    const audit = auditOf(db, 'mesh.status');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: cast.mo.id, objectType: 'mesh', objectId: 'kuma' });
    expect(audit[0]?.details).toEqual({
      from: 'active',
      to: 'archived',
      reason: 'Kong moved on to Kong Mesh',
      sourceUrl: STATUS_SOURCE,
    });

    const matrix = getMatrix({}, db.db);
    expect(matrix.columns.map((c) => c.mesh.slug)).not.toContain('kuma');
    expect(matrix.cells.kuma).toBeUndefined();
    expect(matrix.columns.map((c) => c.mesh.slug)).toContain('istio');

    const page = getMeshPage('kuma', undefined, db.db);
    expect(page.mesh).toMatchObject({
      status: 'archived',
      statusNote: 'Kong moved on to Kong Mesh',
      statusSourceUrl: STATUS_SOURCE,
    });
    expect(page.version.label).toBe(KUMA_NEWEST);
    expect(page.cells.mtls?.support).toBe('yes');
    expect(getMeshPage('kuma', '0.2', db.db).version.label).toBe('0.2');

    // Named explicitly, it still shows.
    const named = getMatrix({ meshes: ['kuma', 'istio'] }, db.db);
    expect(named.columns.map((c) => c.mesh.slug).sort()).toEqual(['istio', 'kuma']);
    expect(named.columns.find((c) => c.mesh.slug === 'kuma')?.mesh.status).toBe('archived');
  });

  it('refuses to set the status a mesh already has', () => {
    const error = expectFieldError(
      db,
      () =>
        setMeshStatus(
          cast.mia,
          { mesh: 'kuma', status: 'archived', reason: 'archive it again', sourceUrl: STATUS_SOURCE },
          { db: db.db },
        ),
      'status',
    );
    expect(error.message).toMatch(/already archived/);
    expectFieldError(
      db,
      () =>
        setMeshStatus(
          cast.mia,
          { mesh: 'istio', status: 'active', reason: 'it is alive', sourceUrl: 'https://istio.io/' },
          { db: db.db },
        ),
      'status',
      /already active/,
    );
  });

  it('makes an archived mesh active again', () => {
    const { mesh } = setMeshStatus(
      cast.ada,
      { mesh: 'kuma', status: 'active', reason: 'Maintained again', sourceUrl: 'https://kuma.io/' },
      { db: db.db },
    );
    expect(mesh).toMatchObject({
      status: 'active',
      statusNote: 'Maintained again',
      statusSourceUrl: 'https://kuma.io/',
    });
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

describe('getReleaseDiff (seeded, read only)', () => {
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
    const same = expectAppError(
      rejection(db, () => getReleaseDiff('istio', '1.9', '1.9', db.db)),
      BadRequestError,
      400,
    );
    expect(Object.keys(same.fieldErrors)).toEqual(['to']);
    const unknownFrom = expectAppError(
      rejection(db, () => getReleaseDiff('istio', '9.9', '1.16.1', db.db)),
      BadRequestError,
      400,
    );
    expect(unknownFrom.message).toContain('9.9');
    expect(unknownFrom.fieldErrors.from?.[0]).toContain('9.9');
    const unknownTo = expectAppError(
      rejection(db, () => getReleaseDiff('istio', '1.3', '2.0-beta', db.db)),
      BadRequestError,
      400,
    );
    expect(unknownTo.fieldErrors.to?.[0]).toContain('2.0-beta');
    const single = expectAppError(
      rejection(db, () => getReleaseDiff('cilium', undefined, undefined, db.db)),
      BadRequestError,
      400,
    );
    expect(single.message).toMatch(/only one/);
    expectAppError(
      rejection(db, () => getReleaseDiff('nosuchmesh', undefined, undefined, db.db)),
      NotFoundError,
      404,
    );
  });
});

describe('mesh pages', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('lists releases newest first and defaults to the newest', () => {
    const page = getMeshPage('istio', undefined, db.db);
    expect(page.version.label).toBe('1.20');
    expect(page.versions.map((v) => v.label)).toEqual([
      '1.20',
      '1.18',
      '1.16.1',
      '1.13',
      '1.12',
      '1.11',
      '1.9',
      '1.8',
      '1.7',
      '1.6',
      '1.5',
      '1.4',
      '1.3',
    ]);
  });

  it('shows any release and 404s an unknown one', () => {
    expect(getMeshPage('istio', '1.3', db.db).cells.mtls?.support).toBe('yes');
    expect(() => getMeshPage('istio', '9.9', db.db)).toThrow(NotFoundError);
    expect(() => getMeshPage('nosuchmesh', undefined, db.db)).toThrow(NotFoundError);
  });

  it('resolves a former slug to a redirect', () => {
    expect(findMesh('maesh', db.db)).toEqual({ redirectTo: 'traefik-mesh' });
    expect(findMesh('nosuchmesh', db.db)).toBeNull();
  });

  it('lists every mesh, archived ones included', () => {
    const all = listMeshes(db.db);
    expect(all.find((m) => m.slug === 'open-service-mesh')?.status).toBe('archived');
    expect(all.find((m) => m.slug === 'istio')?.releaseCount).toBe(13);
  });
});

describe('unknown fields are refused by name', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it.each([
    [
      'a new release',
      () => addRelease(cast.mo, { mesh: 'istio', label: '9.9', createdById: 1 }, { db: db.db }),
      'createdById',
    ],
    [
      'a release update',
      () => updateRelease(cast.mo, { mesh: 'istio', version: '1.16.1', releasedOn: null, meshId: 2 }, { db: db.db }),
      'meshId',
    ],
    [
      'a mesh status',
      () =>
        setMeshStatus(
          cast.mo,
          { mesh: 'istio', status: 'archived', reason: 'gone', sourceUrl: 'https://example.com/gone', name: 'x' },
          { db: db.db },
        ),
      'name',
    ],
  ])('%s', (_name, run, field) => {
    const error = expectAppError(rejection(db, run), BadRequestError, 400);
    expect(error.fieldErrors).toEqual({ [field]: [`${field} is not a field this accepts`] });
    expect(error.message).toBe(`${field} is not a field this accepts`);
  });
});
