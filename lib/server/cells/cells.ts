import 'server-only';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { cellHeads, features, revisions, type NewRevision, type Revision } from '@/db/schema';
import { isPublishableSourceList } from '../../rules/sources';

export class UnsourcedValueError extends Error {
  override name = 'UnsourcedValueError';
}

export type AppendRevisionInput = Omit<NewRevision, 'id' | 'parentRevisionId'>;

export function getCellHead(q: Queryable, meshVersionId: number, featureId: number): Revision | undefined {
  return q
    .select({ revision: revisions })
    .from(cellHeads)
    .innerJoin(revisions, eq(revisions.id, cellHeads.revisionId))
    .where(and(eq(cellHeads.meshVersionId, meshVersionId), eq(cellHeads.featureId, featureId)))
    .get()?.revision;
}

/**
 * The only writer of cell heads: appends a revision whose parent is the
 * current head and moves the head to it. Callers pass their open
 * transaction so the two writes (and whatever the caller records with them)
 * commit together or not at all.
 */
export function appendRevision(tx: Queryable, input: AppendRevisionInput): Revision {
  if (!isPublishableSourceList(input.sources)) {
    throw new UnsourcedValueError('Every published value needs at least one http(s) source');
  }
  const head = getCellHead(tx, input.meshVersionId, input.featureId);
  const revision = tx
    .insert(revisions)
    .values({ ...input, parentRevisionId: head?.id ?? null })
    .returning()
    .get();
  tx.insert(cellHeads)
    .values({
      meshVersionId: revision.meshVersionId,
      featureId: revision.featureId,
      revisionId: revision.id,
      updatedAt: revision.createdAt,
    })
    .onConflictDoUpdate({
      target: [cellHeads.meshVersionId, cellHeads.featureId],
      set: { revisionId: revision.id, updatedAt: revision.createdAt },
    })
    .run();
  return revision;
}

function currentValues(tx: Queryable, versionId: number): Revision[] {
  return tx
    .select({ revision: revisions })
    .from(cellHeads)
    .innerJoin(revisions, eq(revisions.id, cellHeads.revisionId))
    .innerJoin(features, eq(features.id, cellHeads.featureId))
    .where(and(eq(cellHeads.meshVersionId, versionId), eq(features.status, 'active')))
    .all()
    .map((r) => r.revision);
}

/** Each active row's value as it stood at `asOf`: a release created back in time (a table's history) carries no later values. */
function valuesAsOf(tx: Queryable, versionId: number, asOf: string): Revision[] {
  const rows = tx
    .select({ revision: revisions })
    .from(revisions)
    .innerJoin(features, eq(features.id, revisions.featureId))
    .where(and(eq(revisions.meshVersionId, versionId), eq(features.status, 'active'), lte(revisions.createdAt, asOf)))
    .orderBy(asc(revisions.createdAt), asc(revisions.id))
    .all();
  const latest = new Map<number, Revision>();
  for (const { revision } of rows) latest.set(revision.featureId, revision);
  return [...latest.values()];
}

/**
 * Starts a release from its predecessor: one `carry_forward` revision per
 * active row that has a value in `fromVersionId` (except `skipFeatureIds`),
 * pointing at the release where the value was last checked. Touches nothing
 * in the older release.
 */
export function carryForwardCells(
  tx: Queryable,
  fromVersionId: number,
  toVersionId: number,
  options: { createdAt?: string; skipFeatureIds?: Set<number>; authorId?: number | null; asOf?: string } = {},
): number {
  const origins = options.asOf ? valuesAsOf(tx, fromVersionId, options.asOf) : currentValues(tx, fromVersionId);
  let carried = 0;
  for (const origin of origins) {
    if (options.skipFeatureIds?.has(origin.featureId)) continue;
    appendRevision(tx, {
      meshVersionId: toVersionId,
      featureId: origin.featureId,
      support: origin.support,
      text: origin.text,
      note: origin.note,
      sources: origin.sources,
      kind: 'carry_forward',
      carriedFromRevisionId: origin.kind === 'carry_forward' ? origin.carriedFromRevisionId : origin.id,
      authorId: options.authorId ?? null,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    });
    carried++;
  }
  return carried;
}
