import 'server-only';
import { and, asc, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import {
  categories,
  changesets,
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  type Feature,
  type Mesh,
  type MeshVersion,
  type Revision,
  type SupportLevel,
} from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { sameCellValue, sameSources } from '../../rules/value-rules';
import { parseEnv } from '../env';
import { fieldError, TooManyRequestsError } from '../../rules/errors';

export interface ProposalLimits {
  maxPending: number;
  maxPerHour: number;
}

export function proposalLimitsFromEnv(): ProposalLimits {
  const env = parseEnv();
  return { maxPending: env.PROPOSAL_MAX_PENDING, maxPerHour: env.PROPOSAL_MAX_PER_HOUR };
}

/** `Retry-After` seconds for the hourly limit: when the oldest submission in the window leaves it. */
function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));
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

export interface CellChangeInput {
  mesh: string;
  version: string;
  feature: string;
  support?: SupportLevel | null;
  text?: string | null;
  note?: string | null;
  baseRevisionId?: number | null;
}

export interface CheckedCellChange {
  mesh: Mesh;
  version: MeshVersion;
  feature: Feature;
  head: Revision | undefined;
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
}

/**
 * The rules a proposed value for one cell must meet that need the database:
 * the cell exists and takes proposals, the value fits the row's kind and the
 * base revision belongs to this cell. `field` prefixes the field names of the
 * errors (`changes.3.` for a changeset's fourth change). `version` may be
 * given instead of looked up: a new release's changes are checked against the
 * release its values will carry over from.
 */
export function checkCellChange(
  tx: Queryable,
  data: CellChangeInput,
  field = '',
  release?: { mesh: Mesh; version: MeshVersion },
): CheckedCellChange {
  const mesh = release?.mesh ?? tx.select().from(meshes).where(eq(meshes.slug, data.mesh)).get();
  if (!mesh) throw fieldError(`${field}mesh`, `"${data.mesh}" is not a mesh we list`);
  const version =
    release?.version ??
    tx
      .select()
      .from(meshVersions)
      .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, data.version)))
      .get();
  if (!version) throw fieldError(`${field}version`, `"${data.version}" is not a recorded release of ${mesh.name}`);
  const row = tx
    .select({ feature: features, categoryStatus: categories.status, categoryName: categories.name })
    .from(features)
    .innerJoin(categories, eq(categories.id, features.categoryId))
    .where(eq(features.slug, data.feature))
    .get();
  if (!row) throw fieldError(`${field}feature`, `"${data.feature}" is not a row of the matrix`);
  const { feature } = row;
  const closed = cellClosedReason({
    mesh,
    feature,
    categoryName: row.categoryName,
    categoryStatus: row.categoryStatus,
  });
  if (closed) throw fieldError(`${field}${closed.field}`, closed.message);

  if (feature.kind === 'support') {
    if (!data.support) throw fieldError(`${field}support`, 'is required: choose yes, partial, no or unknown');
    if (data.text)
      throw fieldError(`${field}text`, `must be empty: ${feature.name} takes a support level and an optional note`);
  } else {
    if (!data.text) throw fieldError(`${field}text`, `is required: ${feature.name} takes a text value`);
    if (data.support) throw fieldError(`${field}support`, `must be empty: ${feature.name} takes a text value`);
  }

  const head = getCellHead(tx, version.id, feature.id);
  if (data.baseRevisionId != null) {
    const base = tx.select().from(revisions).where(eq(revisions.id, data.baseRevisionId)).get();
    if (!base || base.meshVersionId !== version.id || base.featureId !== feature.id) {
      throw fieldError(
        `${field}baseRevisionId`,
        `is not a revision of ${feature.name} in ${mesh.name} ${version.label}`,
      );
    }
  } else if (head) {
    throw fieldError(
      `${field}baseRevisionId`,
      `is required: the revision you are changing (the current one is ${head.id})`,
    );
  }
  return {
    mesh,
    version,
    feature,
    head,
    support: data.support ?? null,
    text: data.text ?? null,
    note: data.note ?? null,
  };
}

/** Refuses a value that repeats the cell's current value and sources: there is nothing to review. */
export function assertChangesSomething(
  change: CheckedCellChange,
  sources: { url: string; title?: string | null }[],
  field = 'form',
): void {
  const { head } = change;
  if (head && sameCellValue(head, change) && sameSources(head.sources, sources)) {
    throw fieldError(
      field,
      'is identical to the current value and its sources: change the value or the note, or confirm it with a new source',
    );
  }
}

/**
 * The flood limits, for `cells` new pending proposals in one submission: the
 * pending limit counts cells, the hourly limit counts submissions (a single
 * proposal, or a changeset with all its cells).
 */
export function assertWithinSubmissionLimits(
  tx: Queryable,
  authorId: number,
  now: Date,
  limits: ProposalLimits,
  cells: number,
): void {
  const pending = tx
    .select({ n: count() })
    .from(proposals)
    .where(
      and(
        eq(proposals.authorId, authorId),
        or(eq(proposals.status, 'pending'), eq(proposals.status, 'changes_requested')),
      ),
    )
    .get()!.n;
  if (pending + cells > limits.maxPending) {
    throw new TooManyRequestsError(
      cells > 1
        ? `You have ${pending} proposals waiting for review and this changeset adds ${cells}; the most allowed is ${limits.maxPending}. Withdraw some or wait for a moderator to decide.`
        : `You have ${pending} proposals waiting for review, the most allowed. Withdraw one or wait for a moderator to decide.`,
      3600,
    );
  }
  const windowStart = new Date(now.getTime() - 3600_000).toISOString();
  const recent = tx
    .select({ createdAt: proposals.createdAt })
    .from(proposals)
    .where(and(eq(proposals.authorId, authorId), gt(proposals.createdAt, windowStart), isNull(proposals.changesetId)))
    .unionAll(
      tx
        .select({ createdAt: changesets.createdAt })
        .from(changesets)
        .where(and(eq(changesets.authorId, authorId), gt(changesets.createdAt, windowStart))),
    )
    .orderBy(asc(sql`created_at`))
    .all();
  if (recent.length >= limits.maxPerHour) {
    const freeAt = new Date(Date.parse(recent[recent.length - limits.maxPerHour]!.createdAt) + 3600_000);
    throw new TooManyRequestsError(
      `You have made ${recent.length} submissions in the last hour, the most allowed. Try again after ${freeAt.toISOString().slice(11, 16)} UTC.`,
      secondsUntil(freeAt.toISOString(), now),
    );
  }
}
