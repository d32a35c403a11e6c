import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { cellHeads, revisions, type NewRevision, type Revision } from '@/db/schema';
import { isPublishableSourceList } from './sources';

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
    .values({ meshVersionId: revision.meshVersionId, featureId: revision.featureId, revisionId: revision.id, updatedAt: revision.createdAt })
    .onConflictDoUpdate({
      target: [cellHeads.meshVersionId, cellHeads.featureId],
      set: { revisionId: revision.id, updatedAt: revision.createdAt },
    })
    .run();
  return revision;
}
