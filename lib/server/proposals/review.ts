import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '@/db/client';
import {
  categories,
  changesets,
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  type Proposal,
  type Revision,
} from '@/db/schema';
import { appendRevision, getCellHead } from '../cells/cells';
import { getDb } from '../db';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow, assertCanModerate, type Actor } from '../../rules/permissions';
import { defineCommand } from '../command';
import { revertWouldChange } from '../../rules/history';
import { cellClosedReason, cellOfProposal, listProposals, type ProposalView } from './proposals';
import { recordIdSchema } from '../../rules/validation';
import { reviewDecisionSchemas } from './schemas';
import { cellKey, type CellRef } from '../../rules/cell-keys';

function pendingProposalFor(tx: Queryable, actor: Actor, proposalId: number, verb: 'approve' | 'reject') {
  const proposal = tx.select().from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!proposal) throw new NotFoundError(`There is no proposal ${proposalId}.`);
  if (proposal.authorId === actor.id)
    throw new ForbiddenError(`You cannot ${verb} your own proposal; another moderator must.`);
  if (proposal.status !== 'pending')
    throw new ConflictError(`Proposal ${proposalId} is already ${proposal.status}.`, { status: proposal.status });
  // A changeset is decided in one screen and one transaction, so its cells are not decided one by one elsewhere.
  if (proposal.changesetId)
    throw new ConflictError(`Proposal ${proposalId} is part of changeset ${proposal.changesetId}; decide it there.`, {
      changesetId: proposal.changesetId,
    });
  return proposal;
}

export const approveProposalSchema = z.object({ id: recordIdSchema, ...reviewDecisionSchemas.approve.shape }).strict();
export const rejectProposalSchema = z.object({ id: recordIdSchema, ...reviewDecisionSchemas.reject.shape }).strict();
export const revertCellSchema = z
  .object({ mesh: z.string(), version: z.string(), feature: z.string(), ...reviewDecisionSchemas.revert.shape })
  .strict();

/** The review queue and the author's list show every decision. */
const reviewPages = ['/review', '/proposals'];

/**
 * Publishes a proposal: appends the revision (author = proposer, approver =
 * moderator), moves the head and decides the proposal. If the cell changed
 * since the proposer looked, the moderator must say so explicitly
 * (`overConflict`); otherwise the answer is a ConflictError carrying the
 * current revision.
 */
export const approveProposal = defineCommand({
  name: 'proposal.approve',
  authorize: allow.moderator,
  schema: approveProposalSchema,
  run: ({ actor, input, tx, at }) => {
    const proposal = pendingProposalFor(tx, actor, input.id, 'approve');
    const cell = tx
      .select({ mesh: meshes, feature: features, categoryName: categories.name, categoryStatus: categories.status })
      .from(meshVersions)
      .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
      .innerJoin(features, eq(features.id, proposal.featureId))
      .innerJoin(categories, eq(categories.id, features.categoryId))
      .where(eq(meshVersions.id, proposal.meshVersionId))
      .get()!;
    const closed = cellClosedReason(cell);
    // Pending proposals outlive a retirement; publishing one would put a value where no reader sees it.
    if (closed)
      throw new ConflictError(`Proposal ${input.id} cannot be approved: ${closed.message}. Reject it instead.`);
    const head = getCellHead(tx, proposal.meshVersionId, proposal.featureId);
    const overConflict = !!head && head.id !== proposal.baseRevisionId;
    if (overConflict && !input.overConflict) {
      throw new ConflictError(
        `The cell changed since this proposal was made (it was based on revision ${proposal.baseRevisionId ?? 'none'}, the cell is now at revision ${head.id}). Review the change and approve over it explicitly, or reject the proposal as outdated.`,
        { currentRevisionId: head.id, baseRevisionId: proposal.baseRevisionId },
      );
    }
    const revision = publishProposal(tx, proposal, { approverId: actor.id, comment: input.comment ?? null, at });
    return { id: proposal.id, revisionId: revision.id, overConflict, cell: cellOfProposal(tx, proposal) };
  },
  audit: (result, { input }) => ({
    objectType: 'proposal',
    objectId: String(result.id),
    details: { revisionId: result.revisionId, overConflict: result.overConflict, comment: input.comment ?? null },
  }),
  changes: (result) => ({ cells: [result.cell], paths: reviewPages }),
});

/**
 * Appends a pending proposal's value as the cell's new revision and marks the
 * proposal approved: the one way a proposal becomes a published value (a
 * moderator's approval, a changeset's, a trusted contributor's own). The caller
 * has checked who decides and the conflict; `approverId` is whoever vouched.
 */
export function publishProposal(
  tx: Queryable,
  proposal: Proposal,
  decision: { approverId: number; comment: string | null; at: string; withoutReview?: boolean },
): Revision {
  const revision = appendRevision(tx, {
    meshVersionId: proposal.meshVersionId,
    featureId: proposal.featureId,
    support: proposal.support,
    text: proposal.text,
    note: proposal.note,
    sources: proposal.sources,
    kind: 'proposal',
    authorId: proposal.authorId,
    approverId: decision.approverId,
    proposalId: proposal.id,
    createdAt: decision.at,
  });
  tx.update(proposals)
    .set({
      status: 'approved',
      reviewerId: decision.approverId,
      reviewComment: decision.comment,
      decidedAt: decision.at,
      resultRevisionId: revision.id,
      publishedWithoutReview: decision.withoutReview ?? false,
    })
    .where(and(eq(proposals.id, proposal.id), eq(proposals.status, 'pending')))
    .run();
  return revision;
}

/** Declines a proposal with a reason the author will see. */
export const rejectProposal = defineCommand({
  name: 'proposal.reject',
  authorize: allow.moderator,
  schema: rejectProposalSchema,
  run: ({ actor, input, tx, at }) => {
    const proposal = pendingProposalFor(tx, actor, input.id, 'reject');
    tx.update(proposals)
      .set({ status: 'rejected', reviewerId: actor.id, reviewComment: input.reason, decidedAt: at })
      .where(and(eq(proposals.id, proposal.id), eq(proposals.status, 'pending')))
      .run();
    return { id: proposal.id, cell: cellOfProposal(tx, proposal) };
  },
  audit: (result, { input }) => ({
    objectType: 'proposal',
    objectId: String(result.id),
    details: { reason: input.reason },
  }),
  changes: (result) => ({ cells: [result.cell], paths: reviewPages }),
});

export interface CellIds {
  meshVersionId: number;
  featureId: number;
  cell: CellRef;
}

/** Resolves slugs of a cell to ids; unknown parts are a 404 naming them. */
export function resolveCell(meshSlug: string, label: string, featureSlug: string, q: Queryable = getDb()): CellIds {
  const row = q
    .select({ meshVersionId: meshVersions.id, meshSlug: meshes.slug, label: meshVersions.label })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .where(and(eq(meshes.slug, meshSlug), eq(meshVersions.label, label)))
    .get();
  if (!row) throw new NotFoundError(`There is no release ${meshSlug}@${label}.`);
  const feature = q
    .select({ id: features.id, slug: features.slug })
    .from(features)
    .where(eq(features.slug, featureSlug))
    .get();
  if (!feature) throw new NotFoundError(`There is no row "${featureSlug}".`);
  return {
    meshVersionId: row.meshVersionId,
    featureId: feature.id,
    cell: { meshSlug: row.meshSlug, label: row.label, featureSlug: feature.slug },
  };
}

/**
 * Puts an earlier value back by appending a `revert` revision that copies it,
 * with a required reason; nothing is deleted or rewritten.
 */
export const revertCell = defineCommand({
  name: 'cell.revert',
  authorize: allow.moderator,
  schema: revertCellSchema,
  run: ({ actor, input, tx, at }) => {
    const target = resolveCell(input.mesh, input.version, input.feature, tx);
    const { revisionId, reason } = input;
    const earlier = tx.select().from(revisions).where(eq(revisions.id, revisionId)).get();
    if (!earlier || earlier.meshVersionId !== target.meshVersionId || earlier.featureId !== target.featureId) {
      throw new BadRequestError(`revisionId ${revisionId} is not a revision of this cell`, {
        revisionId: ['revisionId is not a revision of this cell'],
      });
    }
    const head = getCellHead(tx, target.meshVersionId, target.featureId);
    if (!revertWouldChange(head ?? null, earlier)) {
      throw new BadRequestError(`revisionId ${revisionId} has the same value and sources as the current one`, {
        revisionId: ['revisionId has the same value and sources as the current one; nothing to revert'],
      });
    }
    const revision: Revision = appendRevision(tx, {
      meshVersionId: target.meshVersionId,
      featureId: target.featureId,
      support: earlier.support,
      text: earlier.text,
      note: earlier.note,
      sources: earlier.sources,
      kind: 'revert',
      authorId: actor.id,
      approverId: actor.id,
      carriedFromRevisionId: earlier.carriedFromRevisionId,
      reason: `Reverted to revision ${earlier.id}: ${reason}`,
      createdAt: at,
    });
    return { revisionId: revision.id, toRevisionId: earlier.id, fromRevisionId: head?.id ?? null, cell: target.cell };
  },
  audit: (result, { input }) => ({
    objectType: 'cell',
    objectId: cellKey(result.cell.meshSlug, result.cell.label, result.cell.featureSlug),
    details: {
      toRevisionId: result.toRevisionId,
      fromRevisionId: result.fromRevisionId,
      newRevisionId: result.revisionId,
      reason: input.reason,
    },
  }),
  changes: (result) => ({ cells: [result.cell] }),
});

export interface QueueFilter {
  mesh?: string;
  feature?: string;
  author?: string;
  /** Only the proposals one table import sent to review. */
  importId?: number;
}

export interface QueueEntry extends ProposalView {
  current: Revision | null;
  /** The cell moved since the proposer looked. */
  conflict: boolean;
  authorRecord: { approved: number; rejected: number };
}

/** Pending proposals oldest first, each with what it would replace and its author's record. */
export function listReviewQueue(actor: Actor | null, filter: QueueFilter = {}, db: Db = getDb()): QueueEntry[] {
  assertCanModerate(actor);
  // A changeset's cells are one item of the queue, reviewed on the changeset's page.
  const pending = listProposals(actor, { status: 'pending' }, db).filter(
    (p) =>
      p.changesetId === null &&
      (!filter.mesh || p.cell.meshSlug === filter.mesh) &&
      (!filter.feature || p.cell.featureSlug === filter.feature) &&
      (!filter.author || (p.authorName ?? '').toLowerCase() === filter.author.toLowerCase()) &&
      (filter.importId === undefined || p.importId === filter.importId),
  );
  const records = new Map<number, { approved: number; rejected: number }>();
  for (const authorId of new Set(pending.map((p) => p.authorId))) {
    const counts = db
      .select({ status: proposals.status, n: count() })
      .from(proposals)
      .where(eq(proposals.authorId, authorId))
      .groupBy(proposals.status)
      .all();
    records.set(authorId, {
      approved: counts.find((c) => c.status === 'approved')?.n ?? 0,
      rejected: counts.find((c) => c.status === 'rejected')?.n ?? 0,
    });
  }
  return pending.map((p) => {
    const current = getCellHead(db, p.meshVersionId, p.featureId) ?? null;
    return {
      ...p,
      current,
      conflict: !!current && current.id !== p.baseRevisionId,
      authorRecord: records.get(p.authorId)!,
    };
  });
}

/** Items waiting for a moderator: single proposals, and changesets (each one item, however many cells). */
export function countPendingReviews(q: Queryable = getDb()): number {
  const singles = q
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.status, 'pending'), isNull(proposals.changesetId)))
    .get()!.n;
  return singles + q.select({ n: count() }).from(changesets).where(eq(changesets.status, 'pending')).get()!.n;
}
