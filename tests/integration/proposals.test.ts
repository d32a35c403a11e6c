import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accounts, auditEvents, features, meshes, meshVersions, proposals, users, type Revision, type User } from '@/db/schema';
import { createUser } from '@/tests/support/cast';
import { pathsForCell, patternsForCell } from '@/lib/next/revalidate';
import { getCellHead } from '@/lib/server/cells/cells';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '@/lib/rules/errors';
import { getMatrix } from '@/lib/server/matrix/matrix';
import {
  countPendingByCell,
  listMyProposals,
  listPendingProposalsForCell,
  listProposals,
  proposeCellChange,
  withdrawProposal,
  type ProposalLimits,
} from '@/lib/server/proposals/proposals';
import { upsertUserFromAccount, type ProviderAccount } from '@/lib/server/users/users';
import { proposalInputFromForm, proposeCellChangeSchema } from '@/lib/rules/validation';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';
import { rejection } from '../support/assertions';

/** Istio's newest seeded release: the column the matrix shows (and so the cell people propose on). */
const ISTIO_NEWEST = '1.20';
const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };

function cellIds(db: TempDatabase, meshSlug: string, label: string, featureSlug: string): { versionId: number; featureId: number } {
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

function headOf(db: TempDatabase, meshSlug: string, label: string, featureSlug: string): Revision {
  const { versionId, featureId } = cellIds(db, meshSlug, label, featureSlug);
  const head = getCellHead(db.db, versionId, featureId);
  if (!head) throw new Error(`no head for ${meshSlug}@${label}/${featureSlug}`);
  return head;
}

function proposalRow(db: TempDatabase, id: number) {
  return db.db.select().from(proposals).where(eq(proposals.id, id)).get();
}

function auditFor(db: TempDatabase, objectType: string, objectId: number) {
  return db.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, objectType), eq(auditEvents.objectId, String(objectId))))
    .all();
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
    expect(audit[0]?.details).toMatchObject({ cell: `istio@${ISTIO_NEWEST}/mtls`, support: 'partial', affiliated: true });

    const after = countRows(db);
    expect(after.proposals).toBe(before.proposals! + 1);
    expect(after.audit_events).toBe(before.audit_events! + 1);
    expect(after.revisions).toBe(before.revisions);
    expect(after.cell_heads).toBe(before.cell_heads);
    expect(headOf(db, 'istio', ISTIO_NEWEST, 'mtls').id).toBe(mtlsHead.id);
  });

  it('writes the proposal and its audit event in one transaction', () => {
    db.sqlite.exec("CREATE TEMP TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    try {
      const error = rejection(db, () => proposeCellChange(alice, mtlsInput({ note: 'atomic' }), { limits: roomyLimits, db: db.db }));
      expect(String(error)).toMatch(/audit log unavailable/);
    } finally {
      db.sqlite.exec('DROP TRIGGER audit_down');
    }
  });

  it('accepts a text value for a text row', () => {
    const result = proposeCellChange(
      alice,
      { mesh: 'istio', version: ISTIO_NEWEST, feature: 'license', text: 'Apache-2.0', sources: [{ url: 'https://github.com/istio/istio/blob/master/LICENSE' }], rationale: 'SPDX name', baseRevisionId: licenseHead.id },
      { limits: roomyLimits, db: db.db },
    );
    expect(proposalRow(db, result.id)).toMatchObject({ support: null, text: 'Apache-2.0', note: null, affiliated: false });
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
    const result = proposeCellChange(alice, mtlsInput({ sources: [{ url: base + 'a'.repeat(2048 - base.length) }] }), { limits: roomyLimits, db: db.db });
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
      mtlsInput({ support: mtlsHead.support, note: mtlsHead.note, sources: [{ url: 'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/' }] }),
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
    const licenseInput = { mesh: 'istio', version: ISTIO_NEWEST, feature: 'license', sources: [{ url: 'https://istio.io/' }], rationale: 'r', baseRevisionId: licenseHead.id };
    expectFieldError({ ...licenseInput, text: 'MIT', support: 'yes' }, 'support');
    expectFieldError({ ...licenseInput, support: 'yes' }, 'text');
    expectFieldError(mtlsInput({ text: 'enabled' }), 'text');
    expectFieldError(mtlsInput({ support: undefined }), 'support');
  });

  it('refuses proposals for an archived mesh', () => {
    const error = expectFieldError(mtlsInput({ mesh: 'open-service-mesh', version: '1.0', baseRevisionId: undefined }), 'mesh');
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
    expect(result).toEqual({ id, status: 'withdrawn', cell: { meshSlug: 'istio', label: ISTIO_NEWEST, featureSlug: 'mtls' } });
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
    expect(mine[0]).toMatchObject({ note: 'latest', cell: { meshSlug: 'istio', label: ISTIO_NEWEST, featureSlug: 'mtls', featureKind: 'support' } });
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
    const ids = Array.from({ length: 20 }, (_, i) => proposeCellChange(author, input(`n${i}`), { limits, db: db.db }).id);
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
    expect(rejection(db, () => proposeCellChange(other, input('second'), { limits, db: db.db }))).toBeInstanceOf(TooManyRequestsError);
  });

  it('refuses the 31st proposal in an hour until the oldest one is an hour old', () => {
    const author = createUser(db, { name: 'hasty' });
    const limits = { maxPending: 1000, maxPerHour: 30 };
    const now = new Date('2025-06-01T12:00:00.000Z');
    const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);
    for (let i = 0; i < 30; i++) proposeCellChange(author, input(`n${i}`), { limits, now: at(-3000 + i * 100), db: db.db });

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
    for (let i = 0; i < 3; i++) proposeCellChange(author, input(`n${i}`), { limits, now: new Date(now.getTime() + i * 60_000), db: db.db });
    expect(rejection(db, () => proposeCellChange(author, input('n3'), { limits, now: new Date(now.getTime() + 30 * 60_000), db: db.db }))).toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(proposeCellChange(author, input('n3'), { limits, now: new Date(now.getTime() + 3 * 3600_000), db: db.db }).status).toBe('pending');
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
        { mesh: 'istio', version: ISTIO_NEWEST, feature: 'circuit-breaking', support: head.support === 'no' ? 'yes' : 'no', note, sources: [{ url: 'https://istio.io/' }], rationale: 'r', baseRevisionId: head.id },
        { limits: roomyLimits, now, db: db.db },
      );

    expect(countPendingByCell([versionId], db.db).size).toBe(0);
    expect(listPendingProposalsForCell(versionId, featureId, db.db)).toEqual([]);

    const first = propose(alice, 'n1', new Date('2025-01-01T00:00:00.000Z'));
    const second = propose(bob, 'n2', new Date('2025-01-02T00:00:00.000Z'));
    const third = propose(alice, 'n3', new Date('2025-01-03T00:00:00.000Z'));

    expect(countPendingByCell([versionId], db.db).get(versionId)?.get(featureId)).toBe(3);
    expect(listPendingProposalsForCell(versionId, featureId, db.db).map((p) => p.id)).toEqual([first.id, second.id, third.id]);
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

describe('pathsForCell', () => {
  it('names every cached page that shows the cell', () => {
    expect(pathsForCell({ meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' })).toEqual([
      '/cached-views/matrix',
      '/meshes/istio',
      '/meshes/istio/1.16.1',
      '/meshes/istio/1.16.1/mtls',
      '/meshes/istio/compare',
      '/cached-views/changes',
    ]);
    expect(patternsForCell).toEqual(['/meshes/[slug]/compare/[from]/[to]', '/cached-views/[view]']);
  });
});

describe('upsertUserFromAccount', () => {
  let db: TempDatabase;

  const account = (overrides: Partial<ProviderAccount> = {}): ProviderAccount => ({
    provider: 'github',
    providerAccountId: '1001',
    type: 'oauth',
    email: 'Grace@Example.org',
    name: 'Grace',
    image: 'https://avatars.example.org/grace.png',
    ...overrides,
  });

  const accountsOf = (userId: number) => db.db.select().from(accounts).where(eq(accounts.userId, userId)).all();

  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('creates a user and its account on first sign-in and finds them again on the next', () => {
    const before = countRows(db);
    const created = upsertUserFromAccount(account(), [], db.db);
    expect(created).toMatchObject({ name: 'Grace', email: 'grace@example.org', role: 'contributor', banned: false });
    expect(accountsOf(created.id)).toMatchObject([{ provider: 'github', providerAccountId: '1001', type: 'oauth' }]);
    expect(auditFor(db, 'user', created.id).map((e) => e.action)).toEqual(['user.create']);
    const afterFirst = countRows(db);
    expect(afterFirst.users).toBe(before.users! + 1);
    expect(afterFirst.accounts).toBe(before.accounts! + 1);

    const again = upsertUserFromAccount(account({ name: 'Grace H.' }), [], db.db);
    expect(again.id).toBe(created.id);
    expect(again.name).toBe('Grace H.');
    expect(countRows(db)).toEqual(afterFirst);
  });

  it('keeps a role changed in the database on the next sign-in', () => {
    const user = upsertUserFromAccount(account({ providerAccountId: '1002', email: 'hopper@example.org', name: 'Hopper' }), [], db.db);
    db.db.update(users).set({ role: 'moderator' }).where(eq(users.id, user.id)).run();
    expect(upsertUserFromAccount(account({ providerAccountId: '1002', email: 'hopper@example.org' }), [], db.db).role).toBe('moderator');
    db.db.update(users).set({ role: 'contributor' }).where(eq(users.id, user.id)).run();
    expect(upsertUserFromAccount(account({ providerAccountId: '1002', email: 'hopper@example.org' }), [], db.db).role).toBe('contributor');
  });

  it('promotes ADMIN_EMAILS to admin, case-insensitively, and audits it', () => {
    const fresh = upsertUserFromAccount(account({ providerAccountId: '2001', email: 'Root@Example.ORG' }), ['root@example.org'], db.db);
    expect(fresh.role).toBe('admin');

    const existing = upsertUserFromAccount(account({ providerAccountId: '2002', email: 'Lin@Example.org', name: 'Lin' }), [], db.db);
    expect(existing.role).toBe('contributor');
    const promoted = upsertUserFromAccount(account({ providerAccountId: '2002', email: 'LIN@example.org', name: 'Lin' }), ['lin@example.org'], db.db);
    expect(promoted.id).toBe(existing.id);
    expect(promoted.role).toBe('admin');
    const roleEvents = auditFor(db, 'user', existing.id).filter((e) => e.action === 'user.role');
    expect(roleEvents).toHaveLength(1);
    expect(roleEvents[0]?.details).toMatchObject({ from: 'contributor', to: 'admin', reason: 'ADMIN_EMAILS' });

    upsertUserFromAccount(account({ providerAccountId: '2002', email: 'lin@example.org' }), ['lin@example.org'], db.db);
    expect(auditFor(db, 'user', existing.id).filter((e) => e.action === 'user.role')).toHaveLength(1);
  });

  it('does not make a second account admin because its provider claims an ADMIN_EMAILS address someone else holds', () => {
    const holder = upsertUserFromAccount(account({ providerAccountId: '3101', email: 'boss@example.org' }), [], db.db);
    const other = account({ provider: 'oidc', providerAccountId: 'stranger', email: 'boss@example.org', name: 'Stranger' });
    const claimant = upsertUserFromAccount(other, ['boss@example.org'], db.db);
    expect(claimant.id).not.toBe(holder.id);
    expect(claimant.email).toBeNull();
    expect(claimant.role).toBe('contributor');
    expect(upsertUserFromAccount(other, ['boss@example.org'], db.db).role).toBe('contributor');
    expect(upsertUserFromAccount(account({ providerAccountId: '3101', email: 'boss@example.org' }), ['boss@example.org'], db.db).role).toBe('admin');
  });

  it('gives demo accounts their initial role only when they are created', () => {
    const demo = account({ provider: 'demo', providerAccountId: 'mo', type: 'credentials', email: 'mo@demo.mesh-matrix.invalid', name: 'mo', image: null, initialRole: 'moderator' });
    const created = upsertUserFromAccount(demo, [], db.db);
    expect(created.role).toBe('moderator');
    db.db.update(users).set({ role: 'contributor' }).where(eq(users.id, created.id)).run();
    const again = upsertUserFromAccount(demo, [], db.db);
    expect(again.id).toBe(created.id);
    expect(again.role).toBe('contributor');
  });

  it('does not merge two providers that claim the same email', () => {
    const github = upsertUserFromAccount(account({ providerAccountId: '3001', email: 'shared@example.org', name: 'Shared' }), [], db.db);
    const oidc = upsertUserFromAccount(account({ provider: 'oidc', providerAccountId: 'sub-3001', email: 'SHARED@example.org', name: 'Impostor' }), [], db.db);
    expect(oidc.id).not.toBe(github.id);
    expect(oidc.email).toBeNull();
    expect(oidc.role).toBe('contributor');
    expect(github.email).toBe('shared@example.org');
    expect(accountsOf(github.id).map((a) => a.provider)).toEqual(['github']);
    expect(accountsOf(oidc.id).map((a) => a.provider)).toEqual(['oidc']);
    expect(upsertUserFromAccount(account({ provider: 'oidc', providerAccountId: 'sub-3001', email: 'shared@example.org' }), [], db.db).id).toBe(oidc.id);
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
    expect(input).toMatchObject({ mesh: 'istio', version: '1.16.1', feature: 'mtls', support: 'partial', rationale: 'Permissive by default', affiliated: true, baseRevisionId: 782 });
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
