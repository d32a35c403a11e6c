import 'server-only';
import { and, asc, count, desc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import {
  categories,
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  users,
  type Feature,
  type Mesh,
  type Proposal,
  type ProposalStatus,
  type Source,
  type SupportLevel,
} from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { sameCellValue, sameSources } from '../../rules/value-rules';
import { getDb } from '../db';
import { parseEnv } from '../env';
import { ConflictError, fieldError, ForbiddenError, NotFoundError, TooManyRequestsError } from '../../rules/errors';
import { allow, assertCanModerate, assertSignedIn, type Actor } from '../../rules/permissions';
import { recordIdSchema } from '../../rules/validation';
import { proposeCellChangeSchema } from './schemas';
import { publishIfTrusted } from '../users/trust';
import { defineCommand, type CommandContext } from '../command';

type ProposeCellChangeInput = z.output<typeof proposeCellChangeSchema>;
import { cellKey, type CellRef } from '../../rules/cell-keys';

export interface ProposalLimits {
  maxPending: number;
  maxPerHour: number;
}

export function proposalLimitsFromEnv(): ProposalLimits {
  const env = parseEnv();
  return { maxPending: env.PROPOSAL_MAX_PENDING, maxPerHour: env.PROPOSAL_MAX_PER_HOUR };
}

/** `Retry-After` seconds for the hourly limit: when the oldest proposal in the window leaves it. */
function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));
}

export interface ProposeResult {
  id: number;
  status: ProposalStatus;
  cell: CellRef;
  /** The revision a trusted contributor's proposal published at once; null when it waits for review. */
  revisionId: number | null;
  /** What the audit event records about the value. */
  details: { support: SupportLevel | null; text: string | null; affiliated: boolean };
}

export interface CellOpenness {
  mesh: Pick<Mesh, 'name' | 'status'>;
  feature: Pick<Feature, 'name' | 'status'>;
  categoryName: string;
  categoryStatus: 'active' | 'retired';
}

/** Why a cell takes no new values (archived mesh, retired row or category), naming the field; null when it is open. */
export function cellClosedReason({
  mesh,
  feature,
  categoryName,
  categoryStatus,
}: CellOpenness): { field: 'mesh' | 'feature'; message: string } | null {
  if (mesh.status === 'archived')
    return { field: 'mesh', message: `${mesh.name} is archived and no longer takes proposals` };
  if (feature.status === 'retired')
    return { field: 'feature', message: `${feature.name} is retired and no longer takes proposals` };
  if (categoryStatus === 'retired')
    return {
      field: 'feature',
      message: `${feature.name} is in the retired category ${categoryName} and no longer takes proposals`,
    };
  return null;
}

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
    const mesh = tx.select().from(meshes).where(eq(meshes.slug, data.mesh)).get();
    if (!mesh) throw fieldError('mesh', `"${data.mesh}" is not a mesh we list`);
    const version = tx
      .select()
      .from(meshVersions)
      .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, data.version)))
      .get();
    if (!version) throw fieldError('version', `"${data.version}" is not a recorded release of ${mesh.name}`);
    const row = tx
      .select({ feature: features, categoryStatus: categories.status, categoryName: categories.name })
      .from(features)
      .innerJoin(categories, eq(categories.id, features.categoryId))
      .where(eq(features.slug, data.feature))
      .get();
    if (!row) throw fieldError('feature', `"${data.feature}" is not a row of the matrix`);
    const { feature } = row;
    const closed = cellClosedReason({
      mesh,
      feature,
      categoryName: row.categoryName,
      categoryStatus: row.categoryStatus,
    });
    if (closed) throw fieldError(closed.field, closed.message);

    if (feature.kind === 'support') {
      if (!data.support) throw fieldError('support', 'is required: choose yes, partial, no or unknown');
      if (data.text)
        throw fieldError('text', `must be empty: ${feature.name} takes a support level and an optional note`);
    } else {
      if (!data.text) throw fieldError('text', `is required: ${feature.name} takes a text value`);
      if (data.support) throw fieldError('support', `must be empty: ${feature.name} takes a text value`);
    }

    const head = getCellHead(tx, version.id, feature.id);
    if (data.baseRevisionId != null) {
      const base = tx.select().from(revisions).where(eq(revisions.id, data.baseRevisionId)).get();
      if (!base || base.meshVersionId !== version.id || base.featureId !== feature.id) {
        throw fieldError('baseRevisionId', `is not a revision of ${feature.name} in ${mesh.name} ${version.label}`);
      }
    } else if (head) {
      throw fieldError('baseRevisionId', `is required: the revision you are changing (the current one is ${head.id})`);
    }

    const support: SupportLevel | null = data.support ?? null;
    const text = data.text ?? null;
    const note = data.note ?? null;
    if (head && sameCellValue(head, { support, text, note }) && sameSources(head.sources, data.sources)) {
      throw fieldError(
        'form',
        'is identical to the current value and its sources: change the value or the note, or confirm it with a new source',
      );
    }

    const pending = tx
      .select({ n: count() })
      .from(proposals)
      .where(and(eq(proposals.authorId, actor.id), eq(proposals.status, 'pending')))
      .get()!.n;
    if (pending >= limits.maxPending) {
      throw new TooManyRequestsError(
        `You have ${pending} proposals waiting for review, the most allowed. Withdraw one or wait for a moderator to decide.`,
        3600,
      );
    }
    const windowStart = new Date(now.getTime() - 3600_000).toISOString();
    const recent = tx
      .select({ createdAt: proposals.createdAt })
      .from(proposals)
      .where(and(eq(proposals.authorId, actor.id), gt(proposals.createdAt, windowStart)))
      .orderBy(asc(proposals.createdAt))
      .all();
    if (recent.length >= limits.maxPerHour) {
      const freeAt = new Date(Date.parse(recent[recent.length - limits.maxPerHour]!.createdAt) + 3600_000);
      throw new TooManyRequestsError(
        `You have made ${recent.length} proposals in the last hour, the most allowed. Try again after ${freeAt.toISOString().slice(11, 16)} UTC.`,
        secondsUntil(freeAt.toISOString(), now),
      );
    }

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
    if (proposal.status !== 'pending')
      throw new ConflictError(`Proposal ${input.id} is already ${proposal.status}.`, { status: proposal.status });
    tx.update(proposals)
      .set({ status: 'withdrawn', decidedAt: at })
      .where(and(eq(proposals.id, input.id), eq(proposals.status, 'pending')))
      .run();
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
  };
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
