import 'server-only';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { changesets, comments, features, meshes, meshVersions, proposals, users, type Comment } from '@/db/schema';
import { getDb } from '../db';
import { parseEnv } from '../env';
import { defineCommand, type Changes, type CommandContext } from '../command';
import { ConflictError, fieldError, NotFoundError, TooManyRequestsError } from '../../rules/errors';
import { allow, hasRole, type Actor, type AnyActor } from '../../rules/permissions';
import type { CellRef } from '../../rules/cell-keys';
import {
  addCommentSchema,
  hideCommentSchema,
  unhideCommentSchema,
  type AddCommentInput,
  type CommentTargetInput,
  commentThreadPath,
} from './schemas';

export function commentMaxPerHourFromEnv(): number {
  return parseEnv().COMMENT_MAX_PER_HOUR;
}

/** A thread, resolved to the ids stored on its comments and the page that shows it. */
export interface ResolvedTarget {
  target: CommentTargetInput['target'];
  proposalId: number | null;
  changesetId: number | null;
  meshVersionId: number | null;
  featureId: number | null;
  /** The cell, for a cell's thread: its cached pages are refreshed. */
  cell: CellRef | null;
  /** The page a comment on this thread is read on. */
  path: string;
}

/** Finds what a thread is about, or a 400 naming the field that names nothing. */
export function resolveCommentTarget(q: Queryable, input: CommentTargetInput): ResolvedTarget {
  const none = { proposalId: null, changesetId: null, meshVersionId: null, featureId: null, cell: null };
  switch (input.target) {
    case 'proposal': {
      const found = q.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, input.proposalId!)).get();
      if (!found) throw fieldError('proposalId', `there is no proposal ${input.proposalId}`);
      return { ...none, target: 'proposal', proposalId: found.id, path: commentThreadPath(input) };
    }
    case 'changeset': {
      const found = q.select({ id: changesets.id }).from(changesets).where(eq(changesets.id, input.changesetId!)).get();
      if (!found) throw fieldError('changesetId', `there is no changeset ${input.changesetId}`);
      return { ...none, target: 'changeset', changesetId: found.id, path: commentThreadPath(input) };
    }
    case 'cell': {
      const mesh = q.select().from(meshes).where(eq(meshes.slug, input.mesh!)).get();
      if (!mesh) throw fieldError('mesh', `"${input.mesh}" is not a mesh we list`);
      const version = q
        .select()
        .from(meshVersions)
        .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, input.version!)))
        .get();
      if (!version) throw fieldError('version', `"${input.version}" is not a recorded release of ${mesh.name}`);
      const feature = q.select().from(features).where(eq(features.slug, input.feature!)).get();
      if (!feature) throw fieldError('feature', `"${input.feature}" is not a row of the matrix`);
      const cell = { meshSlug: mesh.slug, label: version.label, featureSlug: feature.slug };
      return {
        ...none,
        target: 'cell',
        meshVersionId: version.id,
        featureId: feature.id,
        cell,
        path: commentThreadPath({ target: 'cell', mesh: mesh.slug, version: version.label, feature: feature.slug }),
      };
    }
    case 'row': {
      const feature = q.select().from(features).where(eq(features.slug, input.feature!)).get();
      if (!feature) throw fieldError('feature', `"${input.feature}" is not a row of the matrix`);
      return { ...none, target: 'row', featureId: feature.id, path: commentThreadPath(input) };
    }
  }
}

/** Every page that shows a thread: its own, and the cached cell page that shows a cell's public thread. */
function threadChanges(thread: ResolvedTarget): Changes {
  return { cells: thread.cell ? [thread.cell] : [], paths: [thread.path] };
}

export interface AddCommentResult {
  id: number;
  thread: ResolvedTarget;
}

/**
 * A signed-in reader who is not banned adds a plain-text comment to a thread. The thread must exist; an author
 * writes at most COMMENT_MAX_PER_HOUR comments an hour (a 429 saying when the next one is allowed).
 */
export const addComment = defineCommand({
  name: 'comment.add',
  authorize: allow.proposer,
  limit: 'submission',
  text: 'refuse',
  schema: addCommentSchema,
  run: ({
    actor,
    input,
    tx,
    now,
    at,
    options,
  }: CommandContext<Actor, AddCommentInput, { maxPerHour?: number }>): AddCommentResult => {
    const thread = resolveCommentTarget(tx, input);
    const maxPerHour = options.maxPerHour ?? commentMaxPerHourFromEnv();
    const windowStart = new Date(now.getTime() - 3600_000).toISOString();
    const recent = tx
      .select({ createdAt: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.authorId, actor.id), gt(comments.createdAt, windowStart)))
      .orderBy(asc(comments.createdAt))
      .all();
    if (recent.length >= maxPerHour) {
      const freeAt = Date.parse(recent[recent.length - maxPerHour]!.createdAt) + 3600_000;
      throw new TooManyRequestsError(
        `You have written ${recent.length} comments in the last hour, the most allowed. Try again after ${new Date(freeAt).toISOString().slice(11, 16)} UTC.`,
        Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
      );
    }
    const row = tx
      .insert(comments)
      .values({
        target: thread.target,
        proposalId: thread.proposalId,
        changesetId: thread.changesetId,
        meshVersionId: thread.meshVersionId,
        featureId: thread.featureId,
        authorId: actor.id,
        body: input.body,
        createdAt: at,
      })
      .returning({ id: comments.id })
      .get();
    return { id: row.id, thread };
  },
  audit: (result) => ({
    objectType: 'comment',
    objectId: String(result.id),
    details: { target: result.thread.target, path: result.thread.path },
  }),
  changes: (result) => threadChanges(result.thread),
});

function threadOf(q: Queryable, comment: Comment): ResolvedTarget {
  const base = {
    target: comment.target,
    proposalId: comment.proposalId,
    changesetId: comment.changesetId,
    meshVersionId: comment.meshVersionId,
    featureId: comment.featureId,
  };
  if (comment.target === 'proposal')
    return { ...base, cell: null, path: commentThreadPath({ target: 'proposal', proposalId: comment.proposalId! }) };
  if (comment.target === 'changeset')
    return { ...base, cell: null, path: commentThreadPath({ target: 'changeset', changesetId: comment.changesetId! }) };
  const feature = q.select({ slug: features.slug }).from(features).where(eq(features.id, comment.featureId!)).get()!;
  if (comment.target === 'row')
    return { ...base, cell: null, path: commentThreadPath({ target: 'row', feature: feature.slug }) };
  const release = q
    .select({ meshSlug: meshes.slug, label: meshVersions.label })
    .from(meshVersions)
    .innerJoin(meshes, eq(meshes.id, meshVersions.meshId))
    .where(eq(meshVersions.id, comment.meshVersionId!))
    .get()!;
  const cell = { ...release, featureSlug: feature.slug };
  const path = commentThreadPath({
    target: 'cell',
    mesh: cell.meshSlug,
    version: cell.label,
    feature: cell.featureSlug,
  });
  return { ...base, cell, path };
}

function findComment(q: Queryable, id: number): Comment {
  const comment = q.select().from(comments).where(eq(comments.id, id)).get();
  if (!comment) throw new NotFoundError(`There is no comment ${id}.`);
  return comment;
}

/** A moderator hides a comment with a reason; it stays stored and its author and moderators still read it. */
export const hideComment = defineCommand({
  name: 'comment.hide',
  authorize: allow.moderator,
  schema: hideCommentSchema,
  text: 'refuse',
  run: ({ actor, input, tx, at }) => {
    const comment = findComment(tx, input.id);
    if (comment.hiddenAt) throw new ConflictError(`Comment ${input.id} is already hidden.`, { hidden: true });
    tx.update(comments)
      .set({ hiddenAt: at, hiddenById: actor.id, hiddenReason: input.reason })
      .where(and(eq(comments.id, input.id), isNull(comments.hiddenAt)))
      .run();
    return { id: input.id, reason: input.reason, thread: threadOf(tx, comment) };
  },
  audit: (result) => ({ objectType: 'comment', objectId: String(result.id), details: { reason: result.reason } }),
  changes: (result) => threadChanges(result.thread),
});

/** A moderator shows a hidden comment again (a mistaken hide); a comment that is not hidden is a conflict. */
export const unhideComment = defineCommand({
  name: 'comment.unhide',
  authorize: allow.moderator,
  schema: unhideCommentSchema,
  run: ({ input, tx }) => {
    const comment = findComment(tx, input.id);
    if (!comment.hiddenAt) throw new ConflictError(`Comment ${input.id} is not hidden.`, { hidden: false });
    tx.update(comments)
      .set({ hiddenAt: null, hiddenById: null, hiddenReason: null })
      .where(eq(comments.id, input.id))
      .run();
    return { id: input.id, previousReason: comment.hiddenReason, thread: threadOf(tx, comment) };
  },
  audit: (result) => ({
    objectType: 'comment',
    objectId: String(result.id),
    details: { previousReason: result.previousReason },
  }),
  changes: (result) => threadChanges(result.thread),
});

/** One comment as a viewer may see it: a hidden one has no body unless the viewer wrote it or moderates. */
export type CommentView =
  | {
      id: number;
      authorName: string | null;
      createdAt: string;
      body: string;
      hidden: boolean;
      hiddenReason: string | null;
      mine: boolean;
    }
  | { id: number; createdAt: string; hidden: true; hiddenReason: string | null };

/** Who reads the thread: a signed-in person, or null for everyone (the cached public view). */
export type CommentViewer = Actor | null;

/** May this viewer read a hidden comment's text: its author, or a moderator or admin. */
export function canSeeHiddenComment(viewer: AnyActor | null | undefined, authorId: number): boolean {
  if (!viewer || typeof viewer === 'symbol') return false;
  return viewer.id === authorId || hasRole(viewer, 'moderator');
}

/** A thread oldest first, as the viewer may see it. The thread must exist (a 400 naming the field otherwise). */
export function listComments(input: CommentTargetInput, viewer: CommentViewer, q: Queryable = getDb()): CommentView[] {
  const thread = resolveCommentTarget(q, input);
  const where =
    thread.target === 'proposal'
      ? and(eq(comments.target, 'proposal'), eq(comments.proposalId, thread.proposalId!))
      : thread.target === 'changeset'
        ? and(eq(comments.target, 'changeset'), eq(comments.changesetId, thread.changesetId!))
        : thread.target === 'cell'
          ? and(
              eq(comments.target, 'cell'),
              eq(comments.meshVersionId, thread.meshVersionId!),
              eq(comments.featureId, thread.featureId!),
            )
          : and(eq(comments.target, 'row'), eq(comments.featureId, thread.featureId!));
  const rows = q
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(where)
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
  return rows.map(({ comment, authorName }): CommentView => {
    const hidden = comment.hiddenAt !== null;
    if (hidden && !canSeeHiddenComment(viewer, comment.authorId))
      return { id: comment.id, createdAt: comment.createdAt, hidden: true, hiddenReason: comment.hiddenReason };
    return {
      id: comment.id,
      authorName,
      createdAt: comment.createdAt,
      body: comment.body,
      hidden,
      hiddenReason: comment.hiddenReason,
      mine: viewer !== null && viewer.id === comment.authorId,
    };
  });
}
