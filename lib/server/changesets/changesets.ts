import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '@/db/client';
import {
  categories,
  changesets,
  features,
  feedbackRounds,
  meshes,
  meshVersions,
  proposals,
  type Changeset,
  type Feature,
  type Mesh,
  type MeshVersion,
  type Proposal,
  type Source,
} from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { defineCommand, type CommandContext } from '../command';
import {
  assertChangesSomething,
  assertWithinSubmissionLimits,
  cellClosedReason,
  checkCellChange,
  proposalLimitsFromEnv,
  type CheckedCellChange,
  type ProposalLimits,
} from '../proposals/cell-change';
import { cellOfProposal } from '../proposals/proposals';
import { publishProposal } from '../proposals/review';
import { createRelease } from '../releases/releases';
import { publishIfTrusted } from '../users/trust';
import { cellKey, releaseKey, type CellRef } from '../../rules/cell-keys';
import { BadRequestError, ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow, type Actor } from '../../rules/permissions';
import { compareReleases, releaseOfVersion, sortReleases } from '../../rules/versions';
import { decideChangesetSchema, proposeChangesetSchema, reviseChangesetSchema } from './schemas';
import { recordIdSchema } from '../../rules/validation';
import { z as zod } from 'zod';

type ProposeChangesetInput = z.output<typeof proposeChangesetSchema>;
type ChangeInput = ProposeChangesetInput['changes'][number];

const reviewPages = ['/review', '/proposals'];

/** A cell's own sources first, then the changeset's shared ones, each link once. */
export function sourcesOfChange(shared: { url: string; title?: string | null }[], own: typeof shared): Source[] {
  const seen = new Set<string>();
  const result: Source[] = [];
  for (const source of [...own, ...shared]) {
    if (seen.has(source.url)) continue;
    seen.add(source.url);
    result.push({ url: source.url, title: source.title ?? null });
  }
  return result;
}

/** The release a new one carries its values over from: the nearest earlier one by label. */
function releaseBefore(
  tx: Queryable,
  mesh: Mesh,
  proposed: { label: string; releasedOn: string | null; createdAt: string },
): MeshVersion | undefined {
  const existing = tx.select().from(meshVersions).where(eq(meshVersions.meshId, mesh.id)).all();
  const release = releaseOfVersion(proposed);
  return sortReleases(
    existing.filter((v) => compareReleases(releaseOfVersion(v), release) < 0),
    releaseOfVersion,
  ).at(-1);
}

interface NewRelease {
  mesh: Mesh;
  label: string;
  /** The release whose values it starts from; its cells hold the changes until the release exists. */
  from: MeshVersion | undefined;
}

function checkNewRelease(
  tx: Queryable,
  release: NonNullable<ProposeChangesetInput['release']>,
  at: string,
): NewRelease {
  const mesh = tx.select().from(meshes).where(eq(meshes.slug, release.mesh)).get();
  if (!mesh) throw fieldError('release.mesh', `"${release.mesh}" is not a mesh we list`);
  if (mesh.status === 'archived')
    throw fieldError('release.mesh', `${mesh.name} is archived and no longer takes releases`);
  const taken = tx
    .select({ label: meshVersions.label })
    .from(meshVersions)
    .where(eq(meshVersions.meshId, mesh.id))
    .all()
    .some((v) => v.label.toLowerCase() === release.label.toLowerCase());
  if (taken) throw fieldError('release.label', `${release.label} already exists for ${mesh.name}`);
  const pending = tx
    .select({ id: changesets.id })
    .from(changesets)
    .where(
      and(
        eq(changesets.releaseMeshId, mesh.id),
        eq(changesets.releaseLabel, release.label),
        inArray(changesets.status, ['pending', 'changes_requested']),
      ),
    )
    .get();
  if (pending)
    throw fieldError(
      'release.label',
      `${release.label} of ${mesh.name} is already proposed in changeset ${pending.id}`,
    );
  return {
    mesh,
    label: release.label,
    from: releaseBefore(tx, mesh, { label: release.label, releasedOn: release.releasedOn ?? null, createdAt: at }),
  };
}

interface CheckedChange {
  change: ChangeInput;
  checked: CheckedCellChange;
  sources: Source[];
  forNewRelease: boolean;
}

/**
 * Each change against the rules of a single proposal, its errors named by
 * index (`changes.3.support`); a cell given twice is refused. Changes to the
 * proposed release are checked against the release it carries over from.
 */
function checkChanges(
  tx: Queryable,
  shared: Source[],
  changes: ChangeInput[],
  newRelease: NewRelease | null,
): CheckedChange[] {
  const seen = new Map<string, number>();
  return changes.map((change, index) => {
    const field = `changes.${index}.`;
    const key = cellKey(change.mesh, change.version.toLowerCase(), change.feature);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw fieldError(`changes.${index}`, `is the same cell as changes.${earlier}: give each cell once`);
    seen.set(key, index);
    const forNewRelease =
      !!newRelease &&
      change.mesh === newRelease.mesh.slug &&
      change.version.toLowerCase() === newRelease.label.toLowerCase();
    if (forNewRelease && !newRelease.from)
      throw fieldError(
        `${field}version`,
        `${newRelease.label} would be the first release of ${newRelease.mesh.name}: propose the release alone first, then its cells`,
      );
    const checked = checkCellChange(
      tx,
      change,
      field,
      forNewRelease ? { mesh: newRelease!.mesh, version: newRelease!.from! } : undefined,
    );
    const sources = sourcesOfChange(shared, change.sources);
    assertChangesSomething(checked, sources, `changes.${index}`);
    return { change, checked, sources, forNewRelease };
  });
}

function insertChangeProposal(
  tx: Queryable,
  item: CheckedChange,
  changeset: Pick<Changeset, 'id' | 'rationale' | 'affiliated' | 'authorId'>,
  at: string,
): Proposal {
  return tx
    .insert(proposals)
    .values({
      meshVersionId: item.checked.version.id,
      featureId: item.checked.feature.id,
      baseRevisionId: item.change.baseRevisionId ?? null,
      support: item.checked.support,
      text: item.checked.text,
      note: item.checked.note,
      sources: item.sources,
      rationale: changeset.rationale,
      affiliated: changeset.affiliated,
      authorId: changeset.authorId,
      changesetId: changeset.id,
      forNewRelease: item.forNewRelease,
      createdAt: at,
    })
    .returning()
    .get();
}

const cellOf = (item: CheckedChange): CellRef => ({
  meshSlug: item.checked.mesh.slug,
  label: item.checked.version.label,
  featureSlug: item.checked.feature.slug,
});

export interface ProposeChangesetResult {
  id: number;
  proposals: number[];
  /** Those a trusted contributor published at once. */
  published: number[];
  cells: CellRef[];
  release: string | null;
}

/**
 * One submission that changes many cells, each an ordinary proposal (its own
 * base revision, conflict check and history) grouped under one title, shared
 * sources, rationale and affiliation; optionally a new release of a mesh.
 * It counts as one submission toward the hourly limit and its cells toward
 * the pending limit. Nothing is written when any cell is refused.
 */
export const proposeChangeset = defineCommand({
  name: 'changeset.create',
  authorize: allow.proposer,
  limit: 'submission',
  schema: proposeChangesetSchema,
  run: ({
    actor,
    input,
    tx,
    now,
    at,
    options,
  }: CommandContext<Actor, ProposeChangesetInput, { limits?: ProposalLimits }>): ProposeChangesetResult => {
    const limits = options.limits ?? proposalLimitsFromEnv();
    const newRelease = input.release ? checkNewRelease(tx, input.release, at) : null;
    const shared = sourcesOfChange([], input.sources);
    const checked = checkChanges(tx, shared, input.changes, newRelease);
    assertWithinSubmissionLimits(tx, actor.id, now, limits, checked.length);
    const changeset = tx
      .insert(changesets)
      .values({
        title: input.title,
        sources: shared,
        rationale: input.rationale,
        affiliated: input.affiliated,
        authorId: actor.id,
        releaseMeshId: newRelease?.mesh.id ?? null,
        releaseLabel: newRelease?.label ?? null,
        releasedOn: input.release?.releasedOn ?? null,
        releasedOnSourceUrl: input.release?.releasedOnSource ?? null,
        releaseNotesUrl: input.release?.notesUrl ?? null,
        createdAt: at,
      })
      .returning()
      .get();
    const inserted = checked.map((item) => insertChangeProposal(tx, item, changeset, at));
    // A trusted contributor's cells publish at once, each on its own conditions; a new release always waits.
    const published = newRelease ? [] : inserted.filter((proposal) => publishIfTrusted(tx, proposal, at));
    if (published.length) settleChangeset(tx, changeset.id, at);
    return {
      id: changeset.id,
      proposals: inserted.map((p) => p.id),
      published: published.map((p) => p.id),
      cells: checked.map(cellOf),
      release: newRelease ? releaseKey(newRelease.mesh.slug, newRelease.label) : null,
    };
  },
  audit: (result, { input }) => ({
    objectType: 'changeset',
    objectId: String(result.id),
    details: {
      title: input.title,
      cells: result.proposals.length,
      publishedWithoutReview: result.published.length,
      release: result.release,
    },
  }),
  changes: (result) => ({ cells: result.cells, paths: reviewPages }),
});

function changesetFor(tx: Queryable, id: number): Changeset {
  const changeset = tx.select().from(changesets).where(eq(changesets.id, id)).get();
  if (!changeset) throw new NotFoundError(`There is no changeset ${id}.`);
  return changeset;
}

const open = ['pending', 'changes_requested'] as const;

/**
 * After a decision or a withdrawal: a changeset with no open cell and no
 * release waiting is done, `withdrawn` if its author took every cell back.
 */
export function settleChangeset(tx: Queryable, changesetId: number, at: string, reviewerId?: number): void {
  const changeset = changesetFor(tx, changesetId);
  const cells = tx
    .select({ status: proposals.status })
    .from(proposals)
    .where(eq(proposals.changesetId, changesetId))
    .all();
  if (cells.some((c) => (open as readonly string[]).includes(c.status))) return;
  if (changeset.releaseLabel !== null && changeset.releaseDecision === null) return;
  const allWithdrawn =
    cells.length > 0 && cells.every((c) => c.status === 'withdrawn') && changeset.releaseDecision === null;
  tx.update(changesets)
    .set({
      status: allWithdrawn ? 'withdrawn' : 'decided',
      decidedAt: at,
      ...(reviewerId ? { reviewerId } : {}),
    })
    .where(eq(changesets.id, changesetId))
    .run();
}

/**
 * Creates the proposed release (carried-over values, as a moderator adding it
 * would) and moves the changeset's cells for it onto it: each keeps the
 * carried value as its base when the value it was based on is still current,
 * and otherwise its old base, so it shows as a conflict.
 */
function createProposedRelease(tx: Queryable, changeset: Changeset, actorId: number, at: string): MeshVersion {
  const mesh = tx.select().from(meshes).where(eq(meshes.id, changeset.releaseMeshId!)).get()!;
  if (mesh.status === 'archived')
    throw new ConflictError(`${mesh.name} was archived since; reject the changeset instead.`);
  let created: ReturnType<typeof createRelease>;
  try {
    created = createRelease(
      tx,
      mesh,
      { label: changeset.releaseLabel!, releasedOn: changeset.releasedOn, releaseNotesUrl: changeset.releaseNotesUrl },
      actorId,
      at,
      { changesetId: changeset.id, releasedOnSource: changeset.releasedOnSourceUrl },
    );
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    throw new ConflictError(
      `${mesh.name} ${changeset.releaseLabel} was added since this changeset was made; reject its release instead.`,
    );
  }
  const moving = tx
    .select()
    .from(proposals)
    .where(
      and(
        eq(proposals.changesetId, changeset.id),
        eq(proposals.forNewRelease, true),
        inArray(proposals.status, [...open]),
      ),
    )
    .all();
  for (const proposal of moving) {
    const before = getCellHead(tx, proposal.meshVersionId, proposal.featureId);
    const carried = getCellHead(tx, created.version.id, proposal.featureId);
    const unchanged = (before?.id ?? null) === proposal.baseRevisionId;
    tx.update(proposals)
      .set({
        meshVersionId: created.version.id,
        baseRevisionId: unchanged ? (carried?.id ?? null) : proposal.baseRevisionId,
      })
      .where(eq(proposals.id, proposal.id))
      .run();
  }
  tx.update(changesets)
    .set({ createdReleaseId: created.version.id, releaseDecision: 'created' })
    .where(eq(changesets.id, changeset.id))
    .run();
  return created.version;
}

export interface DecideChangesetResult {
  id: number;
  approved: number[];
  rejected: number[];
  conflicts: { proposalId: number; currentRevisionId: number }[];
  release: { key: string; decision: 'created' | 'rejected' } | null;
  cells: CellRef[];
}

/**
 * The cells a decision touches, looked up once per release and per row: whether
 * each still takes values (its mesh, row and category open, as approving a
 * single proposal checks) and its slugs for revalidation. A changeset of 100
 * cells spans a few releases and many rows, so this saves most of the queries.
 */
function cellLookup(tx: Queryable) {
  const releases = new Map<number, { mesh: Mesh; label: string }>();
  const rows = new Map<number, { feature: Feature; categoryName: string; categoryStatus: 'active' | 'retired' }>();
  const release = (id: number) => {
    let found = releases.get(id);
    if (!found) {
      const row = tx
        .select({ mesh: meshes, label: meshVersions.label })
        .from(meshVersions)
        .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
        .where(eq(meshVersions.id, id))
        .get()!;
      releases.set(id, (found = row));
    }
    return found;
  };
  const row = (id: number) => {
    let found = rows.get(id);
    if (!found) {
      const result = tx
        .select({ feature: features, categoryName: categories.name, categoryStatus: categories.status })
        .from(features)
        .innerJoin(categories, eq(categories.id, features.categoryId))
        .where(eq(features.id, id))
        .get()!;
      rows.set(id, (found = result));
    }
    return found;
  };
  return {
    assertOpen(proposal: Proposal): void {
      const closed = cellClosedReason({ mesh: release(proposal.meshVersionId).mesh, ...row(proposal.featureId) });
      if (closed)
        throw new ConflictError(`Proposal ${proposal.id} cannot be approved: ${closed.message}. Reject it instead.`);
    },
    cellOf(proposal: Proposal): CellRef {
      const { mesh, label } = release(proposal.meshVersionId);
      return { meshSlug: mesh.slug, label, featureSlug: row(proposal.featureId).feature.slug };
    },
  };
}

function rejectProposalIn(tx: Queryable, proposalId: number, reviewerId: number, reason: string | null, at: string) {
  tx.update(proposals)
    .set({ status: 'rejected', reviewerId, reviewComment: reason, decidedAt: at })
    .where(and(eq(proposals.id, proposalId), eq(proposals.status, 'pending')))
    .run();
}

/**
 * A moderator's decision on a changeset, all in one transaction: the proposed
 * release is created (or turned down, with its cells) first; the chosen cells
 * are approved, except that a cell whose value moved since its author looked
 * stays pending and is reported unless named in `overConflict`; the rejected
 * ones get the reason. Nobody decides their own changeset, for any cell.
 */
export const decideChangeset = defineCommand({
  name: 'changeset.decide',
  authorize: allow.moderator,
  schema: decideChangesetSchema,
  run: ({ actor, input, tx, at }): DecideChangesetResult => {
    const changeset = changesetFor(tx, input.id);
    if (changeset.authorId === actor.id)
      throw new ForbiddenError('You cannot decide your own changeset; another moderator must.');
    if (changeset.status !== 'pending')
      throw new ConflictError(
        changeset.status === 'changes_requested'
          ? `Changeset ${changeset.id} waits for its author to make the changes asked for.`
          : `Changeset ${changeset.id} is already ${changeset.status}.`,
        { status: changeset.status },
      );
    const pending = tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.changesetId, changeset.id), eq(proposals.status, 'pending')))
      .all();
    const pendingById = new Map(pending.map((p) => [p.id, p]));
    for (const list of ['approve', 'reject', 'only', 'overConflict', 'except'] as const)
      input[list].forEach((id, index) => {
        if (!pendingById.has(id))
          throw fieldError(`${list}.${index}`, `proposal ${id} is not a pending cell of changeset ${changeset.id}`);
      });
    const releaseWaiting = changeset.releaseLabel !== null && changeset.releaseDecision === null;
    const rejectList = [...input.reject, ...input.only];
    const excepted = new Set([...input.except, ...rejectList]);
    const approving = new Set(
      input.approveAll ? pending.filter((p) => !excepted.has(p.id)).map((p) => p.id) : input.approve,
    );
    const rejecting = new Set(
      input.rejectAll ? pending.filter((p) => !approving.has(p.id)).map((p) => p.id) : rejectList,
    );
    const approveRelease = input.approveRelease || (input.approveAll && releaseWaiting);
    const rejectRelease = input.rejectRelease || (input.rejectAll && releaseWaiting && !approveRelease);
    input.overConflict.forEach((id, index) => {
      if (!approving.has(id))
        throw fieldError(`overConflict.${index}`, `proposal ${id} is not among the cells approved`);
    });

    for (const flag of ['approveRelease', 'rejectRelease'] as const)
      if (input[flag] && !releaseWaiting)
        throw fieldError(flag, `cannot be set: changeset ${changeset.id} has no proposed release waiting`);
    const releaseMesh = changeset.releaseMeshId
      ? tx.select().from(meshes).where(eq(meshes.id, changeset.releaseMeshId)).get()!
      : null;
    let release: DecideChangesetResult['release'] = null;
    if (approveRelease) {
      createProposedRelease(tx, changeset, actor.id, at);
      release = { key: releaseKey(releaseMesh!.slug, changeset.releaseLabel!), decision: 'created' };
    } else if (rejectRelease) {
      tx.update(changesets).set({ releaseDecision: 'rejected' }).where(eq(changesets.id, changeset.id)).run();
      for (const p of pending) if (p.forNewRelease && !approving.has(p.id)) rejecting.add(p.id);
      release = { key: releaseKey(releaseMesh!.slug, changeset.releaseLabel!), decision: 'rejected' };
    }

    const cells: CellRef[] = [];
    const approved: number[] = [];
    const conflicts: DecideChangesetResult['conflicts'] = [];
    const overConflict = new Set(input.overConflict);
    const lookup = cellLookup(tx);
    // Re-read after creating a release: it moved its cells and their bases.
    const current = approveRelease
      ? new Map(
          tx
            .select()
            .from(proposals)
            .where(and(eq(proposals.changesetId, changeset.id), eq(proposals.status, 'pending')))
            .all()
            .map((p) => [p.id, p]),
        )
      : pendingById;
    for (const id of approving) {
      const proposal = current.get(id)!;
      if (proposal.forNewRelease && !approveRelease && changeset.releaseDecision !== 'created')
        throw fieldError('approveRelease', `must be true to approve proposal ${id}, a cell of the proposed release`);
      lookup.assertOpen(proposal);
      const head = getCellHead(tx, proposal.meshVersionId, proposal.featureId);
      if (head && head.id !== proposal.baseRevisionId && !overConflict.has(id)) {
        conflicts.push({ proposalId: id, currentRevisionId: head.id });
        continue;
      }
      publishProposal(tx, proposal, { approverId: actor.id, comment: input.comment ?? null, at });
      approved.push(id);
      cells.push(lookup.cellOf(proposal));
    }
    for (const id of rejecting) {
      rejectProposalIn(tx, id, actor.id, input.reason ?? null, at);
      cells.push(lookup.cellOf(pendingById.get(id)!));
    }
    settleChangeset(tx, changeset.id, at, actor.id);
    return { id: changeset.id, approved, rejected: [...rejecting], conflicts, release, cells };
  },
  audit: (result, { input }) => ({
    objectType: 'changeset',
    objectId: String(result.id),
    details: {
      approved: result.approved,
      rejected: result.rejected,
      conflicts: result.conflicts,
      release: result.release,
      reason: input.reason ?? null,
      comment: input.comment ?? null,
    },
  }),
  changes: (result) => ({
    cells: result.cells,
    everything: result.release?.decision === 'created',
    paths: reviewPages,
  }),
});

export const withdrawChangesetSchema = zod.object({ id: recordIdSchema }).strict();

/** The author takes back every open cell of a changeset (and its proposed release), at any point before the decision. */
export const withdrawChangeset = defineCommand({
  name: 'changeset.withdraw',
  authorize: allow.proposer,
  limit: 'submission',
  schema: withdrawChangesetSchema,
  run: ({ actor, input, tx, at }) => {
    const changeset = changesetFor(tx, input.id);
    if (changeset.authorId !== actor.id) throw new ForbiddenError('Only the author can withdraw a changeset.');
    if (!(open as readonly string[]).includes(changeset.status))
      throw new ConflictError(`Changeset ${changeset.id} is already ${changeset.status}.`, {
        status: changeset.status,
      });
    const withdrawing = tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.changesetId, changeset.id), inArray(proposals.status, [...open])))
      .all();
    tx.update(proposals)
      .set({ status: 'withdrawn', decidedAt: at })
      .where(and(eq(proposals.changesetId, changeset.id), inArray(proposals.status, [...open])))
      .run();
    const decidedBefore = tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.changesetId, changeset.id), inArray(proposals.status, ['approved', 'rejected'])))
      .get();
    tx.update(changesets)
      .set({ status: decidedBefore || changeset.createdReleaseId ? 'decided' : 'withdrawn', decidedAt: at })
      .where(eq(changesets.id, changeset.id))
      .run();
    return { id: changeset.id, cells: withdrawing.map((p) => cellOfProposal(tx, p)) };
  },
  audit: (result) => ({ objectType: 'changeset', objectId: String(result.id) }),
  changes: (result) => ({ cells: result.cells, paths: reviewPages }),
});

type ReviseChangesetInput = z.output<typeof reviseChangesetSchema>;

/**
 * The author's answer to a request for changes: the changeset again, whole.
 * Cells still listed are edited in place, new ones become proposals, and
 * cells left out are withdrawn; what was sent before is kept on the feedback
 * round, so the earlier version stays visible. The changeset goes back to the
 * queue marked "updated after feedback".
 */
export const reviseChangeset = defineCommand({
  name: 'changeset.revise',
  authorize: allow.proposer,
  limit: 'submission',
  schema: reviseChangesetSchema,
  run: ({ actor, input, tx, at }: CommandContext<Actor, ReviseChangesetInput, object>) => {
    const changeset = changesetFor(tx, input.id);
    if (changeset.authorId !== actor.id) throw new ForbiddenError('Only the author can revise a changeset.');
    if (changeset.status !== 'changes_requested')
      throw new ConflictError(
        `Changeset ${changeset.id} is ${changeset.status}; it can be revised only after a moderator asks for changes.`,
        { status: changeset.status },
      );
    const newRelease: NewRelease | null =
      changeset.releaseLabel && changeset.releaseDecision === null
        ? (() => {
            const mesh = tx.select().from(meshes).where(eq(meshes.id, changeset.releaseMeshId!)).get()!;
            return {
              mesh,
              label: changeset.releaseLabel!,
              from: releaseBefore(tx, mesh, {
                label: changeset.releaseLabel!,
                releasedOn: changeset.releasedOn,
                createdAt: changeset.createdAt,
              }),
            };
          })()
        : null;
    const shared = sourcesOfChange([], input.sources);
    const checked = checkChanges(tx, shared, input.changes, newRelease);
    if (!checked.length && !newRelease)
      throw fieldError('changes', 'is empty: change at least one cell, or withdraw the changeset');
    const previousCells = tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.changesetId, changeset.id), eq(proposals.status, 'changes_requested')))
      .all();
    const round = tx
      .select()
      .from(feedbackRounds)
      .where(eq(feedbackRounds.changesetId, changeset.id))
      .all()
      .filter((r) => !r.resubmittedAt)
      .at(-1);
    const previous = {
      title: changeset.title,
      sources: changeset.sources,
      rationale: changeset.rationale,
      affiliated: changeset.affiliated,
      changes: previousCells.map((p) => {
        const { meshSlug, label, featureSlug } = cellOfProposal(tx, p);
        return {
          proposalId: p.id,
          cell: cellKey(meshSlug, label, featureSlug),
          support: p.support,
          text: p.text,
          note: p.note,
          sources: p.sources,
        };
      }),
    };
    if (round)
      tx.update(feedbackRounds).set({ previous, resubmittedAt: at }).where(eq(feedbackRounds.id, round.id)).run();
    tx.update(changesets)
      .set({
        title: input.title,
        sources: shared,
        rationale: input.rationale,
        affiliated: input.affiliated,
        status: 'pending',
        resubmittedAt: at,
      })
      .where(eq(changesets.id, changeset.id))
      .run();
    const byCell = new Map(previousCells.map((p) => [`${p.meshVersionId}:${p.featureId}`, p]));
    const kept = new Set<number>();
    const cells: CellRef[] = [];
    for (const item of checked) {
      const existing = byCell.get(`${item.checked.version.id}:${item.checked.feature.id}`);
      if (existing) {
        kept.add(existing.id);
        tx.update(proposals)
          .set({
            baseRevisionId: item.change.baseRevisionId ?? null,
            support: item.checked.support,
            text: item.checked.text,
            note: item.checked.note,
            sources: item.sources,
            rationale: input.rationale,
            affiliated: input.affiliated,
            status: 'pending',
            resubmittedAt: at,
          })
          .where(eq(proposals.id, existing.id))
          .run();
      } else {
        insertChangeProposal(
          tx,
          item,
          { id: changeset.id, rationale: input.rationale, affiliated: input.affiliated, authorId: actor.id },
          at,
        );
      }
      cells.push(cellOf(item));
    }
    for (const p of previousCells) {
      if (kept.has(p.id)) continue;
      tx.update(proposals).set({ status: 'withdrawn', decidedAt: at }).where(eq(proposals.id, p.id)).run();
      cells.push(cellOfProposal(tx, p));
    }
    return { id: changeset.id, cells };
  },
  audit: (result) => ({ objectType: 'changeset', objectId: String(result.id) }),
  changes: (result) => ({ cells: result.cells, paths: reviewPages }),
});
