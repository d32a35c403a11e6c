import 'server-only';
import { and, count, eq, gte, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import {
  categories,
  changesets,
  features,
  meshes,
  meshVersions,
  proposals,
  revisions,
  users,
  type Proposal,
  type Revision,
  type User,
} from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { defineCommand } from '../command';
import { getDb } from '../db';
import { cellClosedReason } from '../proposals/proposals';
import { publishProposal } from '../proposals/review';
import { getTrustThreshold } from '../settings/settings';
import { ConflictError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow, assertCanModerate, type Actor } from '../../rules/permissions';
import {
  isTrustedContributor,
  meetsTrustThreshold,
  revertWindowStart,
  type TrustRecord,
  type TrustThreshold,
} from '../../rules/trust';
import { setUserTrustSchema } from './schemas';

function displayName(user: Pick<User, 'id' | 'name' | 'email'>): string {
  return user.name ?? user.email ?? `user ${user.id}`;
}

/**
 * What the automatic threshold looks at: approved proposals ever, and reverts
 * within the window whose replaced head was one of the author's published
 * values (a `revert` revision's parent is the head it replaced).
 */
export function trustRecordOf(q: Queryable, userId: number, threshold: TrustThreshold, now: Date): TrustRecord {
  const approved = q
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.authorId, userId), eq(proposals.status, 'approved')))
    .get()!.n;
  const replaced = alias(revisions, 'replaced');
  const revertedRecently = q
    .select({ n: count() })
    .from(revisions)
    .innerJoin(replaced, eq(replaced.id, revisions.parentRevisionId))
    .innerJoin(proposals, eq(proposals.id, replaced.proposalId))
    .where(
      and(
        eq(revisions.kind, 'revert'),
        gte(revisions.createdAt, revertWindowStart(threshold, now)),
        eq(proposals.authorId, userId),
      ),
    )
    .get()!.n;
  return { approved, revertedRecently };
}

/** Whether a user's proposals publish without review now: marked trusted, or meeting the threshold when it is on. */
export function isTrustedNow(q: Queryable, user: Pick<User, 'id' | 'trusted' | 'banned'>, now: Date): boolean {
  if (user.banned) return false;
  if (user.trusted) return true;
  const threshold = getTrustThreshold(q);
  if (!threshold.enabled) return false;
  return meetsTrustThreshold(threshold, trustRecordOf(q, user.id, threshold, now));
}

/** Whether the author ever declared working for or with this mesh's vendor, on a proposal or a changeset. */
function declaredAffiliation(q: Queryable, authorId: number, meshId: number): boolean {
  const onProposal = q
    .select({ id: proposals.id })
    .from(proposals)
    .innerJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .where(and(eq(proposals.authorId, authorId), eq(proposals.affiliated, true), eq(meshVersions.meshId, meshId)))
    .limit(1)
    .get();
  if (onProposal) return true;
  const onChangeset = q
    .select({ id: changesets.id })
    .from(changesets)
    .leftJoin(proposals, eq(proposals.changesetId, changesets.id))
    .leftJoin(meshVersions, eq(meshVersions.id, proposals.meshVersionId))
    .where(
      and(
        eq(changesets.authorId, authorId),
        eq(changesets.affiliated, true),
        or(eq(meshVersions.meshId, meshId), eq(changesets.releaseMeshId, meshId)),
      ),
    )
    .limit(1)
    .get();
  return !!onChangeset;
}

/**
 * Publishes a pending proposal at once, inside the caller's transaction, when
 * its author is trusted (marked, or by the threshold when it is on) and not
 * banned; it has no conflict (based on the cell's current head, or on nothing
 * when the cell is empty); neither it nor any earlier proposal or changeset of
 * the author declares an affiliation with the mesh; and the cell still takes
 * values. Otherwise it returns null and the proposal waits for review. The
 * published proposal is marked for patrol.
 */
export function publishIfTrusted(tx: Queryable, proposal: Proposal, at: string): Revision | null {
  if (proposal.status !== 'pending' || proposal.affiliated) return null;
  const author = tx.select().from(users).where(eq(users.id, proposal.authorId)).get();
  if (!author || !isTrustedNow(tx, author, new Date(at))) return null;
  const cell = tx
    .select({ mesh: meshes, feature: features, categoryName: categories.name, categoryStatus: categories.status })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .innerJoin(features, eq(features.id, proposal.featureId))
    .innerJoin(categories, eq(categories.id, features.categoryId))
    .where(eq(meshVersions.id, proposal.meshVersionId))
    .get();
  if (!cell || cellClosedReason(cell)) return null;
  const head = getCellHead(tx, proposal.meshVersionId, proposal.featureId);
  if ((head?.id ?? null) !== proposal.baseRevisionId) return null;
  if (declaredAffiliation(tx, author.id, cell.mesh.id)) return null;
  return publishProposal(tx, proposal, { approverId: author.id, comment: null, at, withoutReview: true });
}

/**
 * A moderator or admin marks someone trusted, or takes it back, with a reason
 * for the audit log. Nobody changes their own trust, and a banned account is
 * not made trusted. The acting moderator is read again inside the transaction,
 * so one demoted or banned a moment ago cannot finish.
 */
export const setUserTrust = defineCommand({
  name: 'user.trust',
  authorize: allow.moderator,
  schema: setUserTrustSchema,
  text: 'refuse',
  run: ({ actor, input, tx }) => {
    assertCanModerate(tx.select().from(users).where(eq(users.id, actor.id)).get() ?? null);
    const target = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!target) throw new NotFoundError(`There is no user ${input.userId}.`);
    if (target.id === actor.id)
      throw new ForbiddenError('You cannot change your own trust; another moderator or admin must.');
    if (target.trusted === input.trusted)
      throw new ConflictError(`${displayName(target)} is ${input.trusted ? 'already' : 'not'} trusted.`, {
        trusted: target.trusted,
      });
    if (input.trusted && target.banned)
      throw new ConflictError(`${displayName(target)} is banned; lift the ban before trusting them.`, {
        banned: true,
      });
    return tx
      .update(users)
      .set({ trusted: input.trusted, trustedReason: input.trusted ? input.reason : null })
      .where(and(eq(users.id, target.id), ne(users.trusted, input.trusted)))
      .returning()
      .get()!;
  },
  audit: (user, { input }) => ({
    objectType: 'user',
    objectId: String(user.id),
    details: {
      from: user.trusted ? 'untrusted' : 'trusted',
      to: user.trusted ? 'trusted' : 'untrusted',
      reason: input.reason,
    },
  }),
  // Trust shows on no cached page: it decides how the person's next proposals are handled.
  changes: (user) => ({ paths: [`/review/contributors/${user.id}`] }),
});

export interface ContributorTrust {
  id: number;
  name: string | null;
  email: string | null;
  role: User['role'];
  banned: boolean;
  trusted: boolean;
  trustedReason: string | null;
  /** Trusted by the automatic threshold (on, and met) without being marked. */
  byThreshold: boolean;
  threshold: TrustThreshold;
  record: TrustRecord;
  rejected: number;
}

/** One person's trust for the moderators' contributor page. */
export function getContributorTrust(
  actor: Actor | null,
  userId: number,
  now: Date = new Date(),
  q: Queryable = getDb(),
): ContributorTrust {
  assertCanModerate(actor);
  const user = q.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new NotFoundError(`There is no user ${userId}.`);
  const threshold = getTrustThreshold(q);
  const record = trustRecordOf(q, user.id, threshold, now);
  const rejected = q
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.authorId, user.id), eq(proposals.status, 'rejected')))
    .get()!.n;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    banned: user.banned,
    trusted: user.trusted,
    trustedReason: user.trustedReason,
    byThreshold: !user.trusted && isTrustedContributor(user, threshold, record),
    threshold,
    record,
    rejected,
  };
}
