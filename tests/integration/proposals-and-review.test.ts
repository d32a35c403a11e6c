import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { features, meshes, meshVersions, proposals, revisions, type Revision, type User } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@/lib/rules/errors';
import { getMatrix } from '@/lib/server/matrix/matrix';
import {
  countPendingByCell,
  listMyProposals,
  listPendingProposalsForCell,
  listProposals,
  proposeCellChange,
  withdrawProposal,
} from '@/lib/server/proposals/proposals';
import {
  approveProposal,
  countPendingReviews,
  listReviewQueue,
  rejectProposal,
  resolveCell,
  revertCell,
} from '@/lib/server/proposals/review';
import { proposalInputFromForm, proposeCellChangeSchema } from '@/lib/server/proposals/schemas';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, createUser, type Cast } from '../support/cast';
import { propose, roomyLimits } from '../support/proposing';
import {
  auditFor,
  cell,
  headOf,
  ISTIO_CB,
  ISTIO_LICENSE,
  ISTIO_MTLS,
  ISTIO_NEWEST,
  ISTIO_OLD_MTLS,
  LINKERD_MTLS,
  rawRevisions,
  revisionRow,
  slugsOf,
  type CellName,
} from '../support/lookups';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

function proposalRow(db: TempDatabase, id: number) {
  return db.db.select().from(proposals).where(eq(proposals.id, id)).get();
}

function revisionsOfCell(db: TempDatabase, name: CellName): Revision[] {
  const { meshVersionId, featureId } = cell(db, name);
  return db.db
    .select()
    .from(revisions)
    .where(and(eq(revisions.meshVersionId, meshVersionId), eq(revisions.featureId, featureId)))
    .orderBy(revisions.id)
    .all();
}

function cellIds(
  db: TempDatabase,
  meshSlug: string,
  label: string,
  featureSlug: string,
): { versionId: number; featureId: number } {
  const version = db.db
    .select({ id: meshVersions.id })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .where(and(eq(meshes.slug, meshSlug), eq(meshVersions.label, label)))
    .get();
  const feature = db.db.select({ id: features.id }).from(features).where(eq(features.slug, featureSlug)).get();
  if (!version || !feature) throw new Error(`no cell ${meshSlug}@${label}/${featureSlug} in the seed data`);
  return { versionId: version.id, featureId: feature.id };
}

describe('proposeCellChange', () => {
  let db: TempDatabase;
  let alice: User;
  let banned: User;
  let mtlsHead: Revision;
  let licenseHead: Revision;

  const mtlsInput = (overrides: Record<string, unknown> = {}) => ({
    mesh: 'istio',
    version: ISTIO_NEWEST,
    feature: 'mtls',
    support: 'partial',
    note: 'Permissive mode by default',
    sources: [{ url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' }],
    rationale: 'The docs say mTLS is permissive unless a PeerAuthentication sets STRICT.',
    baseRevisionId: mtlsHead.id,
    ...overrides,
  });

  function expectFieldError(input: unknown, field: string): BadRequestError {
    const error = rejection(db, () => proposeCellChange(alice, input, { limits: roomyLimits, db: db.db }));
    expect(error).toBeInstanceOf(BadRequestError);
    const badRequest = error as BadRequestError;
    expect(badRequest.status).toBe(400);
    expect(Object.keys(badRequest.fieldErrors)).toEqual([field]);
    expect(badRequest.fieldErrors[field]?.[0]).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')} `));
    return badRequest;
  }

  beforeAll(() => {
    db = createTempDatabase();
    alice = createUser(db, { name: 'alice', email: 'alice@example.org' });
    banned = createUser(db, { name: 'mallory', email: 'mallory@example.org', banned: true, banReason: 'spam' });
    mtlsHead = headOf(db, 'istio', ISTIO_NEWEST, 'mtls');
    licenseHead = headOf(db, 'istio', ISTIO_NEWEST, 'license');
  });
  afterAll(() => db.cleanup());

  it('reads the same head revision as the matrix', () => {
    expect(mtlsHead.support).toBe('yes');
    expect(getMatrix({ meshes: ['istio'] }, db.db).cells.istio?.mtls?.revisionId).toBe(mtlsHead.id);
    expect(licenseHead.text).toBe('Apache License 2.0');
  });

  it('stores a valid proposal as pending with everything it was given, and audits it', () => {
    const before = countRows(db);
    const now = new Date('2025-05-01T10:00:00.000Z');
    const result = proposeCellChange(
      alice,
      mtlsInput({
        sources: [
          { url: 'https://istio.io/latest/docs/concepts/security/', title: '  Istio security concepts ' },
          { url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/' },
        ],
        affiliated: true,
      }),
      { limits: roomyLimits, now, db: db.db },
    );
    expect(result.status).toBe('pending');
    expect(result.cell).toEqual({ meshSlug: 'istio', label: ISTIO_NEWEST, featureSlug: 'mtls' });

    const stored = proposalRow(db, result.id);
    expect(stored).toMatchObject({
      status: 'pending',
      meshVersionId: mtlsHead.meshVersionId,
      featureId: mtlsHead.featureId,
      baseRevisionId: mtlsHead.id,
      support: 'partial',
      text: null,
      note: 'Permissive mode by default',
      rationale: 'The docs say mTLS is permissive unless a PeerAuthentication sets STRICT.',
      affiliated: true,
      authorId: alice.id,
      createdAt: now.toISOString(),
      decidedAt: null,
    });
    expect(stored?.sources).toEqual([
      { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' },
      { url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/', title: null },
    ]);

    const audit = auditFor(db, 'proposal', result.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'proposal.create', actorId: alice.id, createdAt: now.toISOString() });
    expect(audit[0]?.details).toMatchObject({
      cell: `istio@${ISTIO_NEWEST}/mtls`,
      support: 'partial',
      affiliated: true,
    });

    const after = countRows(db);
    expect(after.proposals).toBe(before.proposals! + 1);
    expect(after.audit_events).toBe(before.audit_events! + 1);
    expect(after.revisions).toBe(before.revisions);
    expect(after.cell_heads).toBe(before.cell_heads);
    expect(headOf(db, 'istio', ISTIO_NEWEST, 'mtls').id).toBe(mtlsHead.id);
  });

  it('writes the proposal and its audit event in one transaction', () => {
    db.sqlite.exec(
      "CREATE TEMP TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END",
    );
    try {
      const error = rejection(db, () =>
        proposeCellChange(alice, mtlsInput({ note: 'atomic' }), { limits: roomyLimits, db: db.db }),
      );
      expect(String(error)).toMatch(/audit log unavailable/);
    } finally {
      db.sqlite.exec('DROP TRIGGER audit_down');
    }
  });

  it('accepts a text value for a text row', () => {
    const result = proposeCellChange(
      alice,
      {
        mesh: 'istio',
        version: ISTIO_NEWEST,
        feature: 'license',
        text: 'Apache-2.0',
        sources: [{ url: 'https://github.com/istio/istio/blob/master/LICENSE' }],
        rationale: 'SPDX name',
        baseRevisionId: licenseHead.id,
      },
      { limits: roomyLimits, db: db.db },
    );
    expect(proposalRow(db, result.id)).toMatchObject({
      support: null,
      text: 'Apache-2.0',
      note: null,
      affiliated: false,
    });
  });

  it('requires at least one source', () => {
    expectFieldError(mtlsInput({ sources: [] }), 'sources');
    expectFieldError(mtlsInput({ sources: undefined }), 'sources');
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
  ])('refuses a %s source URL', (_scheme, url) => {
    const error = expectFieldError(mtlsInput({ sources: [{ url }] }), 'sources.0.url');
    expect(error.fieldErrors['sources.0.url']?.[0]).toMatch(/http/);
  });

  it('refuses a source URL over 2,048 characters and accepts one at the limit', () => {
    const base = 'https://example.org/';
    expectFieldError(mtlsInput({ sources: [{ url: base + 'a'.repeat(2049 - base.length) }] }), 'sources.0.url');
    const result = proposeCellChange(alice, mtlsInput({ sources: [{ url: base + 'a'.repeat(2048 - base.length) }] }), {
      limits: roomyLimits,
      db: db.db,
    });
    expect(proposalRow(db, result.id)?.sources[0]?.url).toHaveLength(2048);
  });

  it('refuses a malformed source URL and names its slot', () => {
    expectFieldError(mtlsInput({ sources: [{ url: 'https://istio.io/docs' }, { url: 'not a url' }] }), 'sources.1.url');
  });

  it('refuses six sources', () => {
    const sources = Array.from({ length: 6 }, (_, i) => ({ url: `https://example.org/source-${i}` }));
    expectFieldError(mtlsInput({ sources }), 'sources');
  });

  it('refuses a note over 1,000 characters', () => {
    expectFieldError(mtlsInput({ note: 'n'.repeat(1001) }), 'note');
  });

  it('refuses a rationale over 2,000 characters', () => {
    expectFieldError(mtlsInput({ rationale: 'r'.repeat(2001) }), 'rationale');
  });

  it('refuses an empty or blank rationale', () => {
    expectFieldError(mtlsInput({ rationale: '' }), 'rationale');
    expectFieldError(mtlsInput({ rationale: '   ' }), 'rationale');
    expectFieldError(mtlsInput({ rationale: undefined }), 'rationale');
  });

  it('refuses a support level that does not exist', () => {
    expectFieldError(mtlsInput({ support: 'maybe' }), 'support');
  });

  it('refuses a proposal identical to the current value', () => {
    const sources = mtlsHead.sources.map((s) => ({ url: s.url, title: s.title }));
    expect(sources.length).toBeGreaterThan(0);
    expectFieldError(mtlsInput({ support: mtlsHead.support, note: mtlsHead.note, sources }), 'form');
    expectFieldError(mtlsInput({ support: mtlsHead.support, note: '  ', sources }), 'form');
  });

  it('accepts a confirmation: same value and note, new source', () => {
    const result = proposeCellChange(
      alice,
      mtlsInput({
        support: mtlsHead.support,
        note: mtlsHead.note,
        sources: [{ url: 'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/' }],
      }),
      { limits: roomyLimits, db: db.db },
    );
    expect(result.status).toBe('pending');
    expect(proposalRow(db, result.id)).toMatchObject({ support: 'yes', note: null });
  });

  it('refuses a base revision that belongs to another cell or does not exist', () => {
    expectFieldError(mtlsInput({ baseRevisionId: licenseHead.id }), 'baseRevisionId');
    const otherRelease = headOf(db, 'istio', '1.3', 'mtls');
    expectFieldError(mtlsInput({ baseRevisionId: otherRelease.id }), 'baseRevisionId');
    expectFieldError(mtlsInput({ baseRevisionId: 99_999_999 }), 'baseRevisionId');
  });

  it('requires the base revision when the cell has a current value', () => {
    expectFieldError(mtlsInput({ baseRevisionId: undefined }), 'baseRevisionId');
    expectFieldError(mtlsInput({ baseRevisionId: null }), 'baseRevisionId');
  });

  it('refuses an unknown mesh, release or row', () => {
    expectFieldError(mtlsInput({ mesh: 'nosuchmesh' }), 'mesh');
    expectFieldError(mtlsInput({ version: '9.9' }), 'version');
    expectFieldError(mtlsInput({ feature: 'nosuchrow' }), 'feature');
  });

  it('refuses a support level on a text row and text on a support row', () => {
    const licenseInput = {
      mesh: 'istio',
      version: ISTIO_NEWEST,
      feature: 'license',
      sources: [{ url: 'https://istio.io/' }],
      rationale: 'r',
      baseRevisionId: licenseHead.id,
    };
    expectFieldError({ ...licenseInput, text: 'MIT', support: 'yes' }, 'support');
    expectFieldError({ ...licenseInput, support: 'yes' }, 'text');
    expectFieldError(mtlsInput({ text: 'enabled' }), 'text');
    expectFieldError(mtlsInput({ support: undefined }), 'support');
  });

  it('refuses proposals for an archived mesh', () => {
    const error = expectFieldError(
      mtlsInput({ mesh: 'open-service-mesh', version: '1.0', baseRevisionId: undefined }),
      'mesh',
    );
    expect(error.message).toMatch(/archived/);
  });

  it('refuses proposals for a retired row', () => {
    const fresh = createTempDatabase();
    try {
      const author = createUser(fresh, { name: 'rita' });
      const head = headOf(fresh, 'istio', ISTIO_NEWEST, 'mtls');
      fresh.db.update(features).set({ status: 'retired' }).where(eq(features.slug, 'mtls')).run();
      const before = snapshotContents(fresh);
      let caught: unknown;
      try {
        proposeCellChange(author, { ...mtlsInput(), baseRevisionId: head.id }, { limits: roomyLimits, db: fresh.db });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BadRequestError);
      expect(Object.keys((caught as BadRequestError).fieldErrors)).toEqual(['feature']);
      expect((caught as BadRequestError).message).toMatch(/retired/);
      expect(snapshotContents(fresh)).toEqual(before);
    } finally {
      fresh.cleanup();
    }
  });

  it('refuses unknown extra fields', () => {
    const error = expectFieldError(mtlsInput({ status: 'approved' }), 'status');
    expect(error.message).toMatch(/status/);
    expectFieldError(mtlsInput({ authorId: banned.id }), 'authorId');
  });
});

describe('who may propose, list and withdraw', () => {
  let db: TempDatabase;
  let alice: User;
  let bob: User;
  let banned: User;
  let moderator: User;
  let mtlsHead: Revision;

  const propose = (actor: User | null, note: string, now?: Date) =>
    proposeCellChange(
      actor,
      {
        mesh: 'istio',
        version: ISTIO_NEWEST,
        feature: 'mtls',
        support: 'partial',
        note,
        sources: [{ url: 'https://istio.io/latest/docs/concepts/security/' }],
        rationale: 'Permissive by default',
        baseRevisionId: mtlsHead.id,
      },
      { limits: roomyLimits, now, db: db.db },
    );

  beforeAll(() => {
    db = createTempDatabase();
    alice = createUser(db, { name: 'alice', email: 'alice@example.org' });
    bob = createUser(db, { name: 'bob', email: 'bob@example.org' });
    banned = createUser(db, { name: 'mallory', email: 'mallory@example.org', banned: true });
    moderator = createUser(db, { name: 'mo', email: 'mo@example.org', role: 'moderator' });
    mtlsHead = headOf(db, 'istio', ISTIO_NEWEST, 'mtls');
  });
  afterAll(() => db.cleanup());

  it('turns anonymous callers away with 401', () => {
    const error = rejection(db, () => propose(null, 'anonymous'));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).status).toBe(401);
  });

  it('turns banned users away with 403', () => {
    const error = rejection(db, () => propose(banned, 'banned'));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
  });

  it('lets only moderators list every proposal', () => {
    propose(alice, 'alice for the moderators');
    propose(bob, 'bob for the moderators');
    const contributorError = rejection(db, () => listProposals(alice, {}, db.db));
    expect(contributorError).toBeInstanceOf(ForbiddenError);
    expect((contributorError as ForbiddenError).status).toBe(403);
    expect(() => listProposals(null, {}, db.db)).toThrow(UnauthorizedError);
    expect(() => listProposals({ ...moderator, banned: true }, {}, db.db)).toThrow(ForbiddenError);

    const all = listProposals(moderator, {}, db.db);
    const total = db.db.select().from(proposals).all();
    expect(all.map((p) => p.id).sort((a, b) => a - b)).toEqual(total.map((p) => p.id).sort((a, b) => a - b));
    expect(new Set(all.map((p) => p.authorName))).toEqual(new Set(['alice', 'bob']));
    expect(listProposals(moderator, { status: 'pending' }, db.db).every((p) => p.status === 'pending')).toBe(true);
  });

  it('refuses a withdrawal by someone other than the author', () => {
    const { id } = propose(alice, 'not yours');
    const error = rejection(db, () => withdrawProposal(bob, { id }, { db: db.db }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
    expect(rejection(db, () => withdrawProposal(moderator, { id }, { db: db.db }))).toBeInstanceOf(ForbiddenError);
    expect(rejection(db, () => withdrawProposal(null, { id }, { db: db.db }))).toBeInstanceOf(UnauthorizedError);
    expect(proposalRow(db, id)?.status).toBe('pending');
  });

  it('lets the author withdraw a pending proposal, once', () => {
    const { id } = propose(alice, 'changed my mind');
    const result = withdrawProposal(alice, { id }, { db: db.db });
    expect(result).toEqual({
      id,
      status: 'withdrawn',
      cell: { meshSlug: 'istio', label: ISTIO_NEWEST, featureSlug: 'mtls' },
    });
    const stored = proposalRow(db, id);
    expect(stored?.status).toBe('withdrawn');
    expect(stored?.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(auditFor(db, 'proposal', id).map((e) => [e.action, e.actorId])).toEqual([
      ['proposal.create', alice.id],
      ['proposal.withdraw', alice.id],
    ]);

    const error = rejection(db, () => withdrawProposal(alice, { id }, { db: db.db }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).details).toEqual({ status: 'withdrawn' });
    expect(proposalRow(db, id)?.decidedAt).toBe(stored?.decidedAt);
  });

  it('404s a withdrawal of a proposal that does not exist', () => {
    const error = rejection(db, () => withdrawProposal(alice, { id: 99_999_999 }, { db: db.db }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
  });

  it("lists only the caller's own proposals, newest first", () => {
    const carol = createUser(db, { name: 'carol' });
    const later = propose(carol, 'later', new Date('2025-03-02T00:00:00.000Z'));
    const earlier = propose(carol, 'earlier', new Date('2025-03-01T00:00:00.000Z'));
    const latest = propose(carol, 'latest', new Date('2025-03-03T00:00:00.000Z'));
    propose(bob, 'bob meanwhile', new Date('2025-03-04T00:00:00.000Z'));
    withdrawProposal(carol, { id: earlier.id }, { db: db.db });

    const mine = listMyProposals(carol, {}, db.db);
    expect(mine.map((p) => p.id)).toEqual([latest.id, later.id, earlier.id]);
    expect(mine.every((p) => p.authorName === 'carol')).toBe(true);
    expect(mine[0]).toMatchObject({
      note: 'latest',
      cell: { meshSlug: 'istio', label: ISTIO_NEWEST, featureSlug: 'mtls', featureKind: 'support' },
    });
    expect(listMyProposals(carol, { status: 'withdrawn' }, db.db).map((p) => p.id)).toEqual([earlier.id]);
    expect(listMyProposals(carol, { status: 'pending' }, db.db).map((p) => p.id)).toEqual([latest.id, later.id]);
    expect(listMyProposals(banned, {}, db.db)).toEqual([]);
    expect(() => listMyProposals(null, {}, db.db)).toThrow(UnauthorizedError);
  });
});

describe('flood limits', () => {
  let db: TempDatabase;
  let mtlsHead: Revision;

  const input = (note: string) => ({
    mesh: 'istio',
    version: ISTIO_NEWEST,
    feature: 'mtls',
    support: 'partial',
    note,
    sources: [{ url: 'https://istio.io/latest/docs/concepts/security/' }],
    rationale: 'Permissive by default',
    baseRevisionId: mtlsHead.id,
  });

  beforeAll(() => {
    db = createTempDatabase();
    mtlsHead = headOf(db, 'istio', ISTIO_NEWEST, 'mtls');
  });
  afterAll(() => db.cleanup());

  it('refuses the 21st pending proposal with 429 and takes it once one is withdrawn', () => {
    const author = createUser(db, { name: 'prolific' });
    const limits = { maxPending: 20, maxPerHour: 30 };
    const ids = Array.from(
      { length: 20 },
      (_, i) => proposeCellChange(author, input(`n${i}`), { limits, db: db.db }).id,
    );
    const error = rejection(db, () => proposeCellChange(author, input('n20'), { limits, db: db.db }));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).status).toBe(429);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);

    withdrawProposal(author, { id: ids[0]! }, { db: db.db });
    expect(proposeCellChange(author, input('n21'), { limits, db: db.db }).status).toBe('pending');
  });

  it('counts pending proposals per author', () => {
    const other = createUser(db, { name: 'other' });
    const limits = { maxPending: 1, maxPerHour: 30 };
    expect(proposeCellChange(other, input('first'), { limits, db: db.db }).status).toBe('pending');
    expect(rejection(db, () => proposeCellChange(other, input('second'), { limits, db: db.db }))).toBeInstanceOf(
      TooManyRequestsError,
    );
  });

  it('refuses the 31st proposal in an hour until the oldest one is an hour old', () => {
    const author = createUser(db, { name: 'hasty' });
    const limits = { maxPending: 1000, maxPerHour: 30 };
    const now = new Date('2025-06-01T12:00:00.000Z');
    const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);
    for (let i = 0; i < 30; i++)
      proposeCellChange(author, input(`n${i}`), { limits, now: at(-3000 + i * 100), db: db.db });

    const error = rejection(db, () => proposeCellChange(author, input('n30'), { limits, now, db: db.db }));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).status).toBe(429);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(600);
    expect((error as TooManyRequestsError).message).toMatch(/12:10 UTC/);

    const almost = rejection(db, () => proposeCellChange(author, input('n30'), { limits, now: at(599), db: db.db }));
    expect((almost as TooManyRequestsError).retryAfterSeconds).toBe(1);

    expect(proposeCellChange(author, input('n30'), { limits, now: at(600), db: db.db }).status).toBe('pending');

    const next = rejection(db, () => proposeCellChange(author, input('n31'), { limits, now: at(600), db: db.db }));
    expect((next as TooManyRequestsError).retryAfterSeconds).toBe(100);
  });

  it('accepts proposals again after a whole hour', () => {
    const author = createUser(db, { name: 'patient' });
    const limits = { maxPending: 1000, maxPerHour: 3 };
    const now = new Date('2025-07-01T08:00:00.000Z');
    for (let i = 0; i < 3; i++)
      proposeCellChange(author, input(`n${i}`), { limits, now: new Date(now.getTime() + i * 60_000), db: db.db });
    expect(
      rejection(db, () =>
        proposeCellChange(author, input('n3'), { limits, now: new Date(now.getTime() + 30 * 60_000), db: db.db }),
      ),
    ).toBeInstanceOf(TooManyRequestsError);
    expect(
      proposeCellChange(author, input('n3'), { limits, now: new Date(now.getTime() + 3 * 3600_000), db: db.db }).status,
    ).toBe('pending');
  });

  it('takes the limits from its options', () => {
    const author = createUser(db, { name: 'limited' });
    const limits = { maxPending: 1000, maxPerHour: 2 };
    proposeCellChange(author, input('n0'), { limits, db: db.db });
    proposeCellChange(author, input('n1'), { limits, db: db.db });
    const error = rejection(db, () => proposeCellChange(author, input('n2'), { limits, db: db.db }));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).status).toBe(429);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(3500);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(3600);
  });
});

describe('pending proposals per cell', () => {
  let db: TempDatabase;

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('counts and lists pending proposals and drops withdrawn ones', () => {
    const alice = createUser(db, { name: 'alice' });
    const bob = createUser(db, { name: 'bob' });
    const { versionId, featureId } = cellIds(db, 'istio', ISTIO_NEWEST, 'circuit-breaking');
    const other = cellIds(db, 'istio', ISTIO_NEWEST, 'mtls');
    const linkerd = cellIds(db, 'linkerd', '2.12', 'circuit-breaking');
    const head = getCellHead(db.db, versionId, featureId)!;
    const propose = (actor: User, note: string, now: Date) =>
      proposeCellChange(
        actor,
        {
          mesh: 'istio',
          version: ISTIO_NEWEST,
          feature: 'circuit-breaking',
          support: head.support === 'no' ? 'yes' : 'no',
          note,
          sources: [{ url: 'https://istio.io/' }],
          rationale: 'r',
          baseRevisionId: head.id,
        },
        { limits: roomyLimits, now, db: db.db },
      );

    expect(countPendingByCell([versionId], db.db).size).toBe(0);
    expect(listPendingProposalsForCell(versionId, featureId, db.db)).toEqual([]);

    const first = propose(alice, 'n1', new Date('2025-01-01T00:00:00.000Z'));
    const second = propose(bob, 'n2', new Date('2025-01-02T00:00:00.000Z'));
    const third = propose(alice, 'n3', new Date('2025-01-03T00:00:00.000Z'));

    expect(countPendingByCell([versionId], db.db).get(versionId)?.get(featureId)).toBe(3);
    expect(listPendingProposalsForCell(versionId, featureId, db.db).map((p) => p.id)).toEqual([
      first.id,
      second.id,
      third.id,
    ]);
    expect(listPendingProposalsForCell(other.versionId, other.featureId, db.db)).toEqual([]);

    withdrawProposal(bob, { id: second.id }, { db: db.db });

    const counts = countPendingByCell([versionId, linkerd.versionId], db.db);
    expect(counts.get(versionId)?.get(featureId)).toBe(2);
    expect(counts.get(versionId)?.has(other.featureId)).toBe(false);
    expect(counts.has(linkerd.versionId)).toBe(false);
    const pending = listPendingProposalsForCell(versionId, featureId, db.db);
    expect(pending.map((p) => p.id)).toEqual([first.id, third.id]);
    expect(pending.map((p) => p.authorName)).toEqual(['alice', 'alice']);
    expect(countPendingByCell([], db.db).size).toBe(0);
  });
});

describe('proposalInputFromForm', () => {
  it('compacts source rows, reads the checkbox and the base revision', () => {
    const form = new FormData();
    form.set('mesh', 'istio');
    form.set('version', '1.16.1');
    form.set('feature', 'mtls');
    form.set('support', 'partial');
    form.set('note', '');
    form.set('sources.0.url', 'https://istio.io/latest/docs/concepts/security/');
    form.set('sources.0.title', 'Security');
    form.set('sources.1.url', '  ');
    form.set('sources.1.title', '');
    form.set('sources.2.url', 'https://istio.io/latest/docs/reference/config/security/peer_authentication/');
    form.set('sources.2.title', '');
    form.set('rationale', 'Permissive by default');
    form.set('affiliated', 'on');
    form.set('baseRevisionId', '782');

    const input = proposalInputFromForm(form);
    expect(input).toMatchObject({
      mesh: 'istio',
      version: '1.16.1',
      feature: 'mtls',
      support: 'partial',
      rationale: 'Permissive by default',
      affiliated: true,
      baseRevisionId: 782,
    });
    expect(input.sources).toEqual([
      { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Security' },
      { url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/', title: '' },
    ]);

    const parsed = proposeCellChangeSchema.parse(input);
    expect(parsed.note).toBeNull();
    expect(parsed.sources.map((s) => s.title ?? null)).toEqual(['Security', null]);
  });

  it('reads an unchecked box as false and a missing base revision as null', () => {
    const form = new FormData();
    form.set('sources.0.url', 'https://example.org/');
    const input = proposalInputFromForm(form);
    expect(input.affiliated).toBe(false);
    expect(input.baseRevisionId).toBeNull();
    expect(input.sources).toHaveLength(1);
  });
});

describe('approveProposal', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('appends the revision, moves the head, decides the proposal and audits it, together', () => {
    const base = headOf(db, ISTIO_MTLS);
    const sources = [
      { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' },
      { url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/', title: null },
    ];
    const { id } = propose(db, { author: cast.alice, support: 'partial', note: 'Permissive by default', sources });
    const before = countRows(db);

    const result = approveProposal(cast.mo, { id, comment: '  Checked against the docs  ' }, { db: db.db });

    expect(result.cell).toEqual({ meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' });
    const revision = revisionRow(db, result.revisionId)!;
    expect(revision).toMatchObject({
      meshVersionId: base.meshVersionId,
      featureId: base.featureId,
      support: 'partial',
      text: null,
      note: 'Permissive by default',
      sources,
      kind: 'proposal',
      authorId: cast.alice.id,
      approverId: cast.mo.id,
      proposalId: id,
      parentRevisionId: base.id,
      carriedFromRevisionId: null,
      reason: null,
    });
    expect(result.revisionId).toBeGreaterThan(base.id);
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);

    const decided = proposalRow(db, id)!;
    expect(decided).toMatchObject({
      status: 'approved',
      reviewerId: cast.mo.id,
      reviewComment: 'Checked against the docs',
      resultRevisionId: result.revisionId,
      authorId: cast.alice.id,
    });
    expect(decided.decidedAt).toBe(revision.createdAt);
    expect(Number.isNaN(Date.parse(decided.decidedAt!))).toBe(false);

    const audit = auditFor(db, 'proposal', id);
    expect(audit.map((e) => e.action)).toEqual(['proposal.create', 'proposal.approve']);
    expect(audit[1]).toMatchObject({ actorId: cast.mo.id, createdAt: decided.decidedAt });
    expect(audit[1]?.details).toEqual({
      revisionId: result.revisionId,
      overConflict: false,
      comment: 'Checked against the docs',
    });

    const after = countRows(db);
    expect(after).toEqual({ ...before, revisions: before.revisions! + 1, audit_events: before.audit_events! + 1 });
    // The earlier value is still there, untouched.
    expect(revisionRow(db, base.id)).toEqual(base);
  });

  it('stores no comment as null', () => {
    const { id } = propose(db, {
      author: cast.bob,
      at: ISTIO_CB,
      support: 'no',
      note: 'Not without a DestinationRule',
    });
    const result = approveProposal(cast.mia, { id }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({
      status: 'approved',
      reviewerId: cast.mia.id,
      reviewComment: null,
      resultRevisionId: result.revisionId,
    });
    const { id: second } = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'partial', note: 'blank comment' });
    approveProposal(cast.mia, { id: second, comment: '   ' }, { db: db.db });
    expect(proposalRow(db, second)?.reviewComment).toBeNull();
  });

  it('approves a text value for a text row', () => {
    const base = headOf(db, ISTIO_LICENSE);
    const { id } = propose(db, { author: cast.alice, at: ISTIO_LICENSE, text: 'Apache-2.0', note: 'SPDX identifier' });
    const result = approveProposal(cast.ada, { id }, { db: db.db });
    expect(revisionRow(db, result.revisionId)).toMatchObject({
      support: null,
      text: 'Apache-2.0',
      note: 'SPDX identifier',
      parentRevisionId: base.id,
      kind: 'proposal',
    });
    expect(result.cell).toEqual({ meshSlug: 'istio', label: '1.16.1', featureSlug: 'license' });
  });
});

describe('approval is atomic', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('leaves no revision, no head move and no decision when the audit write fails', () => {
    const base = headOf(db, ISTIO_MTLS);
    const { id } = propose(db, { author: cast.alice, note: 'atomic' });
    const countRevisions = () =>
      db.sqlite.prepare('SELECT count(*) AS n, max(id) AS maxId FROM revisions').get() as { n: number; maxId: number };
    const revisionsBefore = countRevisions();
    const rowsBefore = rawRevisions(db);
    const auditBefore = auditFor(db, 'proposal', id);

    db.sqlite.exec(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;",
    );
    try {
      const error = rejection(db, () => approveProposal(cast.mo, { id, comment: 'looks right' }, { db: db.db }));
      expect(String(error)).toMatch(/audit down/);
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_audit');
    }

    expect(countRevisions()).toEqual(revisionsBefore);
    expect(rawRevisions(db)).toEqual(rowsBefore);
    expect(headOf(db, ISTIO_MTLS).id).toBe(base.id);
    expect(proposalRow(db, id)).toMatchObject({
      status: 'pending',
      reviewerId: null,
      reviewComment: null,
      decidedAt: null,
      resultRevisionId: null,
    });
    expect(auditFor(db, 'proposal', id)).toEqual(auditBefore);
    expect(db.db.select().from(revisions).where(eq(revisions.proposalId, id)).all()).toEqual([]);

    // Once the audit log works again the same proposal goes through.
    const result = approveProposal(cast.mo, { id }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);
    expect(result.revisionId).toBe(revisionsBefore.maxId + 1);
  });

  it('leaves nothing behind when the revision cannot be published', () => {
    const { id } = propose(db, { author: cast.bob, at: ISTIO_CB, note: 'heads fail' });
    db.sqlite.exec(
      "CREATE TEMP TRIGGER fail_heads BEFORE UPDATE ON cell_heads BEGIN SELECT RAISE(ABORT, 'heads down'); END;",
    );
    try {
      const error = rejection(db, () => approveProposal(cast.mo, { id }, { db: db.db }));
      expect(String(error)).toMatch(/heads down/);
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_heads');
    }
    expect(proposalRow(db, id)?.status).toBe('pending');
  });
});

describe('conflicts', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('refuses a stale proposal with 409 unless the moderator approves over the change', () => {
    const base = headOf(db, ISTIO_MTLS);
    const first = propose(db, { author: cast.alice, support: 'partial', note: 'first', baseRevisionId: base.id });
    const second = propose(db, { author: cast.bob, support: 'no', note: 'second', baseRevisionId: base.id });

    const queueBefore = listReviewQueue(cast.mo, {}, db.db);
    expect(queueBefore.map((e) => [e.id, e.conflict])).toEqual([
      [first.id, false],
      [second.id, false],
    ]);

    const firstResult = approveProposal(cast.mo, { id: first.id }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS).id).toBe(firstResult.revisionId);

    const queue = listReviewQueue(cast.mo, {}, db.db);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: second.id, conflict: true, baseRevisionId: base.id });
    expect(queue[0]?.current?.id).toBe(firstResult.revisionId);

    for (const input of [{}, { overConflict: false }, { comment: 'fine' }]) {
      const error = expectAppError(
        rejection(db, () => approveProposal(cast.mia, { id: second.id, ...input }, { db: db.db })),
        ConflictError,
        409,
      );
      expect(error.details.currentRevisionId).toBe(firstResult.revisionId);
      expect(error.details.baseRevisionId).toBe(base.id);
      expect(error.message).toMatch(new RegExp(`revision ${firstResult.revisionId}`));
    }
    expect(proposalRow(db, second.id)?.status).toBe('pending');

    const before = countRows(db);
    const secondResult = approveProposal(
      cast.mia,
      { id: second.id, overConflict: true, comment: 'supersedes the first' },
      { db: db.db },
    );
    expect(secondResult.revisionId).toBeGreaterThan(firstResult.revisionId);
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({
      id: secondResult.revisionId,
      support: 'no',
      note: 'second',
      authorId: cast.bob.id,
      approverId: cast.mia.id,
    });
    expect(revisionRow(db, secondResult.revisionId)?.parentRevisionId).toBe(firstResult.revisionId);
    expect(countRows(db)).toEqual({
      ...before,
      revisions: before.revisions! + 1,
      audit_events: before.audit_events! + 1,
    });

    const audit = auditFor(db, 'proposal', second.id).find((e) => e.action === 'proposal.approve');
    expect(audit?.details).toMatchObject({ revisionId: secondResult.revisionId, overConflict: true });

    // Both decisions and the whole history remain.
    expect(proposalRow(db, first.id)).toMatchObject({ status: 'approved', resultRevisionId: firstResult.revisionId });
    expect(proposalRow(db, second.id)).toMatchObject({ status: 'approved', resultRevisionId: secondResult.revisionId });
    const history = revisionsOfCell(db, ISTIO_MTLS);
    expect(history.slice(-3).map((r) => r.id)).toEqual([base.id, firstResult.revisionId, secondResult.revisionId]);
    expect(revisionRow(db, base.id)).toEqual(base);
  });

  it('does not treat a proposal based on the current head as a conflict', () => {
    const head = headOf(db, ISTIO_MTLS);
    const { id } = propose(db, {
      author: cast.alice,
      support: 'yes',
      note: 'STRICT by default',
      baseRevisionId: head.id,
    });
    expect(listReviewQueue(cast.mo, {}, db.db).find((e) => e.id === id)?.conflict).toBe(false);
    const result = approveProposal(cast.mo, { id }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);
    expect(auditFor(db, 'proposal', id).find((e) => e.action === 'proposal.approve')?.details).toMatchObject({
      overConflict: false,
    });
  });

  it('records overConflict only when there was a conflict', () => {
    const { id } = propose(db, { author: cast.bob, support: 'partial', note: 'over nothing' });
    approveProposal(cast.mo, { id, overConflict: true }, { db: db.db });
    expect(auditFor(db, 'proposal', id).find((e) => e.action === 'proposal.approve')?.details).toMatchObject({
      overConflict: false,
    });
  });

  it('does not call a proposal on another cell a conflict', () => {
    const { id } = propose(db, { author: cast.alice, at: LINKERD_MTLS, support: 'partial', note: 'linkerd' });
    const { id: other } = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'no', note: 'istio cb' });
    approveProposal(cast.mo, { id: other }, { db: db.db });
    expect(listReviewQueue(cast.mo, {}, db.db).find((e) => e.id === id)?.conflict).toBe(false);
    expect(() => approveProposal(cast.mo, { id }, { db: db.db })).not.toThrow();
  });
});

describe('who decides', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('refuses a moderator approving or rejecting their own proposal; another moderator may', () => {
    const { id } = propose(db, { author: cast.mo, note: 'my own idea' });
    const approveError = expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expect(approveError.message).toMatch(/own/);
    expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id, overConflict: true }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => rejectProposal(cast.mo, { id, reason: 'changed my mind' }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expect(proposalRow(db, id)?.status).toBe('pending');

    const result = approveProposal(cast.mia, { id }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', reviewerId: cast.mia.id });
    expect(revisionRow(db, result.revisionId)).toMatchObject({ authorId: cast.mo.id, approverId: cast.mia.id });
  });

  it('refuses an admin approving their own proposal too', () => {
    const { id } = propose(db, { author: cast.ada, at: ISTIO_CB, note: 'admin idea' });
    expectAppError(
      rejection(db, () => approveProposal(cast.ada, { id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    rejectProposal(cast.mo, { id, reason: 'No source supports this' }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'rejected', reviewerId: cast.mo.id });
  });

  it('lets only moderators and admins approve', () => {
    const { id } = propose(db, { author: cast.alice, note: 'who approves' });
    expectAppError(
      rejection(db, () => approveProposal(null, { id }, { db: db.db })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => approveProposal(cast.bob, { id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => approveProposal(cast.bert, { id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    // The role check comes before the body is looked at.
    expectAppError(
      rejection(db, () => approveProposal(cast.bob, { id, nonsense: true }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expect(proposalRow(db, id)?.status).toBe('pending');

    const result = approveProposal(cast.ada, { id, overConflict: true }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({
      status: 'approved',
      reviewerId: cast.ada.id,
      resultRevisionId: result.revisionId,
    });
  });

  it('lets only moderators and admins reject', () => {
    const { id } = propose(db, { author: cast.alice, at: ISTIO_CB, note: 'who rejects' });
    const reason = { reason: 'No source supports this' };
    expectAppError(
      rejection(db, () => rejectProposal(null, { id, ...reason }, { db: db.db })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => rejectProposal(cast.bob, { id, ...reason }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => rejectProposal(cast.bert, { id, ...reason }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expect(proposalRow(db, id)?.status).toBe('pending');

    rejectProposal(cast.ada, { id, ...reason }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'rejected', reviewerId: cast.ada.id });
  });

  it('lets only moderators and admins revert', () => {
    const target = cell(db, ISTIO_LICENSE);
    const original = headOf(db, ISTIO_LICENSE);
    const { id } = propose(db, { author: cast.alice, at: ISTIO_LICENSE, text: 'Apache-2.0' });
    approveProposal(cast.mo, { id }, { db: db.db });
    const input = { revisionId: original.id, reason: 'source misread' };
    expectAppError(
      rejection(db, () => revertCell(null, { ...slugsOf(target), ...input }, { db: db.db })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => revertCell(cast.alice, { ...slugsOf(target), ...input }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => revertCell(cast.bert, { ...slugsOf(target), ...input }, { db: db.db })),
      ForbiddenError,
      403,
    );

    const result = revertCell(cast.ada, { ...slugsOf(target), ...input }, { db: db.db });
    expect(headOf(db, ISTIO_LICENSE)).toMatchObject({
      id: result.revisionId,
      kind: 'revert',
      authorId: cast.ada.id,
      text: original.text,
    });
  });
});

describe('rejectProposal', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it.each([
    ['no body field', {}],
    ['an empty reason', { reason: '' }],
    ['a blank reason', { reason: '  ' }],
    ['a reason that is not text', { reason: 42 }],
    ['a two-letter reason', { reason: 'no' }],
  ])('needs a reason: refuses %s with 400', (what, input) => {
    const { id } = propose(db, { author: cast.alice, note: `reason: ${what}` });
    const error = expectAppError(
      rejection(db, () => rejectProposal(cast.mo, { id, ...input }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(['reason']);
    expect(error.fieldErrors.reason?.[0]).toMatch(/^reason /);
    expect(proposalRow(db, id)?.status).toBe('pending');
    withdrawProposal(cast.alice, { id }, { db: db.db });
  });

  it('refuses a missing body with 400', () => {
    const { id } = propose(db, { author: cast.alice, note: 'no body' });
    expectAppError(
      rejection(db, () => rejectProposal(cast.mo, { id }, { db: db.db })),
      BadRequestError,
      400,
    );
    expectAppError(
      rejection(db, () => rejectProposal(cast.mo, { id, reason: null }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(proposalRow(db, id)?.status).toBe('pending');
    withdrawProposal(cast.alice, { id }, { db: db.db });
  });

  it('refuses a reason over 1,000 characters', () => {
    const { id } = propose(db, { author: cast.alice, note: 'long reason' });
    const error = expectAppError(
      rejection(db, () => rejectProposal(cast.mo, { id, reason: 'r'.repeat(1001) }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(['reason']);
    withdrawProposal(cast.alice, { id }, { db: db.db });
  });

  it('rejects with the reason, audits it, and publishes nothing', () => {
    const head = headOf(db, ISTIO_MTLS);
    const { id } = propose(db, { author: cast.alice, note: 'to be rejected' });
    const before = countRows(db);
    const rowsBefore = rawRevisions(db);

    const result = rejectProposal(cast.mo, { id, reason: '  The source does not say this  ' }, { db: db.db });

    expect(result).toEqual({ id, cell: { meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' } });
    const stored = proposalRow(db, id)!;
    expect(stored).toMatchObject({
      status: 'rejected',
      reviewerId: cast.mo.id,
      reviewComment: 'The source does not say this',
      resultRevisionId: null,
    });
    expect(stored.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const audit = auditFor(db, 'proposal', id);
    expect(audit.map((e) => e.action)).toEqual(['proposal.create', 'proposal.reject']);
    expect(audit[1]).toMatchObject({
      actorId: cast.mo.id,
      createdAt: stored.decidedAt,
      details: { reason: 'The source does not say this' },
    });

    expect(countRows(db)).toEqual({ ...before, audit_events: before.audit_events! + 1 });
    expect(rawRevisions(db)).toEqual(rowsBefore);
    expect(headOf(db, ISTIO_MTLS).id).toBe(head.id);
  });

  it('answers 409 for a proposal that is already decided, whichever way', () => {
    const { id: approved } = propose(db, { author: cast.alice, at: ISTIO_CB, note: 'approved once' });
    approveProposal(cast.mo, { id: approved }, { db: db.db });
    const { id: rejected } = propose(db, { author: cast.bob, at: ISTIO_CB, note: 'rejected once' });
    rejectProposal(cast.mo, { id: rejected, reason: 'Duplicate of another proposal' }, { db: db.db });
    const { id: withdrawn } = propose(db, { author: cast.bob, at: ISTIO_CB, note: 'withdrawn once' });
    withdrawProposal(cast.bob, { id: withdrawn }, { db: db.db });

    for (const [id, status] of [
      [approved, 'approved'],
      [rejected, 'rejected'],
      [withdrawn, 'withdrawn'],
    ] as const) {
      const decidedBefore = proposalRow(db, id);
      for (const actor of [cast.mo, cast.mia]) {
        const onApprove = expectAppError(
          rejection(db, () => approveProposal(actor, { id, overConflict: true }, { db: db.db })),
          ConflictError,
          409,
        );
        expect(onApprove.details).toEqual({ status });
        const onReject = expectAppError(
          rejection(db, () => rejectProposal(actor, { id, reason: 'again, for the record' }, { db: db.db })),
          ConflictError,
          409,
        );
        expect(onReject.details).toEqual({ status });
      }
      expect(proposalRow(db, id)).toEqual(decidedBefore);
    }
  });

  it('answers 404 for a proposal that does not exist', () => {
    expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id: 99_999_999 }, { db: db.db })),
      NotFoundError,
      404,
    );
    expectAppError(
      rejection(db, () =>
        rejectProposal(cast.mo, { id: 99_999_999, reason: 'No source supports this' }, { db: db.db }),
      ),
      NotFoundError,
      404,
    );
  });

  it('refuses unknown fields in a decision (strict schemas) and ill-typed ones', () => {
    const { id } = propose(db, { author: cast.alice, note: 'strict' });
    const approveExtra = expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id, overConflict: true, status: 'approved' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(approveExtra.fieldErrors)).toEqual(['status']);
    expect(approveExtra.message).toMatch(/status/);
    const rejectExtra = expectAppError(
      rejection(db, () =>
        rejectProposal(cast.mo, { id, reason: 'No source supports this', reviewerId: cast.mia.id }, { db: db.db }),
      ),
      BadRequestError,
      400,
    );
    expect(Object.keys(rejectExtra.fieldErrors)).toEqual(['reviewerId']);
    const badFlag = expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id, overConflict: 'yes' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(badFlag.fieldErrors)).toEqual(['overConflict']);
    const longComment = expectAppError(
      rejection(db, () => approveProposal(cast.mo, { id, comment: 'c'.repeat(1001) }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(longComment.fieldErrors)).toEqual(['comment']);
    const target = cell(db, ISTIO_MTLS);
    const revertExtra = expectAppError(
      rejection(db, () =>
        revertCell(
          cast.mo,
          { ...slugsOf(target), revisionId: headOf(db, ISTIO_MTLS).id, reason: 'source misread', force: true },
          { db: db.db },
        ),
      ),
      BadRequestError,
      400,
    );
    expect(Object.keys(revertExtra.fieldErrors)).toEqual(['force']);
    expect(proposalRow(db, id)?.status).toBe('pending');
  });

  it('offers the common reasons, each one accepted', () => {
    for (const reason of [
      'No source supports this',
      'The source does not say this',
      'Duplicate of another proposal',
      'Out of scope for this row',
      'Outdated: the cell changed since',
    ]) {
      const { id } = propose(db, { author: cast.bob, at: LINKERD_MTLS, note: reason });
      rejectProposal(cast.mia, { id, reason }, { db: db.db });
      expect(proposalRow(db, id)?.reviewComment).toBe(reason);
    }
  });
});

describe('revertCell', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('resolves a cell from its slugs, and 404s unknown parts', () => {
    const target = cell(db, ISTIO_MTLS);
    const head = headOf(db, ISTIO_MTLS);
    expect(target).toEqual({
      meshVersionId: head.meshVersionId,
      featureId: head.featureId,
      cell: { meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' },
    });
    expect(() => resolveCell('nosuchmesh', '1.16.1', 'mtls', db.db)).toThrow(NotFoundError);
    expect(() => resolveCell('istio', '9.9', 'mtls', db.db)).toThrow(NotFoundError);
    expect(() => resolveCell('linkerd', '1.16.1', 'mtls', db.db)).toThrow(NotFoundError);
    expect(() => resolveCell('istio', '1.16.1', 'nosuchrow', db.db)).toThrow(NotFoundError);
  });

  it('puts an earlier value back by appending a revert revision', () => {
    const target = cell(db, ISTIO_MTLS);
    const original = headOf(db, ISTIO_MTLS);
    const { id } = propose(db, { author: cast.alice, support: 'no', note: 'misread' });
    const approved = approveProposal(cast.mo, { id }, { db: db.db });
    const rowsBefore = rawRevisions(db);
    const countsBefore = countRows(db);

    const result = revertCell(
      cast.mia,
      { ...slugsOf(target), revisionId: original.id, reason: 'source misread' },
      { db: db.db },
    );

    expect(result.cell).toEqual({ meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' });
    expect(result.revisionId).toBeGreaterThan(approved.revisionId);
    const revert = revisionRow(db, result.revisionId)!;
    expect(revert).toMatchObject({
      meshVersionId: original.meshVersionId,
      featureId: original.featureId,
      support: original.support,
      text: original.text,
      note: original.note,
      sources: original.sources,
      kind: 'revert',
      authorId: cast.mia.id,
      approverId: cast.mia.id,
      proposalId: null,
      parentRevisionId: approved.revisionId,
      carriedFromRevisionId: null,
    });
    expect(revert.reason).toContain('source misread');
    expect(revert.reason).toContain(String(original.id));
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);

    // Only grows, and what was there is byte for byte the same.
    expect(countRows(db)).toEqual({
      ...countsBefore,
      revisions: countsBefore.revisions! + 1,
      audit_events: countsBefore.audit_events! + 1,
    });
    const rowsAfter = rawRevisions(db);
    expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', resultRevisionId: approved.revisionId });

    const audit = auditFor(db, 'cell', 'istio@1.16.1/mtls');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'cell.revert', actorId: cast.mia.id, createdAt: revert.createdAt });
    expect(audit[0]?.details).toEqual({
      toRevisionId: original.id,
      fromRevisionId: approved.revisionId,
      newRevisionId: result.revisionId,
      reason: 'source misread',
    });
  });

  it('can go forward again by reverting the revert', () => {
    const target = cell(db, ISTIO_MTLS);
    const history = revisionsOfCell(db, ISTIO_MTLS);
    const approved = history.find((r) => r.kind === 'proposal')!;
    const result = revertCell(
      cast.mo,
      { ...slugsOf(target), revisionId: approved.id, reason: 'the misreading was mine' },
      { db: db.db },
    );
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({
      id: result.revisionId,
      kind: 'revert',
      support: approved.support,
      note: approved.note,
    });
    expect(revisionsOfCell(db, ISTIO_MTLS)).toHaveLength(history.length + 1);
  });

  it('keeps the origin of a carried-forward value it puts back', () => {
    const target = cell(db, ISTIO_LICENSE);
    const carried = headOf(db, ISTIO_LICENSE);
    expect(carried.kind).toBe('carry_forward');
    expect(carried.carriedFromRevisionId).not.toBeNull();
    const { id } = propose(db, { author: cast.bob, at: ISTIO_LICENSE, text: 'Apache-2.0' });
    approveProposal(cast.mo, { id }, { db: db.db });
    const result = revertCell(
      cast.mo,
      { ...slugsOf(target), revisionId: carried.id, reason: 'keep the long name' },
      { db: db.db },
    );
    expect(revisionRow(db, result.revisionId)).toMatchObject({
      kind: 'revert',
      text: carried.text,
      carriedFromRevisionId: carried.carriedFromRevisionId,
    });
  });

  it('refuses to revert to the current value', () => {
    const target = cell(db, ISTIO_MTLS);
    const head = headOf(db, ISTIO_MTLS);
    const error = expectAppError(
      rejection(db, () =>
        revertCell(cast.mo, { ...slugsOf(target), revisionId: head.id, reason: 'source misread' }, { db: db.db }),
      ),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
  });

  it('refuses a revision of another cell, or one that does not exist', () => {
    const target = cell(db, ISTIO_MTLS);
    for (const other of [
      headOf(db, ISTIO_LICENSE).id,
      headOf(db, ISTIO_OLD_MTLS).id,
      headOf(db, LINKERD_MTLS).id,
      99_999_999,
    ]) {
      const error = expectAppError(
        rejection(db, () =>
          revertCell(cast.mo, { ...slugsOf(target), revisionId: other, reason: 'source misread' }, { db: db.db }),
        ),
        BadRequestError,
        400,
      );
      expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
    }
  });

  it('needs a reason and a revision id', () => {
    const target = cell(db, ISTIO_MTLS);
    const earlier = revisionsOfCell(db, ISTIO_MTLS)[0]!;
    for (const input of [
      { revisionId: earlier.id },
      { revisionId: earlier.id, reason: '' },
      { revisionId: earlier.id, reason: '   ' },
    ]) {
      const error = expectAppError(
        rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), ...input }, { db: db.db })),
        BadRequestError,
        400,
      );
      expect(Object.keys(error.fieldErrors)).toEqual(['reason']);
    }
    for (const input of [
      { reason: 'source misread' },
      { revisionId: String(earlier.id), reason: 'source misread' },
      { revisionId: -1, reason: 'source misread' },
    ]) {
      const error = expectAppError(
        rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), ...input }, { db: db.db })),
        BadRequestError,
        400,
      );
      expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
    }
  });

  it('rolls back when its audit event cannot be written', () => {
    const target = cell(db, ISTIO_MTLS);
    const earlier = revisionsOfCell(db, ISTIO_MTLS)[0]!;
    db.sqlite.exec(
      "CREATE TEMP TRIGGER fail_audit_revert BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;",
    );
    try {
      expect(
        String(
          rejection(db, () =>
            revertCell(
              cast.mo,
              { ...slugsOf(target), revisionId: earlier.id, reason: 'source misread' },
              { db: db.db },
            ),
          ),
        ),
      ).toMatch(/audit down/);
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_audit_revert');
    }
  });
});

describe('listReviewQueue and countPendingReviews', () => {
  let db: TempDatabase;
  let cast: Cast;
  let carol: User;
  type QueueKey =
    | 'aliceApproved'
    | 'aliceRejected'
    | 'aliceRejected2'
    | 'bobRejected'
    | 'p1'
    | 'p2'
    | 'p3'
    | 'p4'
    | 'withdrawn'
    | 'carol';
  const ids = {} as Record<QueueKey, number>;
  let conflictHead: number;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    carol = createUser(db, { name: 'carol' });

    // Earlier decisions, for the authors' records (on a cell not in the queue).
    const old: CellName = ['istio', '1.9', 'mtls'];
    ids.aliceApproved = propose(db, { author: cast.alice, at: old, note: 'alice approved' }).id;
    ids.aliceRejected = propose(db, { author: cast.alice, at: old, note: 'alice rejected' }).id;
    ids.aliceRejected2 = propose(db, { author: cast.alice, at: old, note: 'alice rejected again' }).id;
    ids.bobRejected = propose(db, { author: cast.bob, at: old, note: 'bob rejected' }).id;
    approveProposal(cast.mo, { id: ids.aliceApproved }, { db: db.db });
    rejectProposal(cast.mo, { id: ids.aliceRejected, reason: 'No source supports this' }, { db: db.db });
    rejectProposal(cast.mo, { id: ids.aliceRejected2, reason: 'Duplicate of another proposal' }, { db: db.db });
    rejectProposal(cast.mo, { id: ids.bobRejected, reason: 'Out of scope for this row' }, { db: db.db });

    // Pending ones, created out of id order.
    ids.p1 = propose(db, {
      author: cast.alice,
      at: ISTIO_MTLS,
      note: 'p1',
      now: new Date('2025-03-03T00:00:00.000Z'),
    }).id;
    ids.p2 = propose(db, {
      author: cast.bob,
      at: LINKERD_MTLS,
      note: 'p2',
      now: new Date('2025-03-01T00:00:00.000Z'),
    }).id;
    ids.p3 = propose(db, {
      author: cast.alice,
      at: ISTIO_CB,
      note: 'p3',
      now: new Date('2025-03-02T00:00:00.000Z'),
    }).id;
    ids.p4 = propose(db, {
      author: cast.bob,
      at: ISTIO_MTLS,
      note: 'p4',
      now: new Date('2025-03-04T00:00:00.000Z'),
    }).id;
    ids.withdrawn = propose(db, {
      author: cast.alice,
      at: LINKERD_MTLS,
      note: 'withdrawn',
      now: new Date('2025-02-01T00:00:00.000Z'),
    }).id;
    withdrawProposal(cast.alice, { id: ids.withdrawn }, { db: db.db });

    // Someone else's change lands on istio mtls, so p1 and p4 are now stale.
    ids.carol = propose(db, { author: carol, at: ISTIO_MTLS, support: 'no', note: 'carol' }).id;
    conflictHead = approveProposal(cast.mia, { id: ids.carol }, { db: db.db }).revisionId;
  });
  afterAll(() => db.cleanup());

  it('lists pending proposals oldest first, with current value, conflict flag and author record', () => {
    const queue = listReviewQueue(cast.mo, {}, db.db);
    expect(queue.map((e) => e.id)).toEqual([ids.p2, ids.p3, ids.p1, ids.p4]);
    expect(queue.every((e) => e.status === 'pending')).toBe(true);

    const byId = new Map(queue.map((e) => [e.id, e]));
    expect(byId.get(ids.p1)).toMatchObject({
      conflict: true,
      authorName: 'alice',
      authorRecord: { approved: 1, rejected: 2 },
    });
    expect(byId.get(ids.p1)?.current?.id).toBe(conflictHead);
    expect(byId.get(ids.p4)).toMatchObject({
      conflict: true,
      authorName: 'Bob',
      authorRecord: { approved: 0, rejected: 1 },
    });
    expect(byId.get(ids.p4)?.current?.id).toBe(conflictHead);
    expect(byId.get(ids.p2)).toMatchObject({ conflict: false, authorRecord: { approved: 0, rejected: 1 } });
    expect(byId.get(ids.p2)?.current?.id).toBe(headOf(db, LINKERD_MTLS).id);
    expect(byId.get(ids.p2)?.current?.id).toBe(byId.get(ids.p2)?.baseRevisionId);
    expect(byId.get(ids.p3)).toMatchObject({
      conflict: false,
      cell: { meshSlug: 'istio', label: '1.16.1', featureSlug: 'circuit-breaking' },
    });
    expect(byId.get(ids.p3)?.current).toEqual(headOf(db, ISTIO_CB));
  });

  it('filters by mesh, row and author name', () => {
    const idsOf = (filter: Parameters<typeof listReviewQueue>[1]) =>
      listReviewQueue(cast.mo, filter, db.db).map((e) => e.id);
    expect(idsOf({ mesh: 'linkerd' })).toEqual([ids.p2]);
    expect(idsOf({ mesh: 'istio' })).toEqual([ids.p3, ids.p1, ids.p4]);
    expect(idsOf({ feature: 'mtls' })).toEqual([ids.p2, ids.p1, ids.p4]);
    expect(idsOf({ feature: 'circuit-breaking' })).toEqual([ids.p3]);
    expect(idsOf({ author: 'alice' })).toEqual([ids.p3, ids.p1]);
    expect(idsOf({ author: 'bob' })).toEqual([ids.p2, ids.p4]);
    expect(idsOf({ author: 'ALICE' })).toEqual([ids.p3, ids.p1]);
    expect(idsOf({ mesh: 'istio', feature: 'mtls' })).toEqual([ids.p1, ids.p4]);
    expect(idsOf({ mesh: 'istio', feature: 'mtls', author: 'bob' })).toEqual([ids.p4]);
    expect(idsOf({ author: 'carol' })).toEqual([]);
    expect(idsOf({ mesh: 'consul' })).toEqual([]);
    expect(idsOf({ mesh: '', feature: '', author: '' })).toEqual([ids.p2, ids.p3, ids.p1, ids.p4]);
  });

  it('is for moderators and admins only', () => {
    expectAppError(
      rejection(db, () => listReviewQueue(cast.alice, {}, db.db)),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => listReviewQueue(null, {}, db.db)),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => listReviewQueue(cast.bert, {}, db.db)),
      ForbiddenError,
      403,
    );
    expect(listReviewQueue(cast.ada, {}, db.db)).toHaveLength(4);
  });

  it('counts pending proposals only, and follows decisions', () => {
    expect(countPendingReviews(db.db)).toBe(4);
    expect(db.db.select().from(proposals).all().length).toBeGreaterThan(4);
    rejectProposal(cast.mo, { id: ids.p4, reason: 'Outdated: the cell changed since' }, { db: db.db });
    expect(countPendingReviews(db.db)).toBe(3);
    approveProposal(cast.mo, { id: ids.p3 }, { db: db.db });
    expect(countPendingReviews(db.db)).toBe(2);
    const queue = listReviewQueue(cast.mo, {}, db.db);
    expect(queue.map((e) => e.id)).toEqual([ids.p2, ids.p1]);
    expect(queue.find((e) => e.id === ids.p1)?.authorRecord).toEqual({ approved: 2, rejected: 2 });
    expect(queue.find((e) => e.id === ids.p2)?.authorRecord).toEqual({ approved: 0, rejected: 2 });
  });
});

describe('hostile input to proposals and decisions', () => {
  let db: TempDatabase;
  let cast: Cast;
  let pendingId: number;
  let baseRevisionId: number;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    const target = resolveCell('istio', '1.16.1', 'mtls', db.db);
    baseRevisionId = getCellHead(db.db, target.meshVersionId, target.featureId)!.id;
    pendingId = proposeCellChange(
      cast.alice,
      {
        mesh: 'istio',
        version: '1.16.1',
        feature: 'mtls',
        support: 'partial',
        sources: [{ url: 'https://istio.io/' }],
        rationale: 'see the docs',
        baseRevisionId,
      },
      { db: db.db, limits: roomyLimits },
    ).id;
  });
  afterAll(() => db.cleanup());

  describe('record ids', () => {
    // Server actions hand lib the raw form value; these used to look up proposal NaN and answer "There is no proposal NaN".
    it.each([
      ['approve', () => approveProposal(cast.mo, { id: 'abc' }, { db: db.db })],
      ['approve', () => approveProposal(cast.mo, { id: Number.NaN }, { db: db.db })],
      ['reject', () => rejectProposal(cast.mo, { id: '', reason: 'not sourced' }, { db: db.db })],
      ['withdraw', () => withdrawProposal(cast.alice, { id: '1; DROP TABLE proposals' }, { db: db.db })],
    ])('%s with a malformed proposal id is a 400 naming id and changes nothing', (_name, run) => {
      const error = expectAppError(rejection(db, run), BadRequestError, 400);
      expect(Object.keys(error.fieldErrors)).toEqual(['id']);
    });

    it('a well-formed id of no proposal is still a 404', () => {
      expectAppError(
        rejection(db, () => approveProposal(cast.mo, { id: '999999' }, { db: db.db })),
        NotFoundError,
        404,
      );
    });

    it('the signed-out answer comes before the id check', () => {
      expect(rejection(db, () => withdrawProposal(null, { id: 'abc' }, { db: db.db }))).toMatchObject({ status: 401 });
    });
  });

  describe('unknown fields are refused by name', () => {
    const valid = () => ({
      mesh: 'istio',
      version: '1.16.1',
      feature: 'mtls',
      support: 'no',
      sources: [{ url: 'https://istio.io/' }],
      rationale: 'x',
      baseRevisionId,
    });
    it.each([
      [
        'a proposal',
        () => proposeCellChange(cast.alice, { ...valid(), status: 'approved' }, { db: db.db, limits: roomyLimits }),
        'status',
      ],
      [
        'a proposal source',
        () =>
          proposeCellChange(
            cast.alice,
            { ...valid(), sources: [{ url: 'https://istio.io/', rel: 'x' }] },
            { db: db.db, limits: roomyLimits },
          ),
        'sources.0.rel',
      ],
      [
        'an approval',
        () => approveProposal(cast.mo, { id: pendingId, comment: 'ok', approverId: 1 }, { db: db.db }),
        'approverId',
      ],
      [
        'a rejection',
        () => rejectProposal(cast.mo, { id: pendingId, reason: 'not sourced', status: 'approved' }, { db: db.db }),
        'status',
      ],
      [
        'a revert',
        () =>
          revertCell(
            cast.mo,
            {
              mesh: 'istio',
              version: '1.16.1',
              feature: 'mtls',
              revisionId: baseRevisionId,
              reason: 'back',
              kind: 'seed',
            },
            { db: db.db },
          ),
        'kind',
      ],
    ])('%s', (_name, run, field) => {
      const error = expectAppError(rejection(db, run), BadRequestError, 400);
      expect(error.fieldErrors).toEqual({ [field]: [`${field} is not a field this accepts`] });
      expect(error.message).toBe(`${field} is not a field this accepts`);
    });

    // These once reached Object.prototype through the error map and turned a 400 into a 500.
    it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty']])(
      'a field called %s is named like any other',
      (key) => {
        const input = JSON.parse(`{"reason": "not sourced", ${JSON.stringify(key)}: {"role": "admin"}}`);
        const error = expectAppError(
          rejection(db, () => rejectProposal(cast.mo, { id: pendingId, ...input }, { db: db.db })),
          BadRequestError,
          400,
        );
        expect(Object.keys(error.fieldErrors)).toEqual([key]);
        expect(JSON.parse(JSON.stringify(error.fieldErrors))[key]).toEqual([`${key} is not a field this accepts`]);
        expect(({} as Record<string, unknown>).role).toBeUndefined();
      },
    );
  });
});
