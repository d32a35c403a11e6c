import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { changesets, feedbackRounds, proposals, type Proposal, type User } from '@/db/schema';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@/lib/rules/errors';
import { getCellHead } from '@/lib/server/cells/cells';
import {
  decideChangeset,
  proposeChangeset,
  reviseChangeset,
  withdrawChangeset,
} from '@/lib/server/changesets/changesets';
import { getChangeset, listChangesetQueue, listMyChangesets } from '@/lib/server/changesets/changeset-views';
import { approveChangesetInput, rejectChangesetInput } from '@/lib/server/changesets/api-inputs';
import { requestChanges, reviseProposal } from '@/lib/server/proposals/feedback';
import { approveProposal } from '@/lib/server/proposals/review';
import { listReviewQueue } from '@/lib/server/proposals/review';
import { setMeshStatus } from '@/lib/server/releases/releases';
import { setFeatureStatus } from '@/lib/server/structure/structure';
import { setUserTrust } from '@/lib/server/users/trust';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { propose, roomyLimits } from '../support/proposing';
import { auditFor, featureId, headOf, versionOf } from '../support/lookups';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const SOURCE = { url: 'https://istio.io/latest/news/releases/1.20.x/announcing-1.20/', title: 'Istio 1.20' };
const SUPPORT_ROWS = ['open-source', 'production-ready', 'sidecar-proxy', 'sidecarless-mode'];
const NEWEST = '1.20';

let db: TempDatabase;
let cast: Cast;
let opened = false;

function fresh(): void {
  if (opened) db.cleanup();
  db = createTempDatabase();
  opened = true;
  cast = createCast(db);
}

afterAll(() => db.cleanup());

/** A support row's change on Istio 1.20, flipping its value, based on its head. */
function change(feature: string, overrides: Record<string, unknown> = {}) {
  const head = headOf(db, 'istio', NEWEST, feature);
  return {
    mesh: 'istio',
    version: NEWEST,
    feature,
    support: head.support === 'yes' ? 'partial' : 'yes',
    note: `Checked against ${NEWEST}`,
    baseRevisionId: head.id,
    ...overrides,
  };
}

function changesetInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Istio 1.20 release notes',
    sources: [SOURCE],
    rationale: 'The release notes list these.',
    changes: SUPPORT_ROWS.map((row) => change(row)),
    ...overrides,
  };
}

const options = (extra: Record<string, unknown> = {}) => ({ db: db.db, limits: roomyLimits, ...extra });
const submit = (author: User, input: Record<string, unknown> = changesetInput()) =>
  proposeChangeset(author, input, options());
const cellsOf = (id: number): Proposal[] =>
  db.db.select().from(proposals).where(eq(proposals.changesetId, id)).orderBy(proposals.id).all();
const changesetRow = (id: number) => db.db.select().from(changesets).where(eq(changesets.id, id)).get()!;

function fieldOf(error: unknown): string[] {
  return Object.keys((error as BadRequestError).fieldErrors ?? {});
}

describe('proposing a changeset', () => {
  beforeEach(fresh);

  it('groups one proposal per changed cell under one title, shared sources and rationale', () => {
    const result = submit(cast.alice);
    expect(result.proposals).toHaveLength(SUPPORT_ROWS.length);
    const cells = cellsOf(result.id);
    expect(cells.map((p) => p.status)).toEqual(SUPPORT_ROWS.map(() => 'pending'));
    expect(cells.every((p) => p.sources.some((s) => s.url === SOURCE.url))).toBe(true);
    expect(cells.every((p) => p.rationale === 'The release notes list these.' && p.authorId === cast.alice.id)).toBe(
      true,
    );
    const view = getChangeset(result.id, db.db)!;
    expect(view.title).toBe('Istio 1.20 release notes');
    expect(view.counts.pending).toBe(SUPPORT_ROWS.length);
    expect(auditFor(db, 'changeset', result.id).map((e) => e.action)).toEqual(['changeset.create']);
    expect(listMyChangesets(cast.alice, db.db).map((c) => c.id)).toEqual([result.id]);
  });

  it('adds each cell’s own sources to the shared ones, and accepts a cell sourced only by itself', () => {
    const own = { url: 'https://istio.io/latest/docs/ops/ambient/', title: 'Ambient' };
    const result = submit(
      cast.alice,
      changesetInput({ sources: [], changes: [change('sidecarless-mode', { sources: [own] })] }),
    );
    expect(cellsOf(result.id)[0]!.sources).toEqual([own]);
  });

  it('is one item of the review queue, its cells not listed one by one', () => {
    const result = submit(cast.alice);
    const single = propose(db, { author: cast.bob });
    const queue = listReviewQueue(cast.mo, {}, db.db);
    expect(queue.map((p) => p.id)).toEqual([single.id]);
    expect(listChangesetQueue(cast.mo, {}, db.db).map((c) => [c.id, c.open])).toEqual([
      [result.id, SUPPORT_ROWS.length],
    ]);
  });

  describe('refuses bad input by field, writing nothing', () => {
    const cases: [string, () => Record<string, unknown>, string][] = [
      ['an empty changeset', () => changesetInput({ changes: [] }), 'changes'],
      [
        'the same cell twice',
        () => changesetInput({ changes: [change('open-source'), change('open-source')] }),
        'changes.1',
      ],
      [
        'more than 100 cells',
        () => changesetInput({ changes: Array.from({ length: 101 }, () => change('open-source')) }),
        'changes',
      ],
      [
        'a base revision from another cell',
        () =>
          changesetInput({
            changes: [change('open-source', { baseRevisionId: headOf(db, 'istio', NEWEST, 'sidecar-proxy').id })],
          }),
        'changes.0.baseRevisionId',
      ],
      [
        'a value that changes nothing',
        () =>
          changesetInput({
            sources: headOf(db, 'istio', NEWEST, 'open-source').sources,
            changes: [
              change('open-source', {
                support: headOf(db, 'istio', NEWEST, 'open-source').support,
                note: headOf(db, 'istio', NEWEST, 'open-source').note,
              }),
            ],
          }),
        'changes.0',
      ],
      [
        'a text value on a support row',
        () => changesetInput({ changes: [change('open-source', { text: 'x' })] }),
        'changes.0.text',
      ],
      [
        'an unknown release',
        () => changesetInput({ changes: [change('open-source', { version: '9.9' })] }),
        'changes.0.version',
      ],
      ['no source at all', () => changesetInput({ sources: [] }), 'changes.0.sources'],
      ['a title missing', () => changesetInput({ title: ' ' }), 'title'],
      ['an unknown field', () => ({ ...changesetInput(), extra: 1 }), 'extra'],
      [
        'a release label that already exists',
        () => changesetInput({ release: { mesh: 'istio', label: '1.18' }, changes: [] }),
        'release.label',
      ],
      [
        'a release date without its source',
        () => changesetInput({ release: { mesh: 'istio', label: '1.21', releasedOn: '2024-02-14' }, changes: [] }),
        'release.releasedOnSource',
      ],
    ];
    for (const [name, input, field] of cases)
      it(name, () => {
        const error = rejection(db, () => submit(cast.alice, input()));
        expectAppError(error, BadRequestError, 400);
        expect(fieldOf(error)).toContain(field);
      });

    it('a cell of an archived mesh', () => {
      setMeshStatus(
        cast.mo,
        { mesh: 'istio', status: 'archived', reason: 'Archived for the test', sourceUrl: SOURCE.url },
        { db: db.db },
      );
      const error = rejection(db, () => submit(cast.alice));
      expect(fieldOf(error)).toContain('changes.0.mesh');
    });

    it('a cell of a retired row', () => {
      setFeatureStatus(cast.ada, { feature: 'sidecar-proxy', status: 'retired' }, { db: db.db });
      const error = rejection(db, () => submit(cast.alice));
      expect(fieldOf(error)).toContain(`changes.${SUPPORT_ROWS.indexOf('sidecar-proxy')}.feature`);
    });
  });

  it('counts as one submission toward the hourly limit and its cells toward the pending limit', () => {
    const limits = { maxPending: 10, maxPerHour: 2 };
    proposeChangeset(cast.alice, changesetInput(), { db: db.db, limits });
    proposeChangeset(cast.alice, changesetInput({ changes: [change('open-source')] }), { db: db.db, limits });
    expectAppError(
      rejection(db, () =>
        proposeChangeset(cast.alice, changesetInput({ changes: [change('open-source')] }), { db: db.db, limits }),
      ),
      TooManyRequestsError,
      429,
    );
    const pendingLimit = { maxPending: SUPPORT_ROWS.length + 1, maxPerHour: 100 };
    expectAppError(
      rejection(db, () =>
        proposeChangeset(cast.bob, changesetInput(), { db: db.db, limits: { ...pendingLimit, maxPending: 3 } }),
      ),
      TooManyRequestsError,
      429,
    );
  });
});

describe('a trusted contributor’s changeset', () => {
  beforeEach(fresh);

  it('publishes its cells at once, marked for patrol, unless it declares an affiliation', () => {
    setUserTrust(
      cast.mo,
      { userId: cast.alice.id, trusted: true, reason: 'Long record of sourced changes' },
      { db: db.db },
    );
    const affiliated = submit(cast.alice, changesetInput({ affiliated: true, changes: [change('open-source')] }));
    expect(affiliated.published).toEqual([]);
    const bob = submit(cast.bob, changesetInput({ changes: [change('sidecar-proxy')] }));
    expect(bob.published).toEqual([]);
    // Declared once for Istio, so later changesets about Istio wait for review too.
    const later = submit(cast.alice, changesetInput({ changes: [change('production-ready')] }));
    expect(later.published).toEqual([]);
  });

  it('publishes a trusted contributor’s cells that do not conflict and decides the changeset', () => {
    setUserTrust(
      cast.mo,
      { userId: cast.alice.id, trusted: true, reason: 'Long record of sourced changes' },
      { db: db.db },
    );
    const result = submit(cast.alice);
    expect(result.published).toEqual(result.proposals);
    expect(cellsOf(result.id).every((p) => p.status === 'approved' && p.publishedWithoutReview)).toBe(true);
    expect(changesetRow(result.id).status).toBe('decided');
    expect(headOf(db, 'istio', NEWEST, 'open-source').proposalId).toBe(result.proposals[0]);
  });
});

describe('deciding a changeset', () => {
  beforeEach(fresh);

  it('approves all but one and rejects that one with a reason, in one decision', () => {
    const { id, proposals: ids } = submit(cast.alice);
    const result = decideChangeset(
      cast.mo,
      { id, approve: ids.slice(0, -1), reject: ids.slice(-1), reason: 'The notes do not say this' },
      { db: db.db },
    );
    expect(result.approved).toEqual(ids.slice(0, -1));
    expect(result.rejected).toEqual(ids.slice(-1));
    const cells = cellsOf(id);
    expect(cells.map((p) => p.status)).toEqual([...ids.slice(0, -1).map(() => 'approved'), 'rejected']);
    for (const p of cells.filter((c) => c.status === 'approved')) {
      const head = getCellHead(db.db, p.meshVersionId, p.featureId)!;
      expect(head.id).toBe(p.resultRevisionId);
      expect(head.approverId).toBe(cast.mo.id);
      expect(head.proposalId).toBe(p.id);
    }
    expect(changesetRow(id).status).toBe('decided');
  });

  it('leaves cells it names in neither list pending, and the changeset in the queue', () => {
    const { id, proposals: ids } = submit(cast.alice);
    decideChangeset(cast.mo, { id, approve: ids.slice(0, 2) }, { db: db.db });
    expect(changesetRow(id).status).toBe('pending');
    expect(getChangeset(id, db.db)!.counts).toMatchObject({ approved: 2, pending: ids.length - 2 });
  });

  it('reports a cell that changed since as a conflict, and approves it only when named in overConflict', () => {
    const { id, proposals: ids } = submit(cast.alice);
    const other = propose(db, { author: cast.bob, at: ['istio', NEWEST, 'open-source'], support: 'no' });
    approveProposal(cast.mia, { id: other.id }, { db: db.db });
    const first = decideChangeset(cast.mo, approveChangesetInput({}, String(id)), { db: db.db });
    const conflicted = ids[SUPPORT_ROWS.indexOf('open-source')]!;
    expect(first.conflicts).toEqual([
      { proposalId: conflicted, currentRevisionId: headOf(db, 'istio', NEWEST, 'open-source').id },
    ]);
    expect(first.approved).toHaveLength(ids.length - 1);
    expect(db.db.select().from(proposals).where(eq(proposals.id, conflicted)).get()!.status).toBe('pending');
    const second = decideChangeset(cast.mo, approveChangesetInput({ overConflict: [conflicted] }, String(id)), {
      db: db.db,
    });
    expect(second.approved).toEqual([conflicted]);
    expect(changesetRow(id).status).toBe('decided');
  });

  it('is all chosen cells or none: a cell that cannot be approved rolls back the whole decision', () => {
    const { id, proposals: ids } = submit(cast.alice);
    setFeatureStatus(cast.ada, { feature: 'sidecar-proxy', status: 'retired' }, { db: db.db });
    const error = rejection(db, () => decideChangeset(cast.mo, { id, approve: ids }, { db: db.db }));
    expectAppError(error, ConflictError, 409);
    expect(cellsOf(id).every((p) => p.status === 'pending')).toBe(true);
  });

  it('refuses the author for any cell, even a moderator', () => {
    const { id, proposals: ids } = submit(cast.mo);
    for (const input of [
      { id, approve: ids.slice(0, 1) },
      { id, reject: ids.slice(0, 1), reason: 'no' + 'pe' },
    ])
      expectAppError(
        rejection(db, () => decideChangeset(cast.mo, input, { db: db.db })),
        ForbiddenError,
        403,
      );
    expectAppError(
      rejection(db, () => approveProposal(cast.mia, { id: ids[0] }, { db: db.db })),
      ConflictError,
      409,
    );
  });

  it('refuses ids that are not pending cells of this changeset, and a reject without a reason', () => {
    const { id } = submit(cast.alice);
    const single = propose(db, { author: cast.bob });
    const error = rejection(db, () => decideChangeset(cast.mo, { id, approve: [single.id] }, { db: db.db }));
    expect(fieldOf(error)).toEqual(['approve.0']);
    const noReason = rejection(db, () =>
      decideChangeset(cast.mo, rejectChangesetInput({ reason: '' }, String(id)), { db: db.db }),
    );
    expect(fieldOf(noReason)).toContain('reason');
  });

  it('rejects every cell through the API’s reject, with the reason', () => {
    const { id, proposals: ids } = submit(cast.alice);
    const result = decideChangeset(cast.mo, rejectChangesetInput({ reason: 'Not in the notes' }, String(id)), {
      db: db.db,
    });
    expect(result.rejected.sort()).toEqual([...ids].sort());
    expect(cellsOf(id).every((p) => p.reviewComment === 'Not in the notes')).toBe(true);
    expect(changesetRow(id).status).toBe('decided');
  });
});

describe('a changeset that proposes a new release', () => {
  beforeEach(fresh);

  const newRelease = () =>
    changesetInput({
      title: 'Istio 1.21',
      release: {
        mesh: 'istio',
        label: '1.21',
        releasedOn: '2024-02-14',
        releasedOnSource: 'https://istio.io/latest/news/releases/1.21.x/announcing-1.21/',
        notesUrl: 'https://istio.io/latest/news/releases/1.21.x/announcing-1.21/',
      },
      changes: [change('sidecarless-mode', { version: '1.21' }), change('open-source')],
    });

  it('creates the release with carried-over values on approval and applies its cells on top', () => {
    const { id, proposals: ids } = submit(cast.alice, newRelease());
    expect(() => versionOf(db, 'istio', '1.21')).toThrow();
    const before = headOf(db, 'istio', NEWEST, 'sidecarless-mode');
    const result = decideChangeset(cast.mo, approveChangesetInput({}, String(id)), { db: db.db });
    expect(result.release).toEqual({ key: 'istio@1.21', decision: 'created' });
    expect(result.approved.sort()).toEqual([...ids].sort());
    const release = versionOf(db, 'istio', '1.21');
    expect(release.releasedOn).toBe('2024-02-14');
    const head = headOf(db, 'istio', '1.21', 'sidecarless-mode');
    expect(head.kind).toBe('proposal');
    expect(head.support).toBe(before.support === 'yes' ? 'partial' : 'yes');
    // The release it carried over from keeps its value; the other cell changed the release it named.
    expect(headOf(db, 'istio', NEWEST, 'sidecarless-mode').id).toBe(before.id);
    expect(headOf(db, 'istio', NEWEST, 'open-source').kind).toBe('proposal');
    // A row the changeset did not touch was carried over.
    expect(headOf(db, 'istio', '1.21', 'sidecar-proxy').kind).toBe('carry_forward');
    expect(changesetRow(id)).toMatchObject({ status: 'decided', releaseDecision: 'created' });
  });

  it('needs the release created before its cells are approved', () => {
    const { id, proposals: ids } = submit(cast.alice, newRelease());
    const error = rejection(db, () => decideChangeset(cast.mo, { id, approve: ids.slice(0, 1) }, { db: db.db }));
    expect(fieldOf(error)).toContain('approveRelease');
  });

  it('turned down, takes its cells with it and creates nothing', () => {
    const { id, proposals: ids } = submit(cast.alice, newRelease());
    decideChangeset(
      cast.mo,
      { id, rejectRelease: true, reason: 'Not released yet', approve: ids.slice(1) },
      { db: db.db },
    );
    expect(() => versionOf(db, 'istio', '1.21')).toThrow();
    expect(cellsOf(id).map((p) => p.status)).toEqual(['rejected', 'approved']);
    expect(changesetRow(id)).toMatchObject({ status: 'decided', releaseDecision: 'rejected' });
  });

  it('is refused when the release is already proposed in another open changeset', () => {
    submit(cast.alice, newRelease());
    const error = rejection(db, () => submit(cast.bob, newRelease()));
    expect(fieldOf(error)).toContain('release.label');
  });

  it('answers 409 when the label was added in the meantime, writing nothing', () => {
    const { id } = submit(cast.alice, newRelease());
    db.sqlite
      .prepare("INSERT INTO mesh_versions (mesh_id, label) SELECT id, '1.21' FROM meshes WHERE slug = 'istio'")
      .run();
    expectAppError(
      rejection(db, () => decideChangeset(cast.mo, approveChangesetInput({}, String(id)), { db: db.db })),
      ConflictError,
      409,
    );
  });
});

describe('asking for changes', () => {
  beforeEach(fresh);

  it('sends a changeset back to its author, who revises it; the earlier version stays on the feedback round', () => {
    const { id, proposals: ids } = submit(cast.alice);
    requestChanges(cast.mo, { changesetId: id, comment: 'Cite the 1.20 notes, not the blog' }, { db: db.db });
    expect(changesetRow(id).status).toBe('changes_requested');
    expect(cellsOf(id).every((p) => p.status === 'changes_requested')).toBe(true);
    expectAppError(
      rejection(db, () => decideChangeset(cast.mia, { id, approve: ids }, { db: db.db })),
      ConflictError,
      409,
    );
    const revised = changesetInput({
      title: 'Istio 1.20 release notes (revised)',
      changes: [change('open-source', { note: 'Per the 1.20 notes' }), change('sidecar-proxy')],
    });
    reviseChangeset(cast.alice, { id, ...revised }, { db: db.db });
    const row = changesetRow(id);
    expect(row).toMatchObject({ status: 'pending', title: 'Istio 1.20 release notes (revised)' });
    expect(row.resubmittedAt).not.toBeNull();
    const cells = cellsOf(id);
    expect(cells.filter((p) => p.status === 'pending').map((p) => p.featureId)).toEqual([
      featureId(db, 'open-source'),
      featureId(db, 'sidecar-proxy'),
    ]);
    expect(cells.filter((p) => p.status === 'withdrawn')).toHaveLength(SUPPORT_ROWS.length - 2);
    const rounds = db.db.select().from(feedbackRounds).where(eq(feedbackRounds.changesetId, id)).all();
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.previous).toMatchObject({ title: 'Istio 1.20 release notes' });
    expect((rounds[0]!.previous as { changes: unknown[] }).changes).toHaveLength(SUPPORT_ROWS.length);
    expect(listChangesetQueue(cast.mo, {}, db.db)[0]!.resubmittedAt).not.toBeNull();
  });

  it('sends a single proposal back; the author revises it and it is pending again, marked', () => {
    const single = propose(db, { author: cast.alice });
    requestChanges(cast.mo, { proposalId: single.id, comment: 'Which page says so?' }, { db: db.db });
    const head = headOf(db, 'istio', '1.16.1', 'mtls');
    reviseProposal(
      cast.alice,
      {
        id: single.id,
        support: 'yes',
        note: 'STRICT by default since 1.5',
        sources: [{ url: 'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/' }],
        rationale: 'The migration page says so.',
        baseRevisionId: head.id,
      },
      { db: db.db },
    );
    const row = db.db.select().from(proposals).where(eq(proposals.id, single.id)).get()!;
    expect(row).toMatchObject({ status: 'pending', support: 'yes' });
    expect(row.resubmittedAt).not.toBeNull();
    const round = db.db.select().from(feedbackRounds).where(eq(feedbackRounds.proposalId, single.id)).get()!;
    expect(round.previous).toMatchObject({ support: 'partial', note: 'Permissive mode by default' });
    expect(listReviewQueue(cast.mo, {}, db.db)[0]!.resubmittedAt).not.toBeNull();
  });

  it('refuses a revision of a proposal nobody asked changes for, and a request on a changeset’s cell', () => {
    const single = propose(db, { author: cast.alice });
    expectAppError(
      rejection(db, () =>
        reviseProposal(
          cast.alice,
          {
            id: single.id,
            support: 'yes',
            sources: [SOURCE],
            rationale: 'x',
            baseRevisionId: headOf(db, 'istio', '1.16.1', 'mtls').id,
          },
          { db: db.db },
        ),
      ),
      ConflictError,
      409,
    );
    const { proposals: ids } = submit(cast.alice);
    const error = rejection(db, () =>
      requestChanges(cast.mo, { proposalId: ids[0], comment: 'Split it' }, { db: db.db }),
    );
    expect(fieldOf(error)).toEqual(['proposalId']);
  });

  it('still lets the author withdraw at any point', () => {
    const { id } = submit(cast.alice);
    requestChanges(cast.mo, { changesetId: id, comment: 'Add sources' }, { db: db.db });
    withdrawChangeset(cast.alice, { id }, { db: db.db });
    expect(changesetRow(id).status).toBe('withdrawn');
    expect(cellsOf(id).every((p) => p.status === 'withdrawn')).toBe(true);
  });
});

describe('who may run the changeset commands', () => {
  beforeEach(fresh);

  type Who = 'anonymous' | 'banned' | 'contributor' | 'other' | 'trusted' | 'moderator' | 'admin';
  /** `trusted`: another contributor, trusted (publishing at once changes nothing about who may act on whose). */
  const people = (): Record<Who, User | null> => ({
    anonymous: null,
    banned: { ...cast.bob, banned: true },
    contributor: cast.alice,
    other: cast.bob,
    trusted: { ...cast.bob, trusted: true },
    moderator: cast.mo,
    admin: cast.ada,
  });
  const expected: Record<string, Record<Who, number>> = {
    propose: { anonymous: 401, banned: 403, contributor: 201, other: 201, trusted: 201, moderator: 201, admin: 201 },
    decide: { anonymous: 401, banned: 403, contributor: 403, other: 403, trusted: 403, moderator: 200, admin: 200 },
    requestChanges: {
      anonymous: 401,
      banned: 403,
      contributor: 403,
      other: 403,
      trusted: 403,
      moderator: 200,
      admin: 200,
    },
    withdraw: { anonymous: 401, banned: 403, contributor: 200, other: 403, trusted: 403, moderator: 403, admin: 403 },
    revise: { anonymous: 401, banned: 403, contributor: 200, other: 403, trusted: 403, moderator: 403, admin: 403 },
  };
  const statusOf = (run: () => unknown, ok: number): number => {
    try {
      run();
      return ok;
    } catch (error) {
      return (error as { status?: number }).status ?? 500;
    }
  };

  for (const [command, byWho] of Object.entries(expected))
    for (const [who, status] of Object.entries(byWho) as [Who, number][])
      it(`${command} as ${who}: ${status}`, () => {
        const actor = people()[who];
        if (who === 'trusted')
          setUserTrust(cast.mo, { userId: cast.bob.id, trusted: true, reason: 'Authorization matrix' }, { db: db.db });
        const { id, proposals: ids } = submit(cast.alice);
        if (command === 'revise')
          requestChanges(cast.mia, { changesetId: id, comment: 'Please add a source' }, { db: db.db });
        const run = {
          propose: () => submit(actor as User, changesetInput({ changes: [change('open-source')] })),
          decide: () => decideChangeset(actor, { id, approve: ids.slice(0, 1) }, { db: db.db }),
          requestChanges: () =>
            requestChanges(actor, { changesetId: id, comment: 'More sources please' }, { db: db.db }),
          withdraw: () => withdrawChangeset(actor, { id }, { db: db.db }),
          revise: () =>
            reviseChangeset(actor, { id, ...changesetInput({ changes: [change('open-source')] }) }, { db: db.db }),
        }[command]!;
        expect(statusOf(run, status === 201 ? 201 : 200)).toBe(status);
      });

  it('a missing changeset is a 404 for everyone who may act on one', () => {
    expectAppError(
      rejection(db, () => decideChangeset(cast.mo, { id: 999, approve: [] }, { db: db.db })),
      NotFoundError,
      404,
    );
    expectAppError(
      rejection(db, () => withdrawChangeset(cast.alice, { id: 999 }, { db: db.db })),
      NotFoundError,
      404,
    );
    expectAppError(
      rejection(db, () => decideChangeset(null, { id: 1 }, { db: db.db })),
      UnauthorizedError,
      401,
    );
  });
});

describe('read models', () => {
  beforeEach(fresh);

  it('shows each cell against the current value, with its conflict', () => {
    const { id } = submit(cast.alice);
    const other = propose(db, { author: cast.bob, at: ['istio', NEWEST, 'open-source'], support: 'no' });
    approveProposal(cast.mia, { id: other.id }, { db: db.db });
    const view = getChangeset(id, db.db)!;
    const open = view.cells.find((c) => c.cell.featureSlug === 'open-source')!;
    expect(open.conflict).toBe(true);
    expect(open.current?.support).toBe('no');
    expect(view.cells.filter((c) => c.conflict)).toHaveLength(1);
  });
});
