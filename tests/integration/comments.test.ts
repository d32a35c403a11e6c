import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { comments } from '@/db/schema';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@/lib/rules/errors';
import { addComment, hideComment, listComments, unhideComment } from '@/lib/server/comments/comments';
import { addCommentSchema, listCommentsQuerySchema } from '@/lib/server/comments/schemas';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { propose } from '../support/proposing';
import { auditFor, ISTIO_NEWEST } from '../support/lookups';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const cellThread = { target: 'cell', mesh: 'istio', version: ISTIO_NEWEST, feature: 'mtls' } as const;
const rowThread = { target: 'row', feature: 'mtls' } as const;

describe('comments', () => {
  let db: TempDatabase;
  let cast: Cast;
  let proposalId: number;
  const roomy = { maxPerHour: 1000 };

  const add = (actor: unknown, input: Record<string, unknown>, options: Record<string, unknown> = roomy) =>
    addComment(actor as Cast['alice'], input, { db: db.db, ...options });

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    proposalId = propose(db, { author: cast.bob }).id;
  });
  afterAll(() => db.cleanup());

  function expectField(input: Record<string, unknown>, field: string): void {
    const error = expectAppError(
      rejection(db, () => add(cast.alice, input)),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toContain(field);
  }

  it('adds a comment to each kind of thread and audits it', () => {
    const onCell = add(cast.alice, { ...cellThread, body: 'What does mTLS mean here? https://istio.io/x.' });
    const onRow = add(cast.bob, { ...rowThread, body: 'Does permissive mode count?' });
    const onProposal = add(cast.mo, { target: 'proposal', proposalId: String(proposalId), body: 'Source?' });
    expect(onCell.thread.path).toBe(`/meshes/istio/${ISTIO_NEWEST}/mtls/talk`);
    expect(onRow.thread.path).toBe('/rows/mtls');
    expect(onProposal.thread.path).toBe(`/proposals/${proposalId}`);
    const row = db.db.select().from(comments).where(eq(comments.id, onCell.id)).get()!;
    expect(row).toMatchObject({ target: 'cell', authorId: cast.alice.id, proposalId: null, changesetId: null });
    expect(row.meshVersionId).not.toBeNull();
    expect(auditFor(db, 'comment', onCell.id)).toMatchObject([{ action: 'comment.add', actorId: cast.alice.id }]);
    expect(listComments(cellThread, null, db.db).map((c) => 'body' in c && c.body)).toEqual([
      'What does mTLS mean here? https://istio.io/x.',
    ]);
    expect(listComments(rowThread, null, db.db)).toHaveLength(1);
    expect(listComments({ target: 'proposal', proposalId }, null, db.db)).toHaveLength(1);
  });

  it('lets every signed-in role comment but refuses anonymous (401) and banned (403)', () => {
    for (const who of [cast.alice, cast.bob, cast.mo, cast.ada]) {
      expect(add(who, { ...rowThread, body: `from ${who.name}` }).id).toBeGreaterThan(0);
    }
    expectAppError(
      rejection(db, () => add(null, { ...rowThread, body: 'x' })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => add(cast.bert, { ...rowThread, body: 'x' })),
      ForbiddenError,
      403,
    );
  });

  it('refuses bad input by name and writes nothing', () => {
    expectField({ ...rowThread, body: 'x'.repeat(2001) }, 'body');
    expectField({ ...rowThread, body: '   ' }, 'body');
    expectField({ ...rowThread }, 'body');
    expectField({ target: 'wiki', feature: 'mtls', body: 'x' }, 'target');
    expectField({ feature: 'mtls', body: 'x' }, 'target');
    expectField({ target: 'proposal', body: 'x' }, 'proposalId');
    expectField({ target: 'cell', mesh: 'istio', feature: 'mtls', body: 'x' }, 'version');
    expectField({ target: 'row', feature: 'mtls', proposalId: 1, body: 'x' }, 'proposalId');
    expectField({ target: 'proposal', proposalId: 999999, body: 'x' }, 'proposalId');
    expectField({ target: 'changeset', changesetId: 999999, body: 'x' }, 'changesetId');
    expectField({ ...cellThread, mesh: 'nosuchmesh', body: 'x' }, 'mesh');
    expectField({ ...cellThread, version: '0.0.1', body: 'x' }, 'version');
    expectField({ target: 'row', feature: 'nosuchrow', body: 'x' }, 'feature');
    expectField({ ...rowThread, body: 'x', extra: 1 }, 'extra');
    expectField({ ...rowThread, body: 'bad \u202e text' }, 'body');
  });

  it('allows at most the hourly number of comments, then a 429 with when to retry', () => {
    const now = new Date('2030-01-01T10:00:00Z');
    const limited = { maxPerHour: 2, now };
    const fresh = cast.mia;
    add(fresh, { ...rowThread, body: 'one' }, { ...limited, now: new Date('2030-01-01T09:10:00Z') });
    add(fresh, { ...rowThread, body: 'two' }, { ...limited, now: new Date('2030-01-01T09:30:00Z') });
    const error = expectAppError(
      rejection(db, () => add(fresh, { ...rowThread, body: 'three' }, limited)),
      TooManyRequestsError,
      429,
    );
    expect(error.retryAfterSeconds).toBe(10 * 60);
    expect(
      add(fresh, { ...rowThread, body: 'later' }, { ...limited, now: new Date('2030-01-01T10:11:00Z') }).id,
    ).toBeGreaterThan(0);
  });

  it('hides with a reason: moderators only, audited, a second hide is a conflict', () => {
    const { id } = add(cast.alice, { ...cellThread, body: 'Buy cheap watches http://spam.example' });
    expectAppError(
      rejection(db, () => hideComment(null, { id, reason: 'spam' }, { db: db.db })),
      UnauthorizedError,
      401,
    );
    for (const who of [cast.alice, cast.bob, cast.bert])
      expectAppError(
        rejection(db, () => hideComment(who, { id, reason: 'spam' }, { db: db.db })),
        ForbiddenError,
        403,
      );
    const noReason = expectAppError(
      rejection(db, () => hideComment(cast.mo, { id, reason: ' ' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(noReason.fieldErrors)).toEqual(['reason']);
    expectAppError(
      rejection(db, () => hideComment(cast.mo, { id: 999999, reason: 'spam' }, { db: db.db })),
      NotFoundError,
      404,
    );
    hideComment(cast.mo, { id, reason: 'spam' }, { db: db.db });
    expect(auditFor(db, 'comment', id).map((e) => [e.action, e.actorId])).toEqual([
      ['comment.add', cast.alice.id],
      ['comment.hide', cast.mo.id],
    ]);
    expectAppError(
      rejection(db, () => hideComment(cast.ada, { id, reason: 'again' }, { db: db.db })),
      ConflictError,
      409,
    );

    const seenBy = (viewer: Cast['alice'] | null) =>
      listComments(cellThread, viewer, db.db).find((comment) => comment.id === id)!;
    expect(seenBy(null)).toEqual({ id, createdAt: expect.any(String), hidden: true, hiddenReason: 'spam' });
    expect(seenBy(cast.bob)).not.toHaveProperty('body');
    expect(seenBy(cast.bert)).not.toHaveProperty('body');
    for (const who of [cast.alice, cast.mo, cast.mia, cast.ada])
      expect(seenBy(who)).toMatchObject({
        body: 'Buy cheap watches http://spam.example',
        hidden: true,
        hiddenReason: 'spam',
      });
    expect(seenBy(cast.alice)).toMatchObject({ mine: true });

    expectAppError(
      rejection(db, () => unhideComment(cast.alice, { id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    unhideComment(cast.ada, { id }, { db: db.db });
    expect(seenBy(null)).toMatchObject({
      body: 'Buy cheap watches http://spam.example',
      hidden: false,
      hiddenReason: null,
    });
    expect(auditFor(db, 'comment', id).at(-1)).toMatchObject({ action: 'comment.unhide', actorId: cast.ada.id });
    expectAppError(
      rejection(db, () => unhideComment(cast.ada, { id }, { db: db.db })),
      ConflictError,
      409,
    );
  });

  it('reads a thread from the API query by its parameters, refusing a mix by name', () => {
    expect(listCommentsQuerySchema.parse({ proposal: '3' })).toMatchObject({ target: 'proposal', proposalId: 3 });
    expect(listCommentsQuerySchema.parse({ feature: 'mtls' })).toMatchObject({ target: 'row', feature: 'mtls' });
    expect(listCommentsQuerySchema.parse({ mesh: 'istio', version: '1.2', feature: 'mtls' })).toMatchObject({
      target: 'cell',
    });
    const mixed = listCommentsQuerySchema.safeParse({ proposal: '3', feature: 'mtls' });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues[0]?.path).toEqual(['feature']);
    expect(listCommentsQuerySchema.safeParse({ mesh: 'istio', feature: 'mtls' }).error?.issues[0]?.path).toEqual([
      'version',
    ]);
    expect(listCommentsQuerySchema.safeParse({}).success).toBe(false);
    expect(addCommentSchema.safeParse({ target: 'row', feature: 'mtls', body: 'ok' }).success).toBe(true);
  });
});
