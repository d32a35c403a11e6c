import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, comments, feedbackRounds, users, watches } from '@/db/schema';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '@/lib/rules/errors';
import { renderWatchlistFeed } from '@/lib/server/changes/atom';
import { findFeedSubject, listChanges } from '@/lib/server/changes/changes';
import { approveProposal, rejectProposal } from '@/lib/server/proposals/review';
import { addRelease } from '@/lib/server/releases/releases';
import {
  findUserByFeedToken,
  listWatches,
  markWatchlistSeen,
  rotateFeedToken,
  unwatchTarget,
  watchTarget,
} from '@/lib/server/watches/watches';
import { readWatchlist } from '@/lib/server/watches/watchlist';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { cell, featureId, ISTIO_CB, ISTIO_MTLS, LINKERD_MTLS, nextMillisecond, versionOf } from '../support/lookups';
import { propose } from '../support/proposing';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';
import { xmlWellFormedProblem } from '../support/xml-well-formed';

let db: TempDatabase;
let cast: Cast;

beforeAll(() => {
  db = createTempDatabase();
  cast = createCast(db);
});
afterAll(() => db.cleanup());

const opts = () => ({ db: db.db });
const userRow = (id: number) => db.db.select().from(users).where(eq(users.id, id)).get()!;
const fresh = (id: number) => userRow(id);

describe('following: who may', () => {
  it('refuses anonymous (401) and banned (403) and writes nothing', () => {
    expectAppError(
      rejection(db, () => watchTarget(null, { mesh: 'istio' }, opts())),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => watchTarget(cast.bert, { mesh: 'istio' }, opts())),
      ForbiddenError,
      403,
    );
  });

  it('lets a contributor, a moderator and an admin follow a mesh, a row and a cell', () => {
    const mesh = watchTarget(cast.alice, { mesh: 'istio' }, opts());
    expect(mesh).toMatchObject({ created: true, kind: 'mesh', key: expect.stringMatching(/^mesh:\d+$/) });
    const row = watchTarget(cast.mo, { feature: 'mtls' }, opts());
    expect(row.key).toBe(`row:${featureId(db, 'mtls')}`);
    const target = cell(db, ISTIO_CB);
    const one = watchTarget(cast.ada, { mesh: ISTIO_CB[0], version: ISTIO_CB[1], feature: ISTIO_CB[2] }, opts());
    expect(one.key).toBe(`cell:${target.meshVersionId}:${target.featureId}`);
    const stored = db.db.select().from(watches).where(eq(watches.id, one.id)).get()!;
    expect(stored).toMatchObject({ meshId: null, meshVersionId: target.meshVersionId, featureId: target.featureId });
    const audit = db.db.select().from(auditEvents).where(eq(auditEvents.action, 'watch.add')).all();
    expect(audit.map((a) => a.objectId)).toEqual([mesh.id, row.id, one.id].map(String));
  });

  it('answers the existing watch when following twice, writing nothing', () => {
    const first = listWatches(cast.alice.id, db.db).find((w) => w.kind === 'mesh')!;
    const before = db.db.select().from(watches).all().length;
    const audits = db.db.select().from(auditEvents).all().length;
    const again = watchTarget(cast.alice, { mesh: 'istio' }, opts());
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(db.db.select().from(watches).all().length).toBe(before);
    expect(db.db.select().from(auditEvents).all().length).toBe(audits);
  });

  it.each([
    [{ mesh: 'nosuchmesh' }, 'mesh'],
    [{ mesh: 'istio', version: '9.99', feature: 'mtls' }, 'version'],
    [{ feature: 'nosuchrow' }, 'feature'],
    [{ mesh: 'istio', version: '1.20', feature: 'nosuchrow' }, 'feature'],
    [{ version: '1.20', feature: 'mtls' }, 'mesh'],
    [{ mesh: 'istio', version: '1.20' }, 'feature'],
    [{ mesh: 'istio', feature: 'mtls' }, 'version'],
    [{}, 'mesh'],
    [{ mesh: '<script>' }, 'mesh'],
    [{ mesh: 'istio', userId: 1 }, 'userId'],
  ])('refuses %j naming %s, writing nothing', (input, field) => {
    const error = expectAppError(
      rejection(db, () => watchTarget(cast.bob, input, opts())),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toContain(field);
  });
});

describe('unfollowing', () => {
  it('is the follower’s alone: anyone else gets a 404, whatever their role', () => {
    const watch = watchTarget(cast.alice, { feature: 'circuit-breaking' }, opts());
    expectAppError(
      rejection(db, () => unwatchTarget(null, { id: watch.id }, opts())),
      UnauthorizedError,
      401,
    );
    for (const other of [cast.bob, cast.mo, cast.ada, cast.bert])
      expectAppError(
        rejection(db, () => unwatchTarget(other, { id: watch.id }, opts())),
        NotFoundError,
        404,
      );
    expectAppError(
      rejection(db, () => unwatchTarget(cast.alice, { id: 999999 }, opts())),
      NotFoundError,
      404,
    );
    expect(unwatchTarget(cast.alice, { id: String(watch.id) }, opts())).toEqual({ id: watch.id, key: watch.key });
    expect(listWatches(cast.alice.id, db.db).some((w) => w.id === watch.id)).toBe(false);
  });

  it('is open to a banned user for what they followed before the ban', () => {
    const id = db.db.insert(watches).values({ userId: cast.bert.id, key: 'mesh:1', meshId: 1 }).returning().get().id;
    expect(unwatchTarget(cast.bert, { id }, opts()).id).toBe(id);
  });

  it('is done by each role for its own watches', () => {
    for (const who of [cast.bob, cast.mo, cast.ada]) {
      const { id } = watchTarget(who, { feature: 'rate-limiting' }, opts());
      expect(unwatchTarget(who, { id }, opts()).id).toBe(id);
    }
  });
});

describe('the private feed secret', () => {
  it('refuses anonymous, lets a banned user revoke but not make one', () => {
    expectAppError(
      rejection(db, () => rotateFeedToken(null, { feed: 'replace' }, opts())),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => rotateFeedToken(cast.bert, { feed: 'replace' }, opts())),
      ForbiddenError,
      403,
    );
    expect(rotateFeedToken(cast.bert, { feed: 'revoke' }, opts()).token).toBeNull();
    expectAppError(
      rejection(db, () => rotateFeedToken(cast.alice, { feed: 'burn' }, opts())),
      BadRequestError,
      400,
    );
  });

  it('makes a 32-byte secret, replaces it (the old one stops working) and revokes it; the audit never holds it', () => {
    const first = rotateFeedToken(cast.alice, { feed: 'replace' }, opts()).token!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(findUserByFeedToken(first, db.db)?.id).toBe(cast.alice.id);
    const second = rotateFeedToken(cast.alice, { feed: 'replace' }, opts()).token!;
    expect(second).not.toBe(first);
    expect(findUserByFeedToken(first, db.db)).toBeUndefined();
    expect(findUserByFeedToken(second, db.db)?.id).toBe(cast.alice.id);
    expect(rotateFeedToken(cast.alice, { feed: 'revoke' }, opts()).token).toBeNull();
    expect(findUserByFeedToken(second, db.db)).toBeUndefined();
    expect(fresh(cast.alice.id).feedToken).toBeNull();
    const audit = db.db.select().from(auditEvents).where(eq(auditEvents.action, 'watch.feed-token')).all();
    expect(JSON.stringify(audit)).not.toContain(first);
    expect(JSON.stringify(audit)).not.toContain(second);
    for (const role of [cast.mo, cast.ada])
      expect(rotateFeedToken(role, { feed: 'replace' }, opts()).token).toBeTruthy();
  });

  it('finds nobody for a malformed or empty secret', () => {
    expect(findUserByFeedToken('', db.db)).toBeUndefined();
    expect(findUserByFeedToken("' OR 1=1 --", db.db)).toBeUndefined();
  });
});

describe('the watchlist', () => {
  let bobsApproved: number;
  let bobsRejected: number;

  beforeAll(() => {
    // carol follows Istio; dan follows the mTLS row; erin follows one Linkerd cell.
    for (const name of ['carol', 'dan', 'erin'])
      db.db
        .insert(users)
        .values({ name, email: `${name}@example.org` })
        .run();
  });

  const person = (name: string) => db.db.select().from(users).where(eq(users.name, name)).get()!;

  it('starts empty and marks nothing when reading it', () => {
    const carol = person('carol');
    watchTarget(carol, { mesh: 'istio' }, opts());
    watchTarget(person('dan'), { feature: 'mtls' }, opts());
    watchTarget(person('erin'), { mesh: LINKERD_MTLS[0], version: LINKERD_MTLS[1], feature: LINKERD_MTLS[2] }, opts());
    const reading = readWatchlist(person('carol'), new Date(), db.db);
    // The seed's history is older than the window.
    expect(reading.items).toEqual([]);
    expect(person('carol').watchlistSeenAt).toBeNull();
  });

  it('lists proposals, approved changes, releases and comments on what one follows, and decisions on one’s own', () => {
    bobsApproved = propose(db, {
      author: cast.bob,
      at: ISTIO_MTLS,
      support: 'yes',
      note: 'Strict <b>by</b> default',
    }).id;
    nextMillisecond();
    approveProposal(cast.mo, { id: bobsApproved, comment: 'Checked & fine' }, opts());
    nextMillisecond();
    bobsRejected = propose(db, { author: cast.bob, at: LINKERD_MTLS, support: 'no' }).id;
    nextMillisecond();
    rejectProposal(cast.mo, { id: bobsRejected, reason: 'No source supports this' }, opts());
    nextMillisecond();
    addRelease(cast.mo, { mesh: 'istio', label: '1.21.0' }, opts());
    const mtls = cell(db, ISTIO_MTLS);
    nextMillisecond();
    db.db
      .insert(comments)
      .values({
        target: 'cell',
        meshVersionId: mtls.meshVersionId,
        featureId: mtls.featureId,
        authorId: cast.bob.id,
        body: 'What does strict mean here?',
      })
      .run();
    db.db
      .insert(comments)
      .values({
        target: 'cell',
        meshVersionId: mtls.meshVersionId,
        featureId: mtls.featureId,
        authorId: cast.bob.id,
        body: 'hidden spam',
        hiddenAt: new Date().toISOString(),
        hiddenById: cast.mo.id,
        hiddenReason: 'spam',
      })
      .run();
    db.db
      .insert(comments)
      .values({ target: 'row', featureId: mtls.featureId, authorId: cast.alice.id, body: 'Row question' })
      .run();
    db.db
      .insert(comments)
      .values({ target: 'proposal', proposalId: bobsRejected, authorId: cast.mo.id, body: 'Try the 2.12 docs' })
      .run();
    nextMillisecond();
    const pending = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'no' }).id;
    db.db
      .insert(feedbackRounds)
      .values({
        proposalId: pending,
        moderatorId: cast.mo.id,
        comment: 'Add the release notes',
        requestedAt: new Date().toISOString(),
      })
      .run();

    const carol = readWatchlist(person('carol'), new Date(), db.db);
    const kinds = carol.items.map((i) => `${i.kind}:${i.id}`);
    expect(kinds).toEqual([
      `proposal:proposal-${pending}`,
      expect.stringMatching(/^comment:comment-\d+$/),
      expect.stringMatching(/^release:release-\d+$/),
      expect.stringMatching(/^change:change-\d+$/),
      `proposal:proposal-${bobsApproved}`,
    ]);
    expect(carol.unread).toBe(5);
    const change = carol.items.find((i) => i.kind === 'change')!;
    expect(change).toMatchObject({
      mesh: { slug: 'istio' },
      version: ISTIO_MTLS[1],
      feature: { slug: 'mtls' },
      url: `/meshes/istio/${ISTIO_MTLS[1]}/mtls`,
    });
    expect(change.summary).toContain('now yes (Strict <b>by</b> default)');
    expect(carol.items.find((i) => i.kind === 'comment')!.summary).toBe(
      `Bob commented on mTLS in Istio ${ISTIO_MTLS[1]}: What does strict mean here?`,
    );
    expect(carol.items.find((i) => i.kind === 'release')).toMatchObject({
      version: '1.21.0',
      url: '/meshes/istio/1.21.0',
    });

    // The row's follower sees the mTLS cells of every mesh (their threads and proposals' threads) and the row's own thread, not circuit breaking.
    const dan = readWatchlist(person('dan'), new Date(), db.db).items.map((i) => i.kind);
    expect(dan.sort()).toEqual(['change', 'comment', 'comment', 'comment', 'proposal', 'proposal']);

    // The one-cell follower sees that cell only (the rejected proposal and the comment on it).
    const erin = readWatchlist(person('erin'), new Date(), db.db).items;
    expect(erin.map((i) => i.kind)).toEqual(['comment', 'proposal']);
    expect(erin[0]!.summary).toContain('Try the 2.12 docs');

    // bob: decisions on his own proposals (with the reviewer's words), the comment on his proposal; never his own.
    const bob = readWatchlist(cast.bob, new Date(), db.db).items;
    expect(bob.map((i) => i.kind)).toEqual(['decision', 'comment', 'decision', 'decision']);
    expect(bob[0]!.summary).toContain('mo asked for changes: Add the release notes');
    expect(bob[2]!.summary).toMatch(/was rejected by mo: No source supports this$/);
    expect(bob[3]!.summary).toMatch(/was approved by mo: Checked & fine$/);
    expect(bob.every((i) => !i.summary.startsWith('Bob commented'))).toBe(true);
  });

  it('counts unread until the visit and only what comes after it', () => {
    const carol = person('carol');
    expect(readWatchlist(carol, new Date(), db.db).unread).toBe(5);
    expectAppError(
      rejection(db, () => markWatchlistSeen(null, {}, opts())),
      UnauthorizedError,
      401,
    );
    const seen = markWatchlistSeen(carol, {}, opts());
    expect(person('carol').watchlistSeenAt).toBe(seen.seenAt);
    const after = readWatchlist(person('carol'), new Date(), db.db);
    expect(after.unread).toBe(0);
    expect(after.items).toHaveLength(5);
    nextMillisecond();
    propose(db, { author: cast.bob, at: ['istio', '1.20', 'mtls'], support: 'yes' });
    expect(readWatchlist(person('carol'), new Date(), db.db).unread).toBe(1);
    // A banned user may still visit.
    expect(markWatchlistSeen(cast.bert, {}, opts()).userId).toBe(cast.bert.id);
  });

  it('renders as a well-formed private feed whatever the stored text', () => {
    const mtls = cell(db, ISTIO_MTLS);
    db.db
      .insert(comments)
      .values({
        target: 'cell',
        meshVersionId: mtls.meshVersionId,
        featureId: mtls.featureId,
        authorId: cast.bob.id,
        body: `]]> <script>alert(1)</script> & \u0001 \uD800 "quotes" 'apos' <![CDATA[x]]>`,
      })
      .run();
    const { items } = readWatchlist(person('carol'), new Date(), db.db);
    const xml = renderWatchlistFeed(items, {
      siteUrl: 'https://meshmatrix.example/',
      selfPath: '/watchlist/feed/x',
      title: 'carol & <co>',
    });
    expect(xmlWellFormedProblem(xml)).toBeNull();
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://meshmatrix.example/watchlist"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(items.length);
    expect(xml).not.toContain('<script>');
  });
});

describe('public per-cell and per-row feeds', () => {
  it('a cell’s feed has that cell’s changes only; a row’s has the row in every mesh and no releases', () => {
    const cellEntries = listChanges(
      { mesh: 'istio', label: ISTIO_MTLS[1], feature: 'mtls', pageSize: 50 },
      db.db,
    ).entries;
    expect(cellEntries.length).toBeGreaterThan(0);
    for (const entry of cellEntries) {
      expect(entry.type).toBe('revision');
      if (entry.type === 'revision') expect([entry.mesh.slug, entry.label, entry.feature.slug]).toEqual(ISTIO_MTLS);
    }
    const rowEntries = listChanges({ feature: 'mtls', pageSize: 500 }, db.db).entries;
    expect(rowEntries.every((e) => e.type === 'revision' && e.feature.slug === 'mtls')).toBe(true);
    expect(new Set(rowEntries.map((e) => e.mesh.slug)).size).toBeGreaterThan(1);
  });

  it('names what it follows in its title and self link, and 404s what does not exist', () => {
    expect(findFeedSubject({ mesh: 'istio', version: ISTIO_MTLS[1], feature: 'mtls' }, db.db)).toMatchObject({
      name: `mTLS in Istio ${ISTIO_MTLS[1]}`,
      selfPath: `/changes/feed.xml?mesh=istio&version=${ISTIO_MTLS[1]}&feature=mtls`,
    });
    expect(findFeedSubject({ feature: 'mtls' }, db.db).name).toBe('mTLS (every mesh)');
    expect(findFeedSubject({}, db.db).selfPath).toBe('/changes/feed.xml');
    for (const query of [
      { mesh: 'nosuchmesh' },
      { mesh: 'istio', version: '9.9', feature: 'mtls' },
      { feature: 'nosuchrow' },
    ])
      expect(() => findFeedSubject(query, db.db)).toThrow(NotFoundError);
    expect(versionOf(db, 'istio', ISTIO_MTLS[1]).id).toBeGreaterThan(0);
  });
});
