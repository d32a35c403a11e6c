import 'server-only';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import {
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  users,
  type Source,
  type SupportLevel,
} from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { defineCommand } from '../command';
import { getDb } from '../db';
import { cellOfProposal } from '../proposals/proposals';
import { revertCell } from '../proposals/review';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow, assertCanModerate, type Actor } from '../../rules/permissions';
import type { CellRef } from '../../rules/cell-keys';
import { patrolProposalSchema } from './schemas';

export interface PatrolValue {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: Source[];
}

export interface PatrolEntry {
  id: number;
  cell: CellRef & { meshName: string; featureName: string; featureKind: 'support' | 'text' };
  authorId: number;
  authorName: string | null;
  rationale: string;
  publishedAt: string;
  revisionId: number;
  /** The value the proposal published, and the one it replaced (null for a cell that had none). */
  value: PatrolValue;
  before: PatrolValue | null;
  /** The published value is still the cell's current one: only then does a revert put the earlier one back. */
  isCurrent: boolean;
}

const unpatrolled = and(eq(proposals.publishedWithoutReview, true), isNull(proposals.patrolledAt));

/** How many published-without-review proposals wait for a moderator's check. */
export function countUnpatrolled(q: Queryable = getDb()): number {
  return q.select({ n: count() }).from(proposals).where(unpatrolled).get()!.n;
}

/** Proposals that published without review and nobody has checked yet, oldest first: the moderators' patrol list. */
export function listPatrol(actor: Actor | null, q: Queryable = getDb()): PatrolEntry[] {
  assertCanModerate(actor);
  const published = alias(revisions, 'published');
  const before = alias(revisions, 'before');
  const rows = q
    .select({
      proposal: proposals,
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
      featureKind: features.kind,
      authorName: users.name,
      published: { id: published.id, createdAt: published.createdAt, parentRevisionId: published.parentRevisionId },
      before: { support: before.support, text: before.text, note: before.note, sources: before.sources },
    })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposals.featureId))
    .innerJoin(users, eq(users.id, proposals.authorId))
    .innerJoin(published, eq(published.id, proposals.resultRevisionId))
    .leftJoin(before, eq(before.id, published.parentRevisionId))
    .where(unpatrolled)
    .orderBy(asc(proposals.decidedAt), asc(proposals.id))
    .all();
  return rows.map((row) => {
    const p = row.proposal;
    const head = getCellHead(q, p.meshVersionId, p.featureId);
    return {
      id: p.id,
      cell: {
        meshSlug: row.meshSlug,
        label: row.label,
        featureSlug: row.featureSlug,
        meshName: row.meshName,
        featureName: row.featureName,
        featureKind: row.featureKind,
      },
      authorId: p.authorId,
      authorName: row.authorName,
      rationale: p.rationale,
      publishedAt: row.published.createdAt,
      revisionId: row.published.id,
      value: { support: p.support, text: p.text, note: p.note, sources: p.sources },
      before: row.before?.sources ? row.before : null,
      isCurrent: head?.id === row.published.id,
    };
  });
}

/**
 * A moderator checks a proposal that published without review: marks it
 * checked, or (`revert`) puts the value before it back with the existing
 * revert, reason required, and marks it checked, in one transaction. Nobody
 * patrols their own; a second check is a conflict.
 */
export const patrolProposal = defineCommand({
  name: 'proposal.patrol',
  authorize: allow.moderator,
  schema: patrolProposalSchema,
  text: 'refuse',
  run: ({ actor, input, tx, at }) => {
    const proposal = tx.select().from(proposals).where(eq(proposals.id, input.id)).get();
    if (!proposal) throw new NotFoundError(`There is no proposal ${input.id}.`);
    if (!proposal.publishedWithoutReview || proposal.resultRevisionId === null)
      throw new ConflictError(`Proposal ${input.id} was not published without review; there is nothing to patrol.`);
    if (proposal.authorId === actor.id)
      throw new ForbiddenError('You cannot patrol your own proposal; another moderator must.');
    if (proposal.patrolledAt)
      throw new ConflictError(`Proposal ${input.id} was already checked.`, { patrolledAt: proposal.patrolledAt });
    const cell = cellOfProposal(tx, proposal);
    let revertRevisionId: number | null = null;
    if (input.revert) {
      if (!input.reason) throw fieldError('reason', 'is required: say why the value goes back');
      const head = getCellHead(tx, proposal.meshVersionId, proposal.featureId);
      if (head?.id !== proposal.resultRevisionId)
        throw new ConflictError(
          `The cell changed after proposal ${input.id} was published (it is now at revision ${head?.id ?? 'none'}); revert it from the cell's history, or mark it checked.`,
          { currentRevisionId: head?.id ?? null },
        );
      const published = tx.select().from(revisions).where(eq(revisions.id, proposal.resultRevisionId)).get()!;
      if (published.parentRevisionId === null)
        throw new ConflictError(
          `The cell had no value before proposal ${input.id}; there is nothing to put back. Propose a correction instead.`,
        );
      // The revert is the one that already exists, run inside this transaction: its own audit event and checks.
      revertRevisionId = revertCell(
        actor,
        {
          mesh: cell.meshSlug,
          version: cell.label,
          feature: cell.featureSlug,
          revisionId: published.parentRevisionId,
          reason: input.reason,
        },
        { db: tx, now: new Date(at) },
      ).revisionId;
    }
    tx.update(proposals)
      .set({ patrolledAt: at, patrolledById: actor.id })
      .where(and(eq(proposals.id, proposal.id), isNull(proposals.patrolledAt)))
      .run();
    return { id: proposal.id, cell, revertRevisionId };
  },
  audit: (result, { input }) => ({
    objectType: 'proposal',
    objectId: String(result.id),
    details: {
      reverted: result.revertRevisionId !== null,
      revertRevisionId: result.revertRevisionId,
      reason: input.reason ?? null,
    },
  }),
  changes: (result) => ({
    ...(result.revertRevisionId !== null ? { cells: [result.cell] } : {}),
    paths: ['/review/patrol', '/review'],
  }),
});
