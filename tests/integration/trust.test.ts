import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { changesets, features, meshes, proposals, users, type Proposal, type User } from '@/db/schema';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { listChanges } from '@/lib/server/changes/changes';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { approveProposal, revertCell } from '@/lib/server/proposals/review';
import { countUnpatrolled, listPatrol, patrolProposal } from '@/lib/server/patrol/patrol';
import { getTrustThreshold, setTrustThreshold } from '@/lib/server/settings/settings';
import { getContributorTrust, publishIfTrusted, setUserTrust } from '@/lib/server/users/trust';
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
  ISTIO_OLD_MTLS,
  LINKERD_MTLS,
  revisionRow,
  slugsOf,
  type CellName,
} from '../support/lookups';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const proposalRow = (db: TempDatabase, id: number) => db.db.select().from(proposals).where(eq(proposals.id, id)).get()!;
const userRow = (db: TempDatabase, id: number) => db.db.select().from(users).where(eq(users.id, id)).get()!;

/** A pending proposal written straight to the table: the cases proposeCellChange refuses before publishing is asked. */
function pendingProposal(db: TempDatabase, author: User, at: CellName): Proposal {
  const head = headOf(db, at);
  return db.db
    .insert(proposals)
    .values({
      meshVersionId: head.meshVersionId,
      featureId: head.featureId,
      baseRevisionId: head.id,
      support: 'partial',
      note: 'inserted by the test',
      sources: [{ url: 'https://istio.io/latest/docs/', title: null }],
      rationale: 'test',
      authorId: author.id,
    })
    .returning()
    .get();
}

describe('setUserTrust', () => {
  let db: TempDatabase;
  let cast: Cast;
  let tina: User;
  const input = (user: User, trusted = true) => ({ userId: user.id, trusted, reason: 'Years of careful edits' });

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    tina = createUser(db, { name: 'tina', email: 'tina@example.org', trusted: true, trustedReason: 'known' });
  });
  afterAll(() => db.cleanup());

  it('refuses anyone but a moderator or an admin, writing nothing', () => {
    const opts = () => ({ db: db.db });
    expectAppError(
      rejection(db, () => setUserTrust(null, input(cast.alice), opts())),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => setUserTrust(cast.bert, input(cast.alice), opts())),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setUserTrust(cast.alice, input(cast.alice), opts())),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setUserTrust(cast.bob, input(cast.alice), opts())),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setUserTrust(tina, input(cast.alice), opts())),
      ForbiddenError,
      403,
    );
  });

  it('lets a moderator trust a contributor, with the reason kept and audited', () => {
    const user = setUserTrust(cast.mo, input(cast.alice), { db: db.db });
    expect(user).toMatchObject({ id: cast.alice.id, trusted: true, trustedReason: 'Years of careful edits' });
    const events = auditFor(db, 'user', cast.alice.id);
    expect(events.at(-1)).toMatchObject({
      action: 'user.trust',
      actorId: cast.mo.id,
      details: { from: 'untrusted', to: 'trusted', reason: 'Years of careful edits' },
    });
  });

  it('lets an admin take trust back, clearing the reason', () => {
    const user = setUserTrust(cast.ada, { ...input(cast.alice, false), reason: 'Reverted twice' }, { db: db.db });
    expect(user).toMatchObject({ trusted: false, trustedReason: null });
    expect(auditFor(db, 'user', cast.alice.id).at(-1)?.details).toEqual({
      from: 'trusted',
      to: 'untrusted',
      reason: 'Reverted twice',
    });
  });

  it('refuses changing one’s own trust, a banned user, and no change at all', () => {
    const own = rejection(db, () => setUserTrust(cast.mo, input(cast.mo), { db: db.db }));
    expect(expectAppError(own, ForbiddenError, 403).message).toMatch(/your own trust/);
    const banned = createUser(db, { name: 'mallory', banned: true, banReason: 'spam' });
    const onBanned = rejection(db, () => setUserTrust(cast.mo, input(banned), { db: db.db }));
    expect(expectAppError(onBanned, ConflictError, 409).message).toMatch(/mallory is banned/);
    const again = rejection(db, () => setUserTrust(cast.mo, input(tina), { db: db.db }));
    expect(expectAppError(again, ConflictError, 409).message).toMatch(/tina is already trusted/);
    const notTrusted = rejection(db, () => setUserTrust(cast.mo, input(cast.bob, false), { db: db.db }));
    expect(expectAppError(notTrusted, ConflictError, 409).message).toMatch(/Bob is not trusted/);
  });

  it('refuses bad input by field, writing nothing', () => {
    const fields = (value: unknown) =>
      Object.keys(
        expectAppError(
          rejection(db, () => setUserTrust(cast.mo, value, { db: db.db })),
          BadRequestError,
          400,
        ).fieldErrors,
      );
    expect(fields({ userId: cast.bob.id, trusted: true })).toEqual(['reason']);
    expect(fields({ userId: cast.bob.id, trusted: 'maybe', reason: 'good work' })).toEqual(['trusted']);
    expect(fields({ userId: 'abc', trusted: true, reason: 'good work' })).toEqual(['userId']);
    expect(fields({ ...input(cast.bob), role: 'admin' })).toEqual(['role']);
    expect(fields({ userId: cast.bob.id, trusted: true, reason: 'good <script>\u0007' })).toEqual(['reason']);
    expectAppError(
      rejection(db, () => setUserTrust(cast.mo, { ...input(cast.bob), userId: 999999 }, { db: db.db })),
      NotFoundError,
      404,
    );
  });

  it('reads the form’s "true" and "false"', () => {
    expect(setUserTrust(cast.ada, { ...input(cast.bob), trusted: 'true' }, { db: db.db }).trusted).toBe(true);
    expect(userRow(db, cast.bob.id).trusted).toBe(true);
  });
});

describe('publishing a trusted contributor’s proposal at once', () => {
  let db: TempDatabase;
  let cast: Cast;
  const trustedUser = (name: string, values: { banned?: boolean; banReason?: string } = {}) =>
    createUser(db, { name, email: `${name}@example.org`, trusted: true, trustedReason: 'test', ...values });

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('publishes a trusted contributor’s proposal, marked for patrol, and says what it changed', () => {
    const tina = trustedUser('tina');
    const before = headOf(db, ISTIO_CB);
    const { result, changes } = proposeCellChange.execute(
      tina,
      {
        mesh: ISTIO_CB[0],
        version: ISTIO_CB[1],
        feature: ISTIO_CB[2],
        support: 'yes',
        sources: [{ url: 'https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/' }],
        rationale: 'The task page shows it.',
        baseRevisionId: before.id,
      },
      { limits: roomyLimits, db: db.db },
    );
    expect(result.status).toBe('approved');
    expect(result.revisionId).toEqual(expect.any(Number));
    const head = headOf(db, ISTIO_CB);
    expect(head).toMatchObject({ id: result.revisionId, kind: 'proposal', authorId: tina.id, approverId: tina.id });
    expect(head.parentRevisionId).toBe(before.id);
    expect(proposalRow(db, result.id)).toMatchObject({
      status: 'approved',
      publishedWithoutReview: true,
      reviewerId: tina.id,
      resultRevisionId: result.revisionId,
      patrolledAt: null,
    });
    expect(changes.cells).toEqual([{ meshSlug: 'istio', label: ISTIO_CB[1], featureSlug: ISTIO_CB[2] }]);
    expect(changes.paths).toContain('/review/patrol');
    expect(auditFor(db, 'proposal', result.id)[0]?.details).toMatchObject({
      publishedWithoutReview: true,
      revisionId: result.revisionId,
    });
    const entry = listChanges({}, db.db).entries.find((e) => e.type === 'revision' && e.proposalId === result.id);
    expect(entry).toMatchObject({ publishedWithoutReview: true });
    expect(renderAtomFeed([entry!], { siteUrl: 'https://x.test', selfPath: '/changes/feed.xml', title: 't' })).toMatch(
      /Published without review/,
    );
  });

  it('leaves an untrusted contributor’s proposal pending', () => {
    const result = propose(db, { author: cast.alice, at: ISTIO_OLD_MTLS });
    expect(result).toMatchObject({ status: 'pending', revisionId: null });
    expect(proposalRow(db, result.id).publishedWithoutReview).toBe(false);
  });

  it('leaves a proposal with a conflict pending', () => {
    const tara = trustedUser('tara');
    const earlier = headOf(db, ISTIO_MTLS);
    propose(db, { author: trustedUser('tom'), at: ISTIO_MTLS, note: 'moves the head' });
    expect(headOf(db, ISTIO_MTLS).id).not.toBe(earlier.id);
    const result = propose(db, { author: tara, at: ISTIO_MTLS, baseRevisionId: earlier.id, note: 'stale base' });
    expect(result.status).toBe('pending');
  });

  it('leaves a proposal that declares an affiliation pending, and the author’s later ones about that mesh', () => {
    const vera = trustedUser('vera');
    const affiliated = proposeCellChange(
      vera,
      {
        mesh: ISTIO_LICENSE[0],
        version: ISTIO_LICENSE[1],
        feature: ISTIO_LICENSE[2],
        text: 'Apache-2.0',
        sources: [{ url: 'https://github.com/istio/istio/blob/master/LICENSE' }],
        rationale: 'I work on Istio.',
        affiliated: true,
        baseRevisionId: headOf(db, ISTIO_LICENSE).id,
      },
      { limits: roomyLimits, db: db.db },
    );
    expect(affiliated.status).toBe('pending');
    expect(propose(db, { author: vera, at: ISTIO_OLD_MTLS, note: 'not declared here' }).status).toBe('pending');
    // Another mesh is not affected.
    expect(propose(db, { author: vera, at: LINKERD_MTLS, note: 'linkerd' }).status).toBe('approved');
  });

  it('counts an affiliation declared on a changeset for that mesh', () => {
    const cara = trustedUser('cara');
    db.db
      .insert(changesets)
      .values({
        title: 'Istio release',
        sources: [],
        affiliated: true,
        authorId: cara.id,
        releaseMeshId: db.db.select().from(meshes).where(eq(meshes.slug, 'istio')).get()!.id,
        releaseLabel: '9.9',
      })
      .run();
    expect(propose(db, { author: cara, at: ISTIO_OLD_MTLS, note: 'cara' }).status).toBe('pending');
  });

  it('publishes nothing for an archived mesh, a retired row, a banned author or a decided proposal', () => {
    const otto = trustedUser('otto');
    const at = new Date().toISOString();
    const archived = pendingProposal(db, otto, LINKERD_MTLS);
    db.db.update(meshes).set({ status: 'archived' }).where(eq(meshes.slug, 'linkerd')).run();
    try {
      expect(publishIfTrusted(db.db, archived, at)).toBeNull();
    } finally {
      db.db.update(meshes).set({ status: 'active' }).where(eq(meshes.slug, 'linkerd')).run();
    }
    const retired = pendingProposal(db, otto, ISTIO_OLD_MTLS);
    db.db.update(features).set({ status: 'retired' }).where(eq(features.slug, 'mtls')).run();
    try {
      expect(publishIfTrusted(db.db, retired, at)).toBeNull();
    } finally {
      db.db.update(features).set({ status: 'active' }).where(eq(features.slug, 'mtls')).run();
    }
    const bannedAuthor = trustedUser('barb', { banned: true, banReason: 'spam' });
    expect(publishIfTrusted(db.db, pendingProposal(db, bannedAuthor, ISTIO_OLD_MTLS), at)).toBeNull();
    expect(publishIfTrusted(db.db, { ...retired, status: 'withdrawn' }, at)).toBeNull();
    expect(proposalRow(db, archived.id).status).toBe('pending');
    expect(proposalRow(db, retired.id).status).toBe('pending');
    // The open cell itself publishes.
    expect(publishIfTrusted(db.db, retired, at)).not.toBeNull();
  });
});

describe('the automatic trust threshold', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  /** A contributor with `n` approved proposals (approved by mo, or at once), each on ISTIO_OLD_MTLS. */
  function withApproved(name: string, n: number): { user: User; revisionIds: number[] } {
    const user = createUser(db, { name, email: `${name}@example.org` });
    const revisionIds: number[] = [];
    for (let i = 0; i < n; i++) {
      const proposed = propose(db, { author: user, at: ISTIO_OLD_MTLS, note: `${name} ${i}` });
      // Once the threshold is on and met, the rest publish at once.
      revisionIds.push(proposed.revisionId ?? approveProposal(cast.mo, { id: proposed.id }, { db: db.db }).revisionId);
    }
    return { user, revisionIds };
  }

  it('is off by default, and only an admin changes it, audited', () => {
    expect(getTrustThreshold(db.db)).toEqual({ enabled: false, minApproved: 20, days: 90 });
    const on = { enabled: true, minApproved: 2, days: 30 };
    expectAppError(
      rejection(db, () => setTrustThreshold(null, on, { db: db.db })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => setTrustThreshold(cast.bert, on, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setTrustThreshold(cast.alice, on, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setTrustThreshold(cast.bob, on, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => setTrustThreshold(cast.mo, on, { db: db.db })),
      ForbiddenError,
      403,
    );
    const bad = (value: unknown) =>
      Object.keys(
        expectAppError(
          rejection(db, () => setTrustThreshold(cast.ada, value, { db: db.db })),
          BadRequestError,
          400,
        ).fieldErrors,
      );
    expect(bad({ ...on, minApproved: 0 })).toEqual(['minApproved']);
    expect(bad({ ...on, days: '1e3' })).toEqual(['days']);
    expect(bad({ ...on, enabled: 'yes' })).toEqual(['enabled']);
    expect(bad({ ...on, extra: 1 })).toEqual(['extra']);
    expect(getTrustThreshold(db.db).enabled).toBe(false);
  });

  it('trusts nobody while off, however long their record', () => {
    const { user } = withApproved('olga', 2);
    expect(propose(db, { author: user, at: ISTIO_OLD_MTLS, note: 'olga off' }).status).toBe('pending');
  });

  it('when on, publishes for a record that meets it and not for one that does not', () => {
    const result = setTrustThreshold(cast.ada, { enabled: true, minApproved: 2, days: 30 }, { db: db.db });
    expect(result.after).toEqual({ enabled: true, minApproved: 2, days: 30 });
    expect(auditFor(db, 'setting', 'trust.threshold').at(-1)).toMatchObject({
      action: 'settings.trust-threshold',
      actorId: cast.ada.id,
      details: { from: { enabled: false }, to: { enabled: true, minApproved: 2 } },
    });
    const { user: met } = withApproved('meg', 2);
    expect(propose(db, { author: met, at: ISTIO_MTLS, note: 'meg on' }).status).toBe('approved');
    expect(getContributorTrust(cast.mo, met.id, new Date(), db.db)).toMatchObject({
      trusted: false,
      byThreshold: true,
      record: { approved: 3, revertedRecently: 0 },
    });
    const { user: short } = withApproved('sam', 1);
    expect(propose(db, { author: short, at: ISTIO_MTLS, note: 'sam on' }).status).toBe('pending');
  });

  it('does not count someone whose published value was reverted within the window', () => {
    const { user, revisionIds } = withApproved('rita', 3);
    const reverted = revisionIds.at(-1)!;
    const parent = revisionRow(db, reverted)!.parentRevisionId!;
    revertCell(cast.mo, { ...slugsOf(cell(db, ISTIO_OLD_MTLS)), revisionId: parent, reason: 'wrong' }, { db: db.db });
    expect(propose(db, { author: user, at: ISTIO_MTLS, note: 'rita' }).status).toBe('pending');
    // Forty days on, the revert has left the thirty-day window.
    const later = new Date(Date.now() + 40 * 86_400_000);
    const again = propose(db, { author: user, at: ISTIO_CB, note: 'rita later', now: later });
    expect(again.status).toBe('approved');
  });
});

describe('patrol', () => {
  let db: TempDatabase;
  let cast: Cast;
  let tina: User;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
    tina = createUser(db, { name: 'tina', email: 'tina@example.org', trusted: true });
  });
  afterAll(() => db.cleanup());

  it('lists what published without review for moderators only, oldest first, and marks it checked', () => {
    const first = propose(db, { author: tina, at: ISTIO_CB, note: 'first' });
    const second = propose(db, { author: tina, at: LINKERD_MTLS, note: 'second' });
    expect(countUnpatrolled(db.db)).toBe(2);
    expectAppError(
      rejection(db, () => listPatrol(null, db.db)),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => listPatrol(cast.alice, db.db)),
      ForbiddenError,
      403,
    );
    const list = listPatrol(cast.mo, db.db);
    expect(list.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(list[0]).toMatchObject({
      authorName: 'tina',
      value: { support: 'partial', note: 'first' },
      isCurrent: true,
      revisionId: first.revisionId,
    });
    expect(list[0]?.value.sources[0]?.url).toMatch(/^https:/);
    expect(list[0]?.before).not.toBeNull();

    const refused = (actor: User | null) => rejection(db, () => patrolProposal(actor, { id: first.id }, { db: db.db }));
    expectAppError(refused(null), UnauthorizedError, 401);
    expectAppError(refused(cast.bert), ForbiddenError, 403);
    expectAppError(refused(cast.alice), ForbiddenError, 403);
    expectAppError(refused(tina), ForbiddenError, 403);

    const { result, changes } = patrolProposal.execute(cast.mo, { id: first.id }, { db: db.db });
    expect(result).toMatchObject({ id: first.id, revertRevisionId: null });
    expect(changes.cells).toBeUndefined();
    expect(proposalRow(db, first.id)).toMatchObject({ patrolledById: cast.mo.id, patrolledAt: expect.any(String) });
    expect(auditFor(db, 'proposal', first.id).at(-1)).toMatchObject({
      action: 'proposal.patrol',
      actorId: cast.mo.id,
      details: { reverted: false },
    });
    expect(listPatrol(cast.mo, db.db).map((e) => e.id)).toEqual([second.id]);
    const twice = rejection(db, () => patrolProposal(cast.ada, { id: first.id }, { db: db.db }));
    expect(expectAppError(twice, ConflictError, 409).message).toMatch(/already checked/);
  });

  it('refuses a moderator’s own, one that went through review, and ids of nothing', () => {
    const mia = userRow(db, cast.mia.id);
    db.db.update(users).set({ trusted: true }).where(eq(users.id, mia.id)).run();
    const own = propose(db, { author: mia, at: ISTIO_OLD_MTLS, note: 'mia' });
    expect(own.status).toBe('approved');
    const refusedOwn = rejection(db, () => patrolProposal(mia, { id: own.id }, { db: db.db }));
    expect(expectAppError(refusedOwn, ForbiddenError, 403).message).toMatch(/your own/);
    const reviewed = propose(db, { author: cast.alice, at: ISTIO_LICENSE });
    approveProposal(cast.mo, { id: reviewed.id }, { db: db.db });
    expectAppError(
      rejection(db, () => patrolProposal(cast.mo, { id: reviewed.id }, { db: db.db })),
      ConflictError,
      409,
    );
    expectAppError(
      rejection(db, () => patrolProposal(cast.mo, { id: 999999 }, { db: db.db })),
      NotFoundError,
      404,
    );
    const bad = expectAppError(
      rejection(db, () => patrolProposal(cast.mo, { id: 'x', revert: 'yes' }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(['id', 'revert']);
  });

  it('reverts on patrol in one transaction: the value before back, the proposal checked, both audited', () => {
    const before = headOf(db, ISTIO_MTLS);
    const published = propose(db, { author: tina, at: ISTIO_MTLS, note: 'to revert' });
    const noReason = rejection(db, () => patrolProposal(cast.mo, { id: published.id, revert: true }, { db: db.db }));
    expect(Object.keys(expectAppError(noReason, BadRequestError, 400).fieldErrors)).toEqual(['reason']);

    const { result, changes } = patrolProposal.execute(
      cast.mo,
      { id: published.id, revert: true, reason: 'The source says the opposite' },
      { db: db.db },
    );
    const head = headOf(db, ISTIO_MTLS);
    expect(result.revertRevisionId).toBe(head.id);
    expect(head).toMatchObject({ kind: 'revert', support: before.support, note: before.note, approverId: cast.mo.id });
    expect(head.parentRevisionId).toBe(published.revisionId);
    expect(head.reason).toMatch(/The source says the opposite/);
    expect(changes.cells).toEqual([{ meshSlug: 'istio', label: ISTIO_MTLS[1], featureSlug: 'mtls' }]);
    expect(proposalRow(db, published.id).patrolledById).toBe(cast.mo.id);
    expect(auditFor(db, 'proposal', published.id).at(-1)?.details).toMatchObject({
      reverted: true,
      revertRevisionId: head.id,
    });
    expect(auditFor(db, 'cell', `istio@${ISTIO_MTLS[1]}/mtls`).at(-1)).toMatchObject({ action: 'cell.revert' });
  });

  it('refuses a revert once the cell moved on, writing nothing', () => {
    const published = propose(db, { author: tina, at: ISTIO_LICENSE, text: 'MIT', note: 'moved on' });
    propose(db, { author: tina, at: ISTIO_LICENSE, text: 'BSD', note: 'newer' });
    const moved = rejection(db, () =>
      patrolProposal(cast.mo, { id: published.id, revert: true, reason: 'wrong licence' }, { db: db.db }),
    );
    expect(expectAppError(moved, ConflictError, 409).message).toMatch(/cell changed/);
  });
});
