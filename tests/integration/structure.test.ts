import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, features } from '@/db/schema';
import { renderCsv } from '@/lib/server/exports/csv';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { getMatrix, type MatrixView } from '@/lib/server/matrix/matrix';
import { findMesh, getMeshPage, getReleaseDiff, listMeshes } from '@/lib/server/matrix/meshes';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { proposeCellChange, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { approveProposal } from '@/lib/server/proposals/review';
import { setMeshStatus } from '@/lib/server/releases/releases';
import {
  addCategory,
  addFeature,
  addMesh,
  getStructure,
  moveCategory,
  moveFeature,
  moveFeatureToCategory,
  renameCategory,
  renameMesh,
  setCategoryStatus,
  setFeatureStatus,
  updateFeature,
} from '@/lib/server/structure/structure';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { createCast, type Cast } from '@/tests/support/cast';
import { slugFromName } from '@/lib/rules/slugs';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '@/tests/support/temp-db';

const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };
const SOURCE = { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' };

/** Every structural row, so a refused change can be shown to have touched none of them. */
function structureRows(db: TempDatabase) {
  const all = (query: string) => db.sqlite.prepare(query).all();
  return {
    contents: snapshotContents(db),
    categories: all('SELECT * FROM categories ORDER BY id'),
    features: all('SELECT * FROM features ORDER BY id'),
    meshes: all('SELECT * FROM meshes ORDER BY id'),
    aliases: all('SELECT * FROM mesh_aliases ORDER BY id'),
    versions: all('SELECT * FROM mesh_versions ORDER BY id'),
  };
}

/** History as stored: every revision and every head, byte for byte. */
function historyRows(db: TempDatabase) {
  return {
    revisions: db.sqlite.prepare('SELECT * FROM revisions ORDER BY id').all(),
    heads: db.sqlite.prepare('SELECT * FROM cell_heads ORDER BY mesh_version_id, feature_id').all(),
  };
}

function refused(db: TempDatabase, run: () => unknown): unknown {
  const before = structureRows(db);
  const error = rejection(db, run);
  expect(structureRows(db)).toEqual(before);
  return error;
}

function expectFieldError(db: TempDatabase, run: () => unknown, field: string, pattern?: RegExp): BadRequestError {
  const error = expectAppError(refused(db, run), BadRequestError, 400);
  expect(Object.keys(error.fieldErrors)).toEqual([field]);
  expect(error.fieldErrors[field]!.every((message) => message.startsWith(`${field} `))).toBe(true);
  if (pattern) expect(error.message).toMatch(pattern);
  return error;
}

function lastAudit(db: TempDatabase) {
  return db.db.select().from(auditEvents).orderBy(auditEvents.id).all().at(-1)!;
}

function categoryOrder(matrix: MatrixView): string[] {
  return matrix.categories.map((c) => c.slug);
}

function rowOrder(matrix: MatrixView, category: string): string[] {
  return matrix.categories.find((c) => c.slug === category)?.features.map((f) => f.slug) ?? [];
}

function rowSlugs(matrix: MatrixView): string[] {
  return matrix.categories.flatMap((c) => c.features.map((f) => f.slug));
}

function featureRow(db: TempDatabase, slug: string) {
  return db.db.select().from(features).where(eq(features.slug, slug)).get()!;
}

const newRow = {
  category: 'security',
  name: 'Workload attestation',
  definition: 'Yes if the mesh verifies the identity of a workload from its platform before issuing it a certificate.',
  referenceUrl: 'https://spiffe.io/docs/latest/spire-about/',
  kind: 'support',
};

describe('who may change the structure', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  const operations: [string, (actor: Cast[keyof Cast] | null) => unknown][] = [
    ['addCategory', (actor) => addCategory(actor, { name: 'Extensibility' }, { db: db.db })],
    ['renameCategory', (actor) => renameCategory(actor, { category: 'security', name: 'Safety' }, { db: db.db })],
    ['moveCategory', (actor) => moveCategory(actor, { category: 'security', direction: 'up' }, { db: db.db })],
    ['retireCategory', (actor) => setCategoryStatus(actor, { category: 'security', status: 'retired' }, { db: db.db })],
    ['restoreCategory', (actor) => setCategoryStatus(actor, { category: 'security', status: 'active' }, { db: db.db })],
    ['addFeature', (actor) => addFeature(actor, newRow, { db: db.db })],
    [
      'updateFeature',
      (actor) =>
        updateFeature(actor, { feature: 'mtls', name: 'Mutual TLS', definition: 'x', referenceUrl: '' }, { db: db.db }),
    ],
    ['moveFeature', (actor) => moveFeature(actor, { feature: 'mtls-by-default', direction: 'up' }, { db: db.db })],
    [
      'moveFeatureToCategory',
      (actor) => moveFeatureToCategory(actor, { feature: 'mtls', category: 'general' }, { db: db.db }),
    ],
    ['retireFeature', (actor) => setFeatureStatus(actor, { feature: 'mtls', status: 'retired' }, { db: db.db })],
    ['restoreFeature', (actor) => setFeatureStatus(actor, { feature: 'mtls', status: 'active' }, { db: db.db })],
    ['addMesh', (actor) => addMesh(actor, { name: 'Sidecarless', firstRelease: '1.0' }, { db: db.db })],
    ['renameMesh', (actor) => renameMesh(actor, { mesh: 'kuma', name: 'Kong Mesh', slug: 'kong-mesh' }, { db: db.db })],
    ['getStructure', (actor) => getStructure(actor, db.db)],
  ];

  for (const [name, run] of operations) {
    it(`${name}: refused to signed-out people, contributors, moderators and banned accounts, changing nothing`, () => {
      expectAppError(
        refused(db, () => run(null)),
        UnauthorizedError,
        401,
      );
      expectAppError(
        refused(db, () => run(cast.alice)),
        ForbiddenError,
        403,
      );
      expectAppError(
        refused(db, () => run(cast.mo)),
        ForbiddenError,
        403,
      );
      expectAppError(
        refused(db, () => run({ ...cast.ada, banned: true })),
        ForbiddenError,
        403,
      );
    });
  }
});

describe('categories', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('derives slugs from names', () => {
    expect(slugFromName('Traffic Split (SMI)')).toBe('traffic-split-smi');
    expect(slugFromName('  Überwachung & Co  ')).toBe('uberwachung-co');
    expect(slugFromName('!!!')).toBe('');
  });

  it('adds a category at the end, audit-logged; it shows in the matrix once it has a row', () => {
    const counts = countRows(db);
    const category = addCategory(cast.ada, { name: 'Extensibility', slug: '' }, { db: db.db });
    expect(category).toMatchObject({ slug: 'extensibility', name: 'Extensibility', status: 'active' });
    expect(getStructure(cast.ada, db.db).categories.at(-1)?.slug).toBe('extensibility');
    expect(countRows(db)).toEqual({
      ...counts,
      categories: counts.categories! + 1,
      audit_events: counts.audit_events! + 1,
    });
    expect(lastAudit(db)).toMatchObject({
      actorId: cast.ada.id,
      action: 'category.create',
      objectType: 'category',
      objectId: 'extensibility',
    });
    expect(categoryOrder(getMatrix({}, db.db))).not.toContain('extensibility');

    addFeature(
      cast.ada,
      { ...newRow, category: 'extensibility', name: 'Wasm plugins', slug: 'wasm-plugins' },
      { db: db.db },
    );
    expect(categoryOrder(getMatrix({}, db.db)).at(-1)).toBe('extensibility');
    expect(rowOrder(getMatrix({}, db.db), 'extensibility')).toEqual(['wasm-plugins']);
  });

  it('refuses bad input naming the field, changing nothing', () => {
    expectFieldError(db, () => addCategory(cast.ada, { name: '   ' }, { db: db.db }), 'name', /name must not be empty/);
    expectFieldError(db, () => addCategory(cast.ada, { name: 'x'.repeat(81) }, { db: db.db }), 'name', /at most 80/);
    expectFieldError(
      db,
      () => addCategory(cast.ada, { name: 'Plugins', slug: 'Plug Ins' }, { db: db.db }),
      'slug',
      /lowercase/,
    );
    expectFieldError(
      db,
      () => addCategory(cast.ada, { name: 'Plugins', slug: 'plug_ins' }, { db: db.db }),
      'slug',
      /lowercase/,
    );
    expectFieldError(
      db,
      () => addCategory(cast.ada, { name: 'Safety', slug: 'security' }, { db: db.db }),
      'slug',
      /already used by the category Security/,
    );
    expectFieldError(
      db,
      () => addCategory(cast.ada, { name: 'SECURITY', slug: 'security-2' }, { db: db.db }),
      'name',
      /already a category/,
    );
    expectFieldError(db, () => addCategory(cast.ada, { name: '!!!' }, { db: db.db }), 'slug', /cannot be derived/);
    expectFieldError(db, () => renameCategory(cast.ada, { category: 'security', name: '' }, { db: db.db }), 'name');
    expectFieldError(
      db,
      () => renameCategory(cast.ada, { category: 'security', name: 'Security' }, { db: db.db }),
      'name',
      /already "Security"/,
    );
    expectFieldError(
      db,
      () => renameCategory(cast.ada, { category: 'security', name: 'resilience' }, { db: db.db }),
      'name',
      /already the name of the category resilience/,
    );
    expectFieldError(
      db,
      () => moveCategory(cast.ada, { category: 'security', direction: 'sideways' }, { db: db.db }),
      'direction',
      /up or down/,
    );
    expectAppError(
      refused(db, () => renameCategory(cast.ada, { category: 'nope', name: 'Nope' }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('renames a category, audit-logged with from and to, keeping its slug and rows', () => {
    const history = historyRows(db);
    renameCategory(cast.ada, { category: 'security', name: 'Security and identity' }, { db: db.db });
    const matrix = getMatrix({}, db.db);
    expect(matrix.categories.find((c) => c.slug === 'security')?.name).toBe('Security and identity');
    expect(rowOrder(matrix, 'security')).toContain('mtls');
    expect(lastAudit(db)).toMatchObject({
      action: 'category.rename',
      objectId: 'security',
      details: { from: 'Security', to: 'Security and identity' },
    });
    expect(historyRows(db)).toEqual(history);
  });

  it('moves a category up and down; the matrix follows; the ends refuse', () => {
    const before = categoryOrder(getMatrix({}, db.db));
    const index = before.indexOf('security');
    moveCategory(cast.ada, { category: 'security', direction: 'up' }, { db: db.db });
    const after = categoryOrder(getMatrix({}, db.db));
    expect(after.indexOf('security')).toBe(index - 1);
    expect(after[index]).toBe(before[index - 1]);
    expect(lastAudit(db)).toMatchObject({
      action: 'category.move',
      objectId: 'security',
      details: { direction: 'up' },
    });
    moveCategory(cast.ada, { category: 'security', direction: 'down' }, { db: db.db });
    expect(categoryOrder(getMatrix({}, db.db))).toEqual(before);

    expectFieldError(
      db,
      () => moveCategory(cast.ada, { category: before[0]!, direction: 'up' }, { db: db.db }),
      'direction',
      /already first/,
    );
    expectFieldError(
      db,
      () => moveCategory(cast.ada, { category: before.at(-1)!, direction: 'down' }, { db: db.db }),
      'direction',
      /already last/,
    );
  });

  it('retires a category: its rows leave every read model, their history and cell pages stay, proposals are refused', () => {
    const history = historyRows(db);
    const securityRows = rowOrder(getMatrix({}, db.db), 'security');
    setCategoryStatus(cast.ada, { category: 'security', status: 'retired' }, { db: db.db });
    const retiredAt = lastAudit(db);
    expect(retiredAt).toMatchObject({ action: 'category.retire', objectId: 'security' });

    const matrix = getMatrix({}, db.db);
    expect(categoryOrder(matrix)).not.toContain('security');
    for (const slug of securityRows) expect(rowSlugs(matrix)).not.toContain(slug);
    expect(getMeshPage('istio', undefined, db.db).categories.map((c) => c.slug)).not.toContain('security');
    expect(listAllCells(['istio'], db.db).some((r) => r.category.slug === 'security')).toBe(false);

    const cell = getCellPage('istio', '1.16.1', 'mtls', db.db);
    expect(cell.retired).toEqual({ scope: 'category', categoryName: 'Security and identity', on: retiredAt.createdAt });
    expect(cell.history.length).toBeGreaterThan(0);
    expect(cell.current).not.toBeNull();

    const proposal = {
      mesh: 'istio',
      version: '1.16.1',
      feature: 'mtls',
      support: 'partial',
      sources: [SOURCE],
      rationale: 'r',
      baseRevisionId: cell.current!.revisionId,
    };
    expectFieldError(
      db,
      () => proposeCellChange(cast.alice, proposal, { limits: roomyLimits, db: db.db }),
      'feature',
      /retired category Security and identity/,
    );
    expectFieldError(
      db,
      () => addFeature(cast.ada, { ...newRow, slug: 'x-row', name: 'X row' }, { db: db.db }),
      'category',
      /retired/,
    );
    expectFieldError(
      db,
      () => setCategoryStatus(cast.ada, { category: 'security', status: 'retired' }, { db: db.db }),
      'status',
      /already retired/,
    );
    expect(historyRows(db)).toEqual(history);

    setCategoryStatus(cast.ada, { category: 'security', status: 'active' }, { db: db.db });
    expect(lastAudit(db)).toMatchObject({ action: 'category.restore', objectId: 'security' });
    expect(rowOrder(getMatrix({}, db.db), 'security')).toEqual(securityRows);
    expect(getCellPage('istio', '1.16.1', 'mtls', db.db).retired).toBeNull();
    expect(historyRows(db)).toEqual(history);
  });
});

describe('rows', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('adds a row at the end of its category: in the matrix, the mesh pages and the exports, empty until someone proposes', () => {
    const counts = countRows(db);
    const feature = addFeature(cast.ada, newRow, { db: db.db });
    expect(feature).toMatchObject({
      slug: 'workload-attestation',
      kind: 'support',
      status: 'active',
      referenceUrl: newRow.referenceUrl,
    });
    expect(countRows(db)).toEqual({
      ...counts,
      features: counts.features! + 1,
      audit_events: counts.audit_events! + 1,
    });
    expect(lastAudit(db)).toMatchObject({
      actorId: cast.ada.id,
      action: 'feature.create',
      objectType: 'feature',
      objectId: 'workload-attestation',
      details: {
        category: 'security',
        name: 'Workload attestation',
        kind: 'support',
        definition: newRow.definition,
        referenceUrl: newRow.referenceUrl,
      },
    });

    const matrix = getMatrix({}, db.db);
    expect(rowOrder(matrix, 'security').at(-1)).toBe('workload-attestation');
    expect(matrix.cells.istio?.['workload-attestation']).toBeUndefined();
    expect(getMeshPage('istio', undefined, db.db).categories.flatMap((c) => c.features.map((f) => f.slug))).toContain(
      'workload-attestation',
    );
    expect(renderCsv(listAllCells(['istio'], db.db))).toContain(',workload-attestation,Workload attestation,support,');
    expect(JSON.stringify(matrixToJson(matrix))).toContain('"workload-attestation"');
    expect(getCellPage('istio', '1.16.1', 'workload-attestation', db.db)).toMatchObject({
      current: null,
      history: [],
      retired: null,
    });

    const text = addFeature(
      cast.ada,
      { ...newRow, name: 'Control plane language', slug: 'control-plane-language', kind: 'text', referenceUrl: '' },
      { db: db.db },
    );
    expect(text).toMatchObject({ kind: 'text', referenceUrl: null });
  });

  it('refuses bad input naming the field, changing nothing', () => {
    const add = (change: Record<string, unknown>) => () =>
      addFeature(cast.ada, { ...newRow, name: 'Another row', ...change }, { db: db.db });
    expectFieldError(db, add({ name: '' }), 'name', /must not be empty/);
    expectFieldError(db, add({ name: 'x'.repeat(121) }), 'name', /at most 120/);
    expectFieldError(db, add({ definition: ' ' }), 'definition', /what counts as support/);
    expectFieldError(db, add({ definition: 'x'.repeat(501) }), 'definition', /at most 500/);
    expectFieldError(db, add({ slug: 'Another Row' }), 'slug', /lowercase/);
    expectFieldError(db, add({ slug: 'mtls' }), 'slug', /already used by the row mTLS/);
    expectFieldError(db, add({ name: 'MTLS', slug: 'mtls-2' }), 'name', /already a row \(mtls\)/);
    expectFieldError(db, add({ referenceUrl: 'javascript:alert(1)' }), 'referenceUrl', /http/);
    expectFieldError(db, add({ referenceUrl: 'ftp://example.org/spec' }), 'referenceUrl', /http/);
    expectFieldError(db, add({ referenceUrl: 'not a url' }), 'referenceUrl', /not a valid URL/);
    expectFieldError(db, add({ kind: 'maybe' }), 'kind', /support or text/);
    expectFieldError(db, add({ category: 'nope' }), 'category', /not a category/);
    expectFieldError(
      db,
      () =>
        updateFeature(
          cast.ada,
          {
            feature: 'mtls',
            name: 'mTLS',
            definition: featureRow(db, 'mtls').definition,
            referenceUrl: featureRow(db, 'mtls').referenceUrl ?? '',
          },
          { db: db.db },
        ),
      'form',
      /changes nothing/,
    );
    expectFieldError(
      db,
      () =>
        updateFeature(
          cast.ada,
          { feature: 'mtls', name: 'Authorization rules', definition: 'x', referenceUrl: '' },
          { db: db.db },
        ),
      'name',
      /authorization-rules/,
    );
    expectFieldError(
      db,
      () =>
        updateFeature(
          cast.ada,
          { feature: 'mtls', name: 'mTLS', definition: 'x', referenceUrl: 'javascript:alert(1)' },
          { db: db.db },
        ),
      'referenceUrl',
    );
    expectFieldError(
      db,
      () => moveFeatureToCategory(cast.ada, { feature: 'mtls', category: 'security' }, { db: db.db }),
      'category',
      /already in Security/,
    );
    expectAppError(
      refused(db, () => updateFeature(cast.ada, { feature: 'nope', name: 'Nope', definition: 'x' }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('renames a row and edits its definition and link: slug, revisions and heads stay, the matrix shows the new words', () => {
    const history = historyRows(db);
    const before = featureRow(db, 'mtls');
    updateFeature(
      cast.ada,
      { feature: 'mtls', name: 'Mutual TLS', definition: before.definition, referenceUrl: before.referenceUrl ?? '' },
      { db: db.db },
    );
    expect(lastAudit(db)).toMatchObject({
      action: 'feature.rename',
      objectId: 'mtls',
      details: { from: { name: 'mTLS' }, to: { name: 'Mutual TLS' } },
    });
    updateFeature(
      cast.ada,
      {
        feature: 'mtls',
        name: 'Mutual TLS',
        definition: 'Yes if traffic between workloads is encrypted and both ends authenticated.',
        referenceUrl: 'https://spiffe.io/',
      },
      { db: db.db },
    );
    expect(lastAudit(db)).toMatchObject({
      action: 'feature.update',
      details: {
        from: { definition: before.definition, referenceUrl: before.referenceUrl },
        to: {
          definition: 'Yes if traffic between workloads is encrypted and both ends authenticated.',
          referenceUrl: 'https://spiffe.io/',
        },
      },
    });
    const row = getMatrix({}, db.db)
      .categories.flatMap((c) => c.features)
      .find((f) => f.slug === 'mtls');
    expect(row).toMatchObject({ name: 'Mutual TLS', referenceUrl: 'https://spiffe.io/' });
    expect(getCellPage('istio', '1.3', 'mtls', db.db).feature.name).toBe('Mutual TLS');
    expect(historyRows(db)).toEqual(history);
  });

  it('reorders rows within a category and moves them between categories; the matrix follows', () => {
    const history = historyRows(db);
    const before = rowOrder(getMatrix({}, db.db), 'security');
    moveFeature(cast.ada, { feature: before[1]!, direction: 'up' }, { db: db.db });
    expect(rowOrder(getMatrix({}, db.db), 'security')).toEqual([before[1], before[0], ...before.slice(2)]);
    expect(lastAudit(db)).toMatchObject({
      action: 'feature.move',
      objectId: before[1],
      details: {
        direction: 'up',
        from: { category: 'security', position: 2 },
        to: { category: 'security', position: 1 },
      },
    });
    moveFeature(cast.ada, { feature: before[1]!, direction: 'down' }, { db: db.db });
    expect(rowOrder(getMatrix({}, db.db), 'security')).toEqual(before);
    expectFieldError(
      db,
      () => moveFeature(cast.ada, { feature: before[0]!, direction: 'up' }, { db: db.db }),
      'direction',
      /already first/,
    );
    expectFieldError(
      db,
      () => moveFeature(cast.ada, { feature: before.at(-1)!, direction: 'down' }, { db: db.db }),
      'direction',
      /already last/,
    );

    moveFeatureToCategory(cast.ada, { feature: 'external-ca', category: 'general' }, { db: db.db });
    const matrix = getMatrix({}, db.db);
    expect(rowOrder(matrix, 'general').at(-1)).toBe('external-ca');
    expect(rowOrder(matrix, 'security')).not.toContain('external-ca');
    expect(lastAudit(db)).toMatchObject({
      action: 'feature.move',
      objectId: 'external-ca',
      details: { from: { category: 'security' }, to: { category: 'general' } },
    });
    expect(getCellPage('istio', '1.16.1', 'external-ca', db.db).category.slug).toBe('general');
    expect(historyRows(db)).toEqual(history);
  });

  it('retires a row: it leaves every read model but keeps its revisions, heads and cell pages, and takes no proposals', () => {
    const cellBefore = getCellPage('istio', '1.16.1', 'mtls', db.db);
    expect(cellBefore.history.length).toBeGreaterThan(0);
    const waiting = proposeCellChange(
      cast.alice,
      {
        mesh: 'istio',
        version: '1.16.1',
        feature: 'mtls',
        support: 'partial',
        sources: [SOURCE],
        rationale: 'before the retirement',
        baseRevisionId: cellBefore.current!.revisionId,
      },
      { limits: roomyLimits, db: db.db },
    );
    const history = historyRows(db);

    setFeatureStatus(cast.ada, { feature: 'mtls', status: 'retired' }, { db: db.db });
    const event = lastAudit(db);
    expect(historyRows(db)).toEqual(history);
    expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id: waiting.id, overConflict: true }, { db: db.db })),
      ConflictError,
      409,
    );
    expect(event).toMatchObject({
      actorId: cast.ada.id,
      action: 'feature.retire',
      objectType: 'feature',
      objectId: 'mtls',
      details: { from: 'active', to: 'retired' },
    });
    expect(historyRows(db)).toEqual(history);

    const matrix = getMatrix({}, db.db);
    expect(rowSlugs(matrix)).not.toContain('mtls');
    expect(Object.values(matrix.cells).some((cells) => 'mtls' in cells)).toBe(false);
    expect(rowSlugs(getMatrix({ at: '2021-06-01' }, db.db))).not.toContain('mtls');
    expect(JSON.stringify(matrixToJson(matrix))).not.toContain('"mtls"');
    expect(getMeshPage('istio', '1.3', db.db).categories.flatMap((c) => c.features.map((f) => f.slug))).not.toContain(
      'mtls',
    );
    expect(
      getReleaseDiff('istio', '1.3', '1.16.1', db.db).categories.flatMap((c) => c.rows.map((r) => r.feature.slug)),
    ).not.toContain('mtls');
    const csv = renderCsv(listAllCells([], db.db));
    expect(csv).not.toContain(',mtls,');
    expect(csv).toContain(',mtls-by-default,');

    const cell = getCellPage('istio', '1.16.1', 'mtls', db.db);
    expect(cell.retired).toEqual({ scope: 'row', categoryName: 'Security', on: event.createdAt });
    expect(cell.history).toEqual(cellBefore.history);
    expect(cell.current).toEqual(cellBefore.current);

    const proposal = {
      mesh: 'istio',
      version: '1.16.1',
      feature: 'mtls',
      support: 'partial',
      sources: [SOURCE],
      rationale: 'r',
      baseRevisionId: cell.current!.revisionId,
    };
    expectFieldError(
      db,
      () => proposeCellChange(cast.alice, proposal, { limits: roomyLimits, db: db.db }),
      'feature',
      /Mutual TLS is retired and no longer takes proposals/,
    );
    expectFieldError(
      db,
      () => setFeatureStatus(cast.ada, { feature: 'mtls', status: 'retired' }, { db: db.db }),
      'status',
      /already retired/,
    );
    expectFieldError(
      db,
      () => moveFeature(cast.ada, { feature: 'mtls', direction: 'up' }, { db: db.db }),
      'direction',
      /retired row/,
    );
    expect(
      getStructure(cast.ada, db.db)
        .categories.find((c) => c.slug === 'security')
        ?.features.find((f) => f.slug === 'mtls'),
    ).toMatchObject({ status: 'retired' });

    setFeatureStatus(cast.ada, { feature: 'mtls', status: 'active' }, { db: db.db });
    expect(lastAudit(db)).toMatchObject({ action: 'feature.restore', objectId: 'mtls' });
    expect(rowSlugs(getMatrix({}, db.db))).toContain('mtls');
    expect(getCellPage('istio', '1.16.1', 'mtls', db.db).retired).toBeNull();
    expect(historyRows(db)).toEqual(history);
  });

  it('steps over retired rows when reordering, so every move shows in the matrix', () => {
    const order = rowOrder(getMatrix({}, db.db), 'security');
    setFeatureStatus(cast.ada, { feature: order[1]!, status: 'retired' }, { db: db.db });
    moveFeature(cast.ada, { feature: order[2]!, direction: 'up' }, { db: db.db });
    expect(rowOrder(getMatrix({}, db.db), 'security').slice(0, 2)).toEqual([order[2], order[0]]);
    setFeatureStatus(cast.ada, { feature: order[1]!, status: 'active' }, { db: db.db });
  });
});

describe('meshes', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  const mesh = {
    name: 'Sail Mesh',
    slug: '',
    homepage: 'https://sail.example.org',
    repository: 'https://github.com/example/sail',
    description: 'A small mesh for tests.',
    firstRelease: '0.1.0',
    releasedOn: '2024-05-31',
  };

  it('adds a mesh with its first release: a new, empty column at the end of the matrix', () => {
    const counts = countRows(db);
    const { mesh: created, version } = addMesh(cast.ada, mesh, { db: db.db });
    expect(created).toMatchObject({
      slug: 'sail-mesh',
      name: 'Sail Mesh',
      status: 'active',
      homepage: mesh.homepage,
      repository: mesh.repository,
      description: mesh.description,
    });
    expect(version).toMatchObject({
      meshId: created.id,
      label: '0.1.0',
      releasedOn: '2024-05-31',
      createdById: cast.ada.id,
    });
    // The first release is created like any other, with its own release.create event.
    expect(countRows(db)).toEqual({
      ...counts,
      meshes: counts.meshes! + 1,
      mesh_versions: counts.mesh_versions! + 1,
      audit_events: counts.audit_events! + 2,
    });
    expect(
      db.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.objectId, 'sail-mesh@0.1.0'))
        .all()
        .map((e) => e.action),
    ).toEqual(['release.create']);
    expect(lastAudit(db)).toMatchObject({
      action: 'mesh.create',
      objectType: 'mesh',
      objectId: 'sail-mesh',
      details: { name: 'Sail Mesh', firstRelease: '0.1.0', releasedOn: '2024-05-31' },
    });

    const matrix = getMatrix({}, db.db);
    expect(matrix.columns.at(-1)).toMatchObject({
      mesh: { slug: 'sail-mesh', name: 'Sail Mesh' },
      version: { label: '0.1.0' },
    });
    expect(matrix.cells['sail-mesh']).toEqual({});
    expect(listMeshes(db.db).find((m) => m.slug === 'sail-mesh')?.latest?.label).toBe('0.1.0');
    expect(getMeshPage('sail-mesh', undefined, db.db).version.label).toBe('0.1.0');
  });

  it('refuses bad input naming the field, changing nothing', () => {
    const add = (change: Record<string, unknown>) => () =>
      addMesh(cast.ada, { ...mesh, name: 'Other Mesh', ...change }, { db: db.db });
    expectFieldError(db, add({ name: '' }), 'name', /must not be empty/);
    expectFieldError(db, add({ name: 'x'.repeat(81) }), 'name', /at most 80/);
    expectFieldError(db, add({ name: 'istio', slug: 'istio-2' }), 'name', /already the name of the mesh istio/);
    expectFieldError(db, add({ slug: 'istio' }), 'slug', /already used by the mesh Istio/);
    expectFieldError(db, add({ slug: 'maesh' }), 'slug', /former slug of Traefik Mesh/);
    expectFieldError(db, add({ slug: 'Other Mesh' }), 'slug', /lowercase/);
    expectFieldError(db, add({ homepage: 'javascript:alert(1)' }), 'homepage', /http/);
    expectFieldError(db, add({ repository: 'git@github.com:example/other.git' }), 'repository');
    expectFieldError(db, add({ description: 'x'.repeat(501) }), 'description', /at most 500/);
    expectFieldError(db, add({ firstRelease: '' }), 'firstRelease', /must not be empty/);
    expectFieldError(db, add({ firstRelease: 'compare' }), 'firstRelease', /reserved/);
    expectFieldError(db, add({ releasedOn: '2024-02-30' }), 'releasedOn', /not a real date/);
  });

  it('renames a mesh: the old slug redirects, the releases and history stay', () => {
    const history = historyRows(db);
    renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Sailboat Mesh', slug: 'sailboat' }, { db: db.db });
    expect(lastAudit(db)).toMatchObject({
      action: 'mesh.rename',
      objectId: 'sailboat',
      details: { from: { slug: 'sail-mesh', name: 'Sail Mesh' }, to: { slug: 'sailboat', name: 'Sailboat Mesh' } },
    });
    expect(findMesh('sail-mesh', db.db)).toEqual({ redirectTo: 'sailboat' });
    expect(findMesh('sailboat', db.db)).toMatchObject({ mesh: { name: 'Sailboat Mesh' } });
    const page = getMeshPage('sailboat', undefined, db.db);
    expect(page.formerNames).toEqual([{ slug: 'sail-mesh', name: 'Sail Mesh' }]);
    expect(page.version.label).toBe('0.1.0');
    expect(getMatrix({}, db.db).columns.at(-1)?.mesh).toMatchObject({ slug: 'sailboat', name: 'Sailboat Mesh' });

    // A name-only rename keeps the slug and adds no redirect.
    renameMesh(cast.ada, { mesh: 'sailboat', name: 'Sailboat', slug: '' }, { db: db.db });
    expect(getMeshPage('sailboat', undefined, db.db).formerNames).toHaveLength(1);

    // Taking back its own former slug swaps the two.
    renameMesh(cast.ada, { mesh: 'sailboat', name: 'Sail Mesh', slug: 'sail-mesh' }, { db: db.db });
    expect(findMesh('sailboat', db.db)).toEqual({ redirectTo: 'sail-mesh' });
    expect(getMeshPage('sail-mesh', undefined, db.db).formerNames).toEqual([{ slug: 'sailboat', name: 'Sailboat' }]);

    // Seeded former names keep working too.
    expect(findMesh('maesh', db.db)).toEqual({ redirectTo: 'traefik-mesh' });
    expect(historyRows(db)).toEqual(history);
  });

  it('refuses a rename that changes nothing or takes a name or slug in use', () => {
    expectFieldError(
      db,
      () => renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Sail Mesh', slug: '' }, { db: db.db }),
      'name',
      /slug is unchanged/,
    );
    expectFieldError(
      db,
      () => renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Sail Mesh', slug: 'linkerd' }, { db: db.db }),
      'slug',
      /already used by the mesh Linkerd/,
    );
    expectFieldError(
      db,
      () => renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Sail Mesh', slug: 'conduit' }, { db: db.db }),
      'slug',
      /former slug of Linkerd/,
    );
    expectFieldError(
      db,
      () => renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Linkerd' }, { db: db.db }),
      'name',
      /already the name of the mesh linkerd/,
    );
    expectFieldError(
      db,
      () => renameMesh(cast.ada, { mesh: 'sail-mesh', name: 'Sail', slug: 'Sail_Mesh' }, { db: db.db }),
      'slug',
      /lowercase/,
    );
    expectAppError(
      refused(db, () => renameMesh(cast.ada, { mesh: 'nope', name: 'Nope' }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('archives through the releases module: the column leaves the default matrix', () => {
    setMeshStatus(
      cast.ada,
      { mesh: 'sail-mesh', status: 'archived', reason: 'Test mesh retired', sourceUrl: 'https://example.com/retired' },
      { db: db.db },
    );
    expect(getMatrix({}, db.db).columns.map((c) => c.mesh.slug)).not.toContain('sail-mesh');
    expect(getStructure(cast.ada, db.db).meshes.find((m) => m.slug === 'sail-mesh')).toMatchObject({
      status: 'archived',
      formerSlugs: ['sailboat'],
      latest: '0.1.0',
      releases: 1,
    });
  });
});
