import 'server-only';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import {
  features,
  meshes,
  meshVersions,
  proposals,
  users,
  type Proposal,
  type ProposalStatus,
  type Source,
  type SupportLevel,
} from '@/db/schema';
import { getDb } from '../db';
import {
  assertChangesSomething,
  assertWithinSubmissionLimits,
  checkCellChange,
  proposalLimitsFromEnv,
  type ProposalLimits,
} from './cell-change';
import { ConflictError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow, assertCanModerate, assertSignedIn, type Actor } from '../../rules/permissions';
import { recordIdSchema } from '../../rules/validation';
import { proposeCellChangeSchema } from './schemas';
import { publishIfTrusted } from '../users/trust';
import { defineCommand, type CommandContext } from '../command';
import { settleChangeset } from '../changesets/changesets';

type ProposeCellChangeInput = z.output<typeof proposeCellChangeSchema>;
import { cellKey, type CellRef } from '../../rules/cell-keys';

export { proposalLimitsFromEnv, type ProposalLimits } from './cell-change';

export interface ProposeResult {
  id: number;
  status: ProposalStatus;
  cell: CellRef;
  /** The revision a trusted contributor's proposal published at once; null when it waits for review. */
  revisionId: number | null;
  /** What the audit event records about the value. */
  details: { support: SupportLevel | null; text: string | null; affiliated: boolean };
}

export { cellClosedReason } from './cell-change';

/**
 * Records a proposed new value for one cell. Validates the input (one zod
 * schema for form, action and API), then the rules that need the database:
 * the cell exists and takes proposals, the value fits the row's kind, the
 * base revision belongs to this cell, the value differs from the current one,
 * and the author is within the flood limits. Nothing is written on failure.
 */
export const proposeCellChange = defineCommand({
  name: 'proposal.create',
  authorize: allow.proposer,
  limit: 'submission',
  schema: proposeCellChangeSchema,
  run: ({
    actor,
    input: data,
    tx,
    now,
    at,
    options,
  }: CommandContext<Actor, ProposeCellChangeInput, { limits?: ProposalLimits }>): ProposeResult => {
    const limits = options.limits ?? proposalLimitsFromEnv();
    const change = checkCellChange(tx, data);
    const { mesh, version, feature, support, text, note } = change;
    assertChangesSomething(change, data.sources);
    assertWithinSubmissionLimits(tx, actor.id, now, limits, 1);

    const proposal = tx
      .insert(proposals)
      .values({
        meshVersionId: version.id,
        featureId: feature.id,
        baseRevisionId: data.baseRevisionId ?? null,
        support,
        text,
        note,
        sources: data.sources.map((s) => ({ url: s.url, title: s.title ?? null })),
        rationale: data.rationale,
        affiliated: data.affiliated,
        authorId: actor.id,
        createdAt: at,
      })
      .returning()
      .get();
    const published = publishIfTrusted(tx, proposal, at);
    return {
      id: proposal.id,
      status: published ? 'approved' : proposal.status,
      revisionId: published?.id ?? null,
      cell: { meshSlug: mesh.slug, label: version.label, featureSlug: feature.slug },
      details: { support, text, affiliated: data.affiliated },
    };
  },
  audit: (result) => ({
    objectType: 'proposal',
    objectId: String(result.id),
    details: {
      cell: cellKey(result.cell.meshSlug, result.cell.label, result.cell.featureSlug),
      ...result.details,
      ...(result.revisionId ? { publishedWithoutReview: true, revisionId: result.revisionId } : {}),
    },
  }),
  changes: (result) => ({
    cells: [result.cell],
    paths: ['/review', '/proposals', ...(result.revisionId ? ['/review/patrol'] : [])],
  }),
});

/** Reads the cell a proposal is about, for revalidation and links. */
export function cellOfProposal(q: Queryable, proposal: Pick<Proposal, 'meshVersionId' | 'featureId'>): CellRef {
  const row = q
    .select({ meshSlug: meshes.slug, label: meshVersions.label, featureSlug: features.slug })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposal.featureId))
    .where(eq(meshVersions.id, proposal.meshVersionId))
    .get();
  return row!;
}

/** Withdrawing takes only the proposal's id; anything else sent is refused by name rather than ignored. */
export const withdrawProposalSchema = z.object({ id: recordIdSchema }).strict();

/** The author takes back a pending proposal; anyone else is refused, and a decided one is a conflict. */
export const withdrawProposal = defineCommand({
  name: 'proposal.withdraw',
  authorize: allow.proposer,
  limit: 'submission',
  schema: withdrawProposalSchema,
  run: ({ actor, input, tx, at }) => {
    const proposal = tx.select().from(proposals).where(eq(proposals.id, input.id)).get();
    if (!proposal) throw new NotFoundError(`There is no proposal ${input.id}.`);
    if (proposal.authorId !== actor.id) throw new ForbiddenError('Only the author can withdraw a proposal.');
    if (proposal.status !== 'pending' && proposal.status !== 'changes_requested')
      throw new ConflictError(`Proposal ${input.id} is already ${proposal.status}.`, { status: proposal.status });
    tx.update(proposals)
      .set({ status: 'withdrawn', decidedAt: at })
      .where(and(eq(proposals.id, input.id), inArray(proposals.status, ['pending', 'changes_requested'])))
      .run();
    if (proposal.changesetId) settleChangeset(tx, proposal.changesetId, at);
    return { id: input.id, status: 'withdrawn' as const, cell: cellOfProposal(tx, proposal) };
  },
  audit: (result) => ({ objectType: 'proposal', objectId: String(result.id) }),
  changes: (result) => ({ cells: [result.cell], paths: ['/review', '/proposals'] }),
});

export interface ProposalView {
  id: number;
  status: ProposalStatus;
  meshVersionId: number;
  featureId: number;
  authorId: number;
  cell: CellRef & { meshName: string; featureName: string; featureKind: 'support' | 'text' };
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: Source[];
  rationale: string;
  affiliated: boolean;
  baseRevisionId: number | null;
  authorName: string | null;
  reviewComment: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** The table import that sent this proposal to review, or null for one a person made. */
  importId: number | null;
  /** The changeset it came in, if any. */
  changesetId: number | null;
  /** For the release its changeset proposes (it sits on the release that one carries over from until then). */
  forNewRelease: boolean;
  /** When the author last resubmitted it after a request for changes. */
  resubmittedAt: string | null;
}

function selectProposalViews(q: Queryable) {
  return q
    .select({
      proposal: proposals,
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      featureSlug: features.slug,
      featureName: features.name,
      featureKind: features.kind,
      authorName: users.name,
    })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposals.featureId))
    .innerJoin(users, eq(users.id, proposals.authorId));
}

type ProposalRow = Awaited<ReturnType<ReturnType<typeof selectProposalViews>['all']>>[number];

function toView(row: ProposalRow): ProposalView {
  const p = row.proposal;
  return {
    id: p.id,
    status: p.status,
    meshVersionId: p.meshVersionId,
    featureId: p.featureId,
    authorId: p.authorId,
    cell: {
      meshSlug: row.meshSlug,
      label: row.label,
      featureSlug: row.featureSlug,
      meshName: row.meshName,
      featureName: row.featureName,
      featureKind: row.featureKind,
    },
    support: p.support,
    text: p.text,
    note: p.note,
    sources: p.sources,
    rationale: p.rationale,
    affiliated: p.affiliated,
    baseRevisionId: p.baseRevisionId,
    authorName: row.authorName,
    reviewComment: p.reviewComment,
    createdAt: p.createdAt,
    decidedAt: p.decidedAt,
    importId: p.importId,
    changesetId: p.changesetId,
    forNewRelease: p.forNewRelease,
    resubmittedAt: p.resubmittedAt,
  };
}

/** A changeset's cells in the order they were given. */
export function listProposalsOfChangeset(changesetId: number, q: Queryable = getDb()): ProposalView[] {
  return selectProposalViews(q)
    .where(eq(proposals.changesetId, changesetId))
    .orderBy(asc(proposals.id))
    .all()
    .map(toView);
}

/** The caller's own proposals, newest first (banned users may still look). */
export function listMyProposals(
  actor: Actor | null,
  filter: { status?: ProposalStatus } = {},
  q: Queryable = getDb(),
): ProposalView[] {
  assertSignedIn(actor);
  const where = filter.status
    ? and(eq(proposals.authorId, actor.id), eq(proposals.status, filter.status))
    : eq(proposals.authorId, actor.id);
  return selectProposalViews(q).where(where).orderBy(desc(proposals.createdAt), desc(proposals.id)).all().map(toView);
}

/** Pending proposals for one cell, oldest first: public, shown on the cell page. */
export function listPendingProposalsForCell(
  meshVersionId: number,
  featureId: number,
  q: Queryable = getDb(),
): ProposalView[] {
  return selectProposalViews(q)
    .where(
      and(
        eq(proposals.meshVersionId, meshVersionId),
        eq(proposals.featureId, featureId),
        eq(proposals.status, 'pending'),
      ),
    )
    .orderBy(asc(proposals.createdAt), asc(proposals.id))
    .all()
    .map(toView);
}

/** Pending counts per release and row, for the small marks on the matrix. */
export function countPendingByCell(versionIds: number[], q: Queryable = getDb()): Map<number, Map<number, number>> {
  const result = new Map<number, Map<number, number>>();
  if (!versionIds.length) return result;
  const rows = q
    .select({ versionId: proposals.meshVersionId, featureId: proposals.featureId, n: count() })
    .from(proposals)
    .where(and(eq(proposals.status, 'pending'), inArray(proposals.meshVersionId, versionIds)))
    .groupBy(proposals.meshVersionId, proposals.featureId)
    .all();
  for (const row of rows) {
    const forVersion = result.get(row.versionId) ?? new Map<number, number>();
    forVersion.set(row.featureId, row.n);
    result.set(row.versionId, forVersion);
  }
  return result;
}

/** All proposals (optionally by status), oldest first: the moderators' view. */
export function listProposals(
  actor: Actor | null,
  filter: { status?: ProposalStatus } = {},
  q: Queryable = getDb(),
): ProposalView[] {
  assertCanModerate(actor);
  const query = selectProposalViews(q);
  return (filter.status ? query.where(eq(proposals.status, filter.status)) : query)
    .orderBy(asc(proposals.createdAt), asc(proposals.id))
    .all()
    .map(toView);
}

/** One proposal with its decision, for its public page; proposals are public like the cells they change. */
export function getProposal(
  id: number,
  q: Queryable = getDb(),
): (ProposalView & { reviewerName: string | null }) | null {
  const row = selectProposalViews(q).where(eq(proposals.id, id)).get();
  if (!row) return null;
  const reviewer = row.proposal.reviewerId
    ? q.select({ name: users.name }).from(users).where(eq(users.id, row.proposal.reviewerId)).get()
    : undefined;
  return { ...toView(row), reviewerName: reviewer?.name ?? null };
}
