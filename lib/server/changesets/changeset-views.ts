import 'server-only';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import { changesets, meshes, meshVersions, proposals, users, type Changeset, type Revision } from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { getDb } from '../db';
import { listFeedbackRounds, type FeedbackRoundView } from '../proposals/feedback';
import { listProposalsOfChangeset, type ProposalView } from '../proposals/proposals';
import { assertCanModerate, assertSignedIn, type Actor } from '../../rules/permissions';

export interface ChangesetCell extends ProposalView {
  current: Revision | null;
  /** The cell moved since the author looked: approving needs an explicit choice. */
  conflict: boolean;
}

export interface ChangesetView extends Changeset {
  authorName: string | null;
  reviewerName: string | null;
  release: {
    meshSlug: string;
    meshName: string;
    label: string;
    releasedOn: string | null;
    releasedOnSourceUrl: string | null;
    notesUrl: string | null;
    decision: 'created' | 'rejected' | null;
  } | null;
  cells: ChangesetCell[];
  feedback: FeedbackRoundView[];
  counts: Record<ProposalView['status'], number>;
}

const reviewer = alias(users, 'reviewer');

/** One changeset with its cells (each against the cell's current value), public like the proposals in it. */
export function getChangeset(id: number, q: Queryable = getDb()): ChangesetView | null {
  const row = q
    .select({ changeset: changesets, authorName: users.name, reviewerName: reviewer.name, mesh: meshes })
    .from(changesets)
    .innerJoin(users, eq(users.id, changesets.authorId))
    .leftJoin(reviewer, eq(reviewer.id, changesets.reviewerId))
    .leftJoin(meshes, eq(meshes.id, changesets.releaseMeshId))
    .where(eq(changesets.id, id))
    .get();
  if (!row) return null;
  const cs = row.changeset;
  const cells = listProposalsOfChangeset(id, q).map((p) => {
    const current = getCellHead(q, p.meshVersionId, p.featureId) ?? null;
    const open = p.status === 'pending' || p.status === 'changes_requested';
    return { ...p, current, conflict: open && !!current && current.id !== p.baseRevisionId };
  });
  const counts = { pending: 0, approved: 0, rejected: 0, withdrawn: 0, changes_requested: 0 };
  for (const cell of cells) counts[cell.status]++;
  return {
    ...cs,
    authorName: row.authorName,
    reviewerName: row.reviewerName,
    release:
      cs.releaseLabel && row.mesh
        ? {
            meshSlug: row.mesh.slug,
            meshName: row.mesh.name,
            label: cs.releaseLabel,
            releasedOn: cs.releasedOn,
            releasedOnSourceUrl: cs.releasedOnSourceUrl,
            notesUrl: cs.releaseNotesUrl,
            decision: cs.releaseDecision,
          }
        : null,
    cells,
    feedback: listFeedbackRounds({ changesetId: id }, q),
    counts,
  };
}

export interface ChangesetSummary {
  id: number;
  importId: number | null;
  title: string;
  status: Changeset['status'];
  authorId: number;
  authorName: string | null;
  createdAt: string;
  resubmittedAt: string | null;
  releaseLabel: string | null;
  releaseMeshName: string | null;
  /** Its cells waiting for a decision (or for the author). */
  open: number;
  cells: number;
  /** The meshes its cells are about, for the queue's filter. */
  meshSlugs: string[];
}

function summarize(rows: { changeset: Changeset; authorName: string | null }[], q: Queryable): ChangesetSummary[] {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.changeset.id);
  const cellRows = q
    .select({ changesetId: proposals.changesetId, status: proposals.status, meshSlug: meshes.slug, n: count() })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .where(inArray(proposals.changesetId, ids))
    .groupBy(proposals.changesetId, proposals.status, meshes.slug)
    .all();
  const meshNames = new Map(
    q
      .select({ id: meshes.id, name: meshes.name })
      .from(meshes)
      .all()
      .map((m) => [m.id, m.name]),
  );
  return rows.map(({ changeset: cs, authorName }) => {
    const mine = cellRows.filter((c) => c.changesetId === cs.id);
    return {
      id: cs.id,
      importId: cs.importId,
      title: cs.title,
      status: cs.status,
      authorId: cs.authorId,
      authorName,
      createdAt: cs.createdAt,
      resubmittedAt: cs.resubmittedAt,
      releaseLabel: cs.releaseLabel,
      releaseMeshName: cs.releaseMeshId ? (meshNames.get(cs.releaseMeshId) ?? null) : null,
      open: mine.filter((c) => c.status === 'pending' || c.status === 'changes_requested').reduce((n, c) => n + c.n, 0),
      cells: mine.reduce((n, c) => n + c.n, 0),
      meshSlugs: [...new Set(mine.map((c) => c.meshSlug))],
    };
  });
}

/** Changesets waiting for a moderator, oldest first (or newest first): one item each in the review queue. */
export function listChangesetQueue(
  actor: Actor | null,
  options: { newestFirst?: boolean; importId?: number } = {},
  q: Queryable = getDb(),
): ChangesetSummary[] {
  assertCanModerate(actor);
  const rows = q
    .select({ changeset: changesets, authorName: users.name })
    .from(changesets)
    .innerJoin(users, eq(users.id, changesets.authorId))
    .where(
      options.importId === undefined
        ? eq(changesets.status, 'pending')
        : and(eq(changesets.status, 'pending'), eq(changesets.importId, options.importId)),
    )
    .orderBy(options.newestFirst ? desc(changesets.createdAt) : asc(changesets.createdAt), asc(changesets.id))
    .all();
  return summarize(rows, q);
}

/** The caller's changesets, newest first. */
export function listMyChangesets(actor: Actor | null, q: Queryable = getDb()): ChangesetSummary[] {
  assertSignedIn(actor);
  const rows = q
    .select({ changeset: changesets, authorName: users.name })
    .from(changesets)
    .innerJoin(users, eq(users.id, changesets.authorId))
    .where(eq(changesets.authorId, actor.id))
    .orderBy(desc(changesets.createdAt), desc(changesets.id))
    .all();
  return summarize(rows, q);
}
