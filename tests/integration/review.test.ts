import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, proposals, revisions, type Revision, type User } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { proposeCellChange, withdrawProposal, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { approveProposal, countPendingReviews, listReviewQueue, rejectProposal, resolveCell, revertCell, type CellIds } from '@/lib/server/proposals/review';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, createUser, type Cast } from '../support/cast';

const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };

type CellName = [meshSlug: string, label: string, featureSlug: string];
const ISTIO_MTLS: CellName = ['istio', '1.16.1', 'mtls'];
const ISTIO_CB: CellName = ['istio', '1.16.1', 'circuit-breaking'];
const ISTIO_LICENSE: CellName = ['istio', '1.16.1', 'license'];
const ISTIO_OLD_MTLS: CellName = ['istio', '1.3', 'mtls'];
const LINKERD_MTLS: CellName = ['linkerd', '2.12', 'mtls'];

function cell(db: TempDatabase, [meshSlug, label, featureSlug]: CellName): CellIds {
  return resolveCell(meshSlug, label, featureSlug, db.db);
}

/** A cell's slugs as revertCell takes them. */
function slugsOf({ cell }: CellIds) {
  return { mesh: cell.meshSlug, version: cell.label, feature: cell.featureSlug };
}

function headOf(db: TempDatabase, name: CellName): Revision {
  const { meshVersionId, featureId } = cell(db, name);
  const head = getCellHead(db.db, meshVersionId, featureId);
  if (!head) throw new Error(`no head for ${name.join('/')}`);
  return head;
}

function proposalRow(db: TempDatabase, id: number) {
  return db.db.select().from(proposals).where(eq(proposals.id, id)).get();
}

function revisionRow(db: TempDatabase, id: number) {
  return db.db.select().from(revisions).where(eq(revisions.id, id)).get();
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

function auditFor(db: TempDatabase, objectType: string, objectId: string | number) {
  return db.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, objectType), eq(auditEvents.objectId, String(objectId))))
    .orderBy(auditEvents.id)
    .all();
}

/** Raw rows, exactly as SQLite stores them. */
function rawRevisions(db: TempDatabase): Record<string, unknown>[] {
  return db.sqlite.prepare('SELECT * FROM revisions ORDER BY id').all() as Record<string, unknown>[];
}

interface ProposeOptions {
  author: User;
  at?: CellName;
  support?: string;
  text?: string;
  note?: string;
  baseRevisionId?: number;
  now?: Date;
  sources?: { url: string; title?: string | null }[];
}

function propose(db: TempDatabase, options: ProposeOptions) {
  const at = options.at ?? ISTIO_MTLS;
  const head = headOf(db, at);
  const isText = at[2] === 'license';
  return proposeCellChange(
    options.author,
    {
      mesh: at[0],
      version: at[1],
      feature: at[2],
      ...(isText ? { text: options.text ?? 'Apache-2.0' } : { support: options.support ?? 'partial' }),
      note: options.note ?? 'Permissive mode by default',
      sources: options.sources ?? [{ url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' }],
      rationale: 'The docs say so.',
      baseRevisionId: options.baseRevisionId ?? head.id,
    },
    { limits: roomyLimits, now: options.now, db: db.db },
  );
}

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
    expect(audit[1]?.details).toEqual({ revisionId: result.revisionId, overConflict: false, comment: 'Checked against the docs' });

    const after = countRows(db);
    expect(after).toEqual({ ...before, revisions: before.revisions! + 1, audit_events: before.audit_events! + 1 });
    // The earlier value is still there, untouched.
    expect(revisionRow(db, base.id)).toEqual(base);
  });

  it('stores no comment as null', () => {
    const { id } = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'no', note: 'Not without a DestinationRule' });
    const result = approveProposal(cast.mia, { id }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', reviewerId: cast.mia.id, reviewComment: null, resultRevisionId: result.revisionId });
    const { id: second } = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'partial', note: 'blank comment' });
    approveProposal(cast.mia, { id: second, comment: '   ' }, { db: db.db });
    expect(proposalRow(db, second)?.reviewComment).toBeNull();
  });

  it('approves a text value for a text row', () => {
    const base = headOf(db, ISTIO_LICENSE);
    const { id } = propose(db, { author: cast.alice, at: ISTIO_LICENSE, text: 'Apache-2.0', note: 'SPDX identifier' });
    const result = approveProposal(cast.ada, { id }, { db: db.db });
    expect(revisionRow(db, result.revisionId)).toMatchObject({ support: null, text: 'Apache-2.0', note: 'SPDX identifier', parentRevisionId: base.id, kind: 'proposal' });
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
    const countRevisions = () => db.sqlite.prepare('SELECT count(*) AS n, max(id) AS maxId FROM revisions').get() as { n: number; maxId: number };
    const revisionsBefore = countRevisions();
    const rowsBefore = rawRevisions(db);
    const auditBefore = auditFor(db, 'proposal', id);

    db.sqlite.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;");
    try {
      const error = rejection(db, () => approveProposal(cast.mo, { id, comment: 'looks right' }, { db: db.db }));
      expect(String(error)).toMatch(/audit down/);
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_audit');
    }

    expect(countRevisions()).toEqual(revisionsBefore);
    expect(rawRevisions(db)).toEqual(rowsBefore);
    expect(headOf(db, ISTIO_MTLS).id).toBe(base.id);
    expect(proposalRow(db, id)).toMatchObject({ status: 'pending', reviewerId: null, reviewComment: null, decidedAt: null, resultRevisionId: null });
    expect(auditFor(db, 'proposal', id)).toEqual(auditBefore);
    expect(db.db.select().from(revisions).where(eq(revisions.proposalId, id)).all()).toEqual([]);

    // Once the audit log works again the same proposal goes through.
    const result = approveProposal(cast.mo, { id }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);
    expect(result.revisionId).toBe(revisionsBefore.maxId + 1);
  });

  it('leaves nothing behind when the revision cannot be published', () => {
    const { id } = propose(db, { author: cast.bob, at: ISTIO_CB, note: 'heads fail' });
    db.sqlite.exec("CREATE TEMP TRIGGER fail_heads BEFORE UPDATE ON cell_heads BEGIN SELECT RAISE(ABORT, 'heads down'); END;");
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
    const secondResult = approveProposal(cast.mia, { id: second.id, overConflict: true, comment: 'supersedes the first' }, { db: db.db });
    expect(secondResult.revisionId).toBeGreaterThan(firstResult.revisionId);
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({ id: secondResult.revisionId, support: 'no', note: 'second', authorId: cast.bob.id, approverId: cast.mia.id });
    expect(revisionRow(db, secondResult.revisionId)?.parentRevisionId).toBe(firstResult.revisionId);
    expect(countRows(db)).toEqual({ ...before, revisions: before.revisions! + 1, audit_events: before.audit_events! + 1 });

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
    const { id } = propose(db, { author: cast.alice, support: 'yes', note: 'STRICT by default', baseRevisionId: head.id });
    expect(listReviewQueue(cast.mo, {}, db.db).find((e) => e.id === id)?.conflict).toBe(false);
    const result = approveProposal(cast.mo, { id }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS).id).toBe(result.revisionId);
    expect(auditFor(db, 'proposal', id).find((e) => e.action === 'proposal.approve')?.details).toMatchObject({ overConflict: false });
  });

  it('records overConflict only when there was a conflict', () => {
    const { id } = propose(db, { author: cast.bob, support: 'partial', note: 'over nothing' });
    approveProposal(cast.mo, { id, overConflict: true }, { db: db.db });
    expect(auditFor(db, 'proposal', id).find((e) => e.action === 'proposal.approve')?.details).toMatchObject({ overConflict: false });
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
    const approveError = expectAppError(rejection(db, () => approveProposal(cast.mo, { id }, { db: db.db })), ForbiddenError, 403);
    expect(approveError.message).toMatch(/own/);
    expectAppError(rejection(db, () => approveProposal(cast.mo, { id, overConflict: true }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => rejectProposal(cast.mo, { id, reason: 'changed my mind' }, { db: db.db })), ForbiddenError, 403);
    expect(proposalRow(db, id)?.status).toBe('pending');

    const result = approveProposal(cast.mia, { id }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', reviewerId: cast.mia.id });
    expect(revisionRow(db, result.revisionId)).toMatchObject({ authorId: cast.mo.id, approverId: cast.mia.id });
  });

  it('refuses an admin approving their own proposal too', () => {
    const { id } = propose(db, { author: cast.ada, at: ISTIO_CB, note: 'admin idea' });
    expectAppError(rejection(db, () => approveProposal(cast.ada, { id }, { db: db.db })), ForbiddenError, 403);
    rejectProposal(cast.mo, { id, reason: 'No source supports this' }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'rejected', reviewerId: cast.mo.id });
  });

  it('lets only moderators and admins approve', () => {
    const { id } = propose(db, { author: cast.alice, note: 'who approves' });
    expectAppError(rejection(db, () => approveProposal(null, { id }, { db: db.db })), UnauthorizedError, 401);
    expectAppError(rejection(db, () => approveProposal(cast.bob, { id }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => approveProposal(cast.bert, { id }, { db: db.db })), ForbiddenError, 403);
    // The role check comes before the body is looked at.
    expectAppError(rejection(db, () => approveProposal(cast.bob, { id, nonsense: true }, { db: db.db })), ForbiddenError, 403);
    expect(proposalRow(db, id)?.status).toBe('pending');

    const result = approveProposal(cast.ada, { id, overConflict: true }, { db: db.db });
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', reviewerId: cast.ada.id, resultRevisionId: result.revisionId });
  });

  it('lets only moderators and admins reject', () => {
    const { id } = propose(db, { author: cast.alice, at: ISTIO_CB, note: 'who rejects' });
    const reason = { reason: 'No source supports this' };
    expectAppError(rejection(db, () => rejectProposal(null, { id, ...reason }, { db: db.db })), UnauthorizedError, 401);
    expectAppError(rejection(db, () => rejectProposal(cast.bob, { id, ...reason }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => rejectProposal(cast.bert, { id, ...reason }, { db: db.db })), ForbiddenError, 403);
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
    expectAppError(rejection(db, () => revertCell(null, { ...slugsOf(target), ...input }, { db: db.db })), UnauthorizedError, 401);
    expectAppError(rejection(db, () => revertCell(cast.alice, { ...slugsOf(target), ...input }, { db: db.db })), ForbiddenError, 403);
    expectAppError(rejection(db, () => revertCell(cast.bert, { ...slugsOf(target), ...input }, { db: db.db })), ForbiddenError, 403);

    const result = revertCell(cast.ada, { ...slugsOf(target), ...input }, { db: db.db });
    expect(headOf(db, ISTIO_LICENSE)).toMatchObject({ id: result.revisionId, kind: 'revert', authorId: cast.ada.id, text: original.text });
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
    const error = expectAppError(rejection(db, () => rejectProposal(cast.mo, { id, ...input }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(error.fieldErrors)).toEqual(['reason']);
    expect(error.fieldErrors.reason?.[0]).toMatch(/^reason /);
    expect(proposalRow(db, id)?.status).toBe('pending');
    withdrawProposal(cast.alice, { id }, { db: db.db });
  });

  it('refuses a missing body with 400', () => {
    const { id } = propose(db, { author: cast.alice, note: 'no body' });
    expectAppError(rejection(db, () => rejectProposal(cast.mo, { id }, { db: db.db })), BadRequestError, 400);
    expectAppError(rejection(db, () => rejectProposal(cast.mo, { id, reason: null }, { db: db.db })), BadRequestError, 400);
    expect(proposalRow(db, id)?.status).toBe('pending');
    withdrawProposal(cast.alice, { id }, { db: db.db });
  });

  it('refuses a reason over 1,000 characters', () => {
    const { id } = propose(db, { author: cast.alice, note: 'long reason' });
    const error = expectAppError(rejection(db, () => rejectProposal(cast.mo, { id, reason: 'r'.repeat(1001) }, { db: db.db })), BadRequestError, 400);
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
    expect(stored).toMatchObject({ status: 'rejected', reviewerId: cast.mo.id, reviewComment: 'The source does not say this', resultRevisionId: null });
    expect(stored.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const audit = auditFor(db, 'proposal', id);
    expect(audit.map((e) => e.action)).toEqual(['proposal.create', 'proposal.reject']);
    expect(audit[1]).toMatchObject({ actorId: cast.mo.id, createdAt: stored.decidedAt, details: { reason: 'The source does not say this' } });

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
        const onApprove = expectAppError(rejection(db, () => approveProposal(actor, { id, overConflict: true }, { db: db.db })), ConflictError, 409);
        expect(onApprove.details).toEqual({ status });
        const onReject = expectAppError(rejection(db, () => rejectProposal(actor, { id, reason: 'again, for the record' }, { db: db.db })), ConflictError, 409);
        expect(onReject.details).toEqual({ status });
      }
      expect(proposalRow(db, id)).toEqual(decidedBefore);
    }
  });

  it('answers 404 for a proposal that does not exist', () => {
    expectAppError(rejection(db, () => approveProposal(cast.mo, { id: 99_999_999 }, { db: db.db })), NotFoundError, 404);
    expectAppError(rejection(db, () => rejectProposal(cast.mo, { id: 99_999_999, reason: 'No source supports this' }, { db: db.db })), NotFoundError, 404);
  });

  it('refuses unknown fields in a decision (strict schemas) and ill-typed ones', () => {
    const { id } = propose(db, { author: cast.alice, note: 'strict' });
    const approveExtra = expectAppError(rejection(db, () => approveProposal(cast.mo, { id, overConflict: true, status: 'approved' }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(approveExtra.fieldErrors)).toEqual(['status']);
    expect(approveExtra.message).toMatch(/status/);
    const rejectExtra = expectAppError(rejection(db, () => rejectProposal(cast.mo, { id, reason: 'No source supports this', reviewerId: cast.mia.id }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(rejectExtra.fieldErrors)).toEqual(['reviewerId']);
    const badFlag = expectAppError(rejection(db, () => approveProposal(cast.mo, { id, overConflict: 'yes' }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(badFlag.fieldErrors)).toEqual(['overConflict']);
    const longComment = expectAppError(rejection(db, () => approveProposal(cast.mo, { id, comment: 'c'.repeat(1001) }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(longComment.fieldErrors)).toEqual(['comment']);
    const target = cell(db, ISTIO_MTLS);
    const revertExtra = expectAppError(
      rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), revisionId: headOf(db, ISTIO_MTLS).id, reason: 'source misread', force: true }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(revertExtra.fieldErrors)).toEqual(['force']);
    expect(proposalRow(db, id)?.status).toBe('pending');
  });

  it('offers the common reasons, each one accepted', () => {
    for (const reason of ['No source supports this', 'The source does not say this', 'Duplicate of another proposal', 'Out of scope for this row', 'Outdated: the cell changed since']) {
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
    expect(target).toEqual({ meshVersionId: head.meshVersionId, featureId: head.featureId, cell: { meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' } });
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

    const result = revertCell(cast.mia, { ...slugsOf(target), revisionId: original.id, reason: 'source misread' }, { db: db.db });

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
    expect(countRows(db)).toEqual({ ...countsBefore, revisions: countsBefore.revisions! + 1, audit_events: countsBefore.audit_events! + 1 });
    const rowsAfter = rawRevisions(db);
    expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
    expect(proposalRow(db, id)).toMatchObject({ status: 'approved', resultRevisionId: approved.revisionId });

    const audit = auditFor(db, 'cell', 'istio@1.16.1/mtls');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'cell.revert', actorId: cast.mia.id, createdAt: revert.createdAt });
    expect(audit[0]?.details).toEqual({ toRevisionId: original.id, fromRevisionId: approved.revisionId, newRevisionId: result.revisionId, reason: 'source misread' });
  });

  it('can go forward again by reverting the revert', () => {
    const target = cell(db, ISTIO_MTLS);
    const history = revisionsOfCell(db, ISTIO_MTLS);
    const approved = history.find((r) => r.kind === 'proposal')!;
    const result = revertCell(cast.mo, { ...slugsOf(target), revisionId: approved.id, reason: 'the misreading was mine' }, { db: db.db });
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({ id: result.revisionId, kind: 'revert', support: approved.support, note: approved.note });
    expect(revisionsOfCell(db, ISTIO_MTLS)).toHaveLength(history.length + 1);
  });

  it('keeps the origin of a carried-forward value it puts back', () => {
    const target = cell(db, ISTIO_LICENSE);
    const carried = headOf(db, ISTIO_LICENSE);
    expect(carried.kind).toBe('carry_forward');
    expect(carried.carriedFromRevisionId).not.toBeNull();
    const { id } = propose(db, { author: cast.bob, at: ISTIO_LICENSE, text: 'Apache-2.0' });
    approveProposal(cast.mo, { id }, { db: db.db });
    const result = revertCell(cast.mo, { ...slugsOf(target), revisionId: carried.id, reason: 'keep the long name' }, { db: db.db });
    expect(revisionRow(db, result.revisionId)).toMatchObject({ kind: 'revert', text: carried.text, carriedFromRevisionId: carried.carriedFromRevisionId });
  });

  it('refuses to revert to the current value', () => {
    const target = cell(db, ISTIO_MTLS);
    const head = headOf(db, ISTIO_MTLS);
    const error = expectAppError(rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), revisionId: head.id, reason: 'source misread' }, { db: db.db })), BadRequestError, 400);
    expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
  });

  it('refuses a revision of another cell, or one that does not exist', () => {
    const target = cell(db, ISTIO_MTLS);
    for (const other of [headOf(db, ISTIO_LICENSE).id, headOf(db, ISTIO_OLD_MTLS).id, headOf(db, LINKERD_MTLS).id, 99_999_999]) {
      const error = expectAppError(rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), revisionId: other, reason: 'source misread' }, { db: db.db })), BadRequestError, 400);
      expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
    }
  });

  it('needs a reason and a revision id', () => {
    const target = cell(db, ISTIO_MTLS);
    const earlier = revisionsOfCell(db, ISTIO_MTLS)[0]!;
    for (const input of [{ revisionId: earlier.id }, { revisionId: earlier.id, reason: '' }, { revisionId: earlier.id, reason: '   ' }]) {
      const error = expectAppError(rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), ...input }, { db: db.db })), BadRequestError, 400);
      expect(Object.keys(error.fieldErrors)).toEqual(['reason']);
    }
    for (const input of [{ reason: 'source misread' }, { revisionId: String(earlier.id), reason: 'source misread' }, { revisionId: -1, reason: 'source misread' }]) {
      const error = expectAppError(rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), ...input }, { db: db.db })), BadRequestError, 400);
      expect(Object.keys(error.fieldErrors)).toEqual(['revisionId']);
    }
  });

  it('rolls back when its audit event cannot be written', () => {
    const target = cell(db, ISTIO_MTLS);
    const earlier = revisionsOfCell(db, ISTIO_MTLS)[0]!;
    db.sqlite.exec("CREATE TEMP TRIGGER fail_audit_revert BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;");
    try {
      expect(String(rejection(db, () => revertCell(cast.mo, { ...slugsOf(target), revisionId: earlier.id, reason: 'source misread' }, { db: db.db })))).toMatch(/audit down/);
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_audit_revert');
    }
  });
});

describe('history is never updated or deleted', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('keeps every revision row unchanged through propose, approve, revert, approve over conflict and reject', () => {
    const snapshots: Record<string, unknown>[][] = [];
    const step = () => snapshots.push(rawRevisions(db));
    const target = cell(db, ISTIO_MTLS);
    const original = headOf(db, ISTIO_MTLS);
    step();

    const a = propose(db, { author: cast.alice, support: 'partial', note: 'A', baseRevisionId: original.id });
    const b = propose(db, { author: cast.bob, support: 'no', note: 'B', baseRevisionId: original.id });
    const c = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'no', note: 'C' });
    step();
    const approvedA = approveProposal(cast.mo, { id: a.id }, { db: db.db });
    step();
    revertCell(cast.mia, { ...slugsOf(target), revisionId: original.id, reason: 'A was wrong' }, { db: db.db });
    step();
    expect(() => approveProposal(cast.mo, { id: b.id }, { db: db.db })).toThrow(ConflictError);
    step();
    const approvedB = approveProposal(cast.mo, { id: b.id, overConflict: true }, { db: db.db });
    step();
    rejectProposal(cast.mia, { id: c.id, reason: 'No source supports this' }, { db: db.db });
    step();
    revertCell(cast.ada, { ...slugsOf(target), revisionId: approvedA.revisionId, reason: 'A was right after all' }, { db: db.db });
    step();
    const d = propose(db, { author: cast.alice, at: ISTIO_CB, support: 'partial', note: 'D' });
    approveProposal(cast.ada, { id: d.id, comment: 'ok' }, { db: db.db });
    step();

    const final = rawRevisions(db);
    for (const [i, snapshot] of snapshots.entries()) {
      expect(final.slice(0, snapshot.length), `rows present after step ${i}`).toEqual(snapshot);
    }
    const lengths = snapshots.map((s) => s.length - snapshots[0]!.length);
    expect(lengths).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 5]);
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({ kind: 'revert', support: 'partial', note: 'A' });
    expect(revisionRow(db, approvedB.revisionId)).toMatchObject({ support: 'no', note: 'B', proposalId: b.id });
  });

  it('refuses UPDATE and DELETE on revisions at the database level', () => {
    const rowsBefore = rawRevisions(db);
    const head = headOf(db, ISTIO_MTLS);
    expect(() => db.sqlite.prepare("UPDATE revisions SET note = 'rewritten' WHERE id = ?").run(head.id)).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('UPDATE revisions SET support = NULL').run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM revisions WHERE id = ?').run(head.id)).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM revisions').run()).toThrow(/append-only/);
    expect(() => db.db.update(revisions).set({ note: 'via drizzle' }).where(eq(revisions.id, head.id)).run()).toThrow(/append-only/);
    expect(() => db.db.delete(revisions).where(eq(revisions.id, head.id)).run()).toThrow(/append-only/);
    expect(rawRevisions(db)).toEqual(rowsBefore);
  });
});

describe('listReviewQueue and countPendingReviews', () => {
  let db: TempDatabase;
  let cast: Cast;
  let carol: User;
  type QueueKey = 'aliceApproved' | 'aliceRejected' | 'aliceRejected2' | 'bobRejected' | 'p1' | 'p2' | 'p3' | 'p4' | 'withdrawn' | 'carol';
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
    ids.p1 = propose(db, { author: cast.alice, at: ISTIO_MTLS, note: 'p1', now: new Date('2025-03-03T00:00:00.000Z') }).id;
    ids.p2 = propose(db, { author: cast.bob, at: LINKERD_MTLS, note: 'p2', now: new Date('2025-03-01T00:00:00.000Z') }).id;
    ids.p3 = propose(db, { author: cast.alice, at: ISTIO_CB, note: 'p3', now: new Date('2025-03-02T00:00:00.000Z') }).id;
    ids.p4 = propose(db, { author: cast.bob, at: ISTIO_MTLS, note: 'p4', now: new Date('2025-03-04T00:00:00.000Z') }).id;
    ids.withdrawn = propose(db, { author: cast.alice, at: LINKERD_MTLS, note: 'withdrawn', now: new Date('2025-02-01T00:00:00.000Z') }).id;
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
    expect(byId.get(ids.p1)).toMatchObject({ conflict: true, authorName: 'alice', authorRecord: { approved: 1, rejected: 2 } });
    expect(byId.get(ids.p1)?.current?.id).toBe(conflictHead);
    expect(byId.get(ids.p4)).toMatchObject({ conflict: true, authorName: 'Bob', authorRecord: { approved: 0, rejected: 1 } });
    expect(byId.get(ids.p4)?.current?.id).toBe(conflictHead);
    expect(byId.get(ids.p2)).toMatchObject({ conflict: false, authorRecord: { approved: 0, rejected: 1 } });
    expect(byId.get(ids.p2)?.current?.id).toBe(headOf(db, LINKERD_MTLS).id);
    expect(byId.get(ids.p2)?.current?.id).toBe(byId.get(ids.p2)?.baseRevisionId);
    expect(byId.get(ids.p3)).toMatchObject({ conflict: false, cell: { meshSlug: 'istio', label: '1.16.1', featureSlug: 'circuit-breaking' } });
    expect(byId.get(ids.p3)?.current).toEqual(headOf(db, ISTIO_CB));
  });

  it('filters by mesh, row and author name', () => {
    const idsOf = (filter: Parameters<typeof listReviewQueue>[1]) => listReviewQueue(cast.mo, filter, db.db).map((e) => e.id);
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
    expectAppError(rejection(db, () => listReviewQueue(cast.alice, {}, db.db)), ForbiddenError, 403);
    expectAppError(rejection(db, () => listReviewQueue(null, {}, db.db)), UnauthorizedError, 401);
    expectAppError(rejection(db, () => listReviewQueue(cast.bert, {}, db.db)), ForbiddenError, 403);
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
