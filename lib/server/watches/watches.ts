import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '@/db/client';
import { features, meshes, meshVersions, users, watches, type User } from '@/db/schema';
import { fieldError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { cellPath } from '../../rules/format';
import { allow } from '../../rules/permissions';
import { watchKey, watchTargetKindOf } from '../../rules/watchlist';
import { defineCommand } from '../command';
import { getDb } from '../db';
import { markWatchlistSeenSchema, rotateFeedTokenSchema, unwatchTargetSchema, watchTargetSchema } from './schemas';

/** A followed thing as /watchlist and `GET /api/v1/watches` show it. */
export interface WatchView {
  id: number;
  key: string;
  kind: 'mesh' | 'row' | 'cell';
  mesh: string | null;
  version: string | null;
  feature: string | null;
  /** "Istio", "mTLS (every mesh)", "mTLS in Istio 1.24". */
  title: string;
  url: string;
  createdAt: string;
}

/**
 * Follows a mesh, a row or a cell. Following something already followed is harmless: it answers the existing watch
 * (`created: false`), so a Follow button on a page cached for everyone can be pressed twice.
 */
export const watchTarget = defineCommand({
  name: 'watch.add',
  authorize: allow.proposer,
  schema: watchTargetSchema,
  text: 'refuse',
  run: ({ actor, input, tx, at }) => {
    const kind = watchTargetKindOf(input);
    if (typeof kind !== 'string') throw kind;
    let meshId: number | null = null;
    let meshVersionId: number | null = null;
    let featureId: number | null = null;
    let title: string;
    if (input.mesh) {
      const mesh = tx.select().from(meshes).where(eq(meshes.slug, input.mesh)).get();
      if (!mesh) throw fieldError('mesh', `"${input.mesh}" is not a mesh we list`);
      meshId = mesh.id;
      title = mesh.name;
      if (input.version) {
        const version = tx
          .select()
          .from(meshVersions)
          .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, input.version)))
          .get();
        if (!version) throw fieldError('version', `"${input.version}" is not a recorded release of ${mesh.name}`);
        meshVersionId = version.id;
        title = `${mesh.name} ${version.label}`;
      }
    }
    if (input.feature) {
      const feature = tx.select().from(features).where(eq(features.slug, input.feature)).get();
      if (!feature) throw fieldError('feature', `"${input.feature}" is not a row of the matrix`);
      featureId = feature.id;
      title = kind === 'row' ? `${feature.name} (every mesh)` : `${feature.name} in ${title!}`;
    }
    const key =
      kind === 'mesh'
        ? watchKey({ kind, meshId: meshId! })
        : kind === 'row'
          ? watchKey({ kind, featureId: featureId! })
          : watchKey({ kind, meshVersionId: meshVersionId!, featureId: featureId! });
    const existing = tx
      .select({ id: watches.id })
      .from(watches)
      .where(and(eq(watches.userId, actor.id), eq(watches.key, key)))
      .get();
    if (existing) return { id: existing.id, key, kind, title: title!, created: false };
    // A cell watch names its release and row only: a mesh watch is what matches a whole mesh.
    const row = tx
      .insert(watches)
      .values({
        userId: actor.id,
        key,
        meshId: kind === 'mesh' ? meshId : null,
        meshVersionId: kind === 'cell' ? meshVersionId : null,
        featureId,
        createdAt: at,
      })
      .returning({ id: watches.id })
      .get();
    return { id: row.id, key, kind, title: title!, created: true };
  },
  audit: (result) =>
    result.created ? { objectType: 'watch', objectId: String(result.id), details: { key: result.key } } : null,
  changes: () => ({ paths: ['/watchlist'] }),
});

/** Stops following. Only the follower may; anyone else's watch (or none) is a 404, so ids reveal nothing. */
export const unwatchTarget = defineCommand({
  name: 'watch.remove',
  authorize: allow.signedIn,
  schema: unwatchTargetSchema,
  run: ({ actor, input, tx }) => {
    const watch = tx.select().from(watches).where(eq(watches.id, input.id)).get();
    if (!watch || watch.userId !== actor.id) throw new NotFoundError(`You follow nothing with id ${input.id}.`);
    tx.delete(watches).where(eq(watches.id, watch.id)).run();
    return { id: watch.id, key: watch.key };
  },
  audit: (result) => ({ objectType: 'watch', objectId: String(result.id), details: { key: result.key } }),
  changes: () => ({ paths: ['/watchlist'] }),
});

/** 32 random bytes, base64url: the secret in a private feed URL. */
function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Makes or replaces the secret of the user's private watchlist feed (the old URL stops working at once), or revokes
 * it. A banned user may revoke but not make one. The audit event says which, never the secret.
 */
export const rotateFeedToken = defineCommand({
  name: 'watch.feed-token',
  authorize: allow.signedIn,
  schema: rotateFeedTokenSchema,
  run: ({ actor, input, tx }) => {
    if (input.feed === 'replace' && actor.banned)
      throw new ForbiddenError('This account is banned; it can revoke its feed but not make a new one.');
    const token = input.feed === 'replace' ? newFeedToken() : null;
    tx.update(users).set({ feedToken: token }).where(eq(users.id, actor.id)).run();
    return { userId: actor.id, feed: input.feed, token };
  },
  audit: (result) => ({ objectType: 'user', objectId: String(result.userId), details: { feed: result.feed } }),
  changes: () => ({ paths: ['/watchlist'] }),
});

/** Opening /watchlist: what happened until now is read. Nothing to audit (a visit). */
export const markWatchlistSeen = defineCommand({
  name: 'watch.seen',
  authorize: allow.signedIn,
  schema: markWatchlistSeenSchema,
  run: ({ actor, tx, at }) => {
    tx.update(users).set({ watchlistSeenAt: at }).where(eq(users.id, actor.id)).run();
    return { userId: actor.id, seenAt: at };
  },
  audit: () => null,
  changes: () => ({}),
});

/** A cell watch's mesh, reached through its release. */
const versionMesh = alias(meshes, 'version_mesh');

/** What the user follows, newest first. */
export function listWatches(userId: number, q: Queryable = getDb()): WatchView[] {
  const rows = q
    .select({
      watch: watches,
      meshSlug: meshes.slug,
      meshName: meshes.name,
      label: meshVersions.label,
      versionMeshSlug: versionMesh.slug,
      versionMeshName: versionMesh.name,
      featureSlug: features.slug,
      featureName: features.name,
    })
    .from(watches)
    .leftJoin(meshes, eq(meshes.id, watches.meshId))
    .leftJoin(meshVersions, eq(meshVersions.id, watches.meshVersionId))
    .leftJoin(versionMesh, eq(versionMesh.id, meshVersions.meshId))
    .leftJoin(features, eq(features.id, watches.featureId))
    .where(eq(watches.userId, userId))
    .orderBy(desc(watches.createdAt), desc(watches.id))
    .all();
  return rows.map((row): WatchView => {
    const { watch } = row;
    const base = { id: watch.id, key: watch.key, createdAt: watch.createdAt };
    if (watch.meshVersionId !== null && row.label !== null && row.versionMeshSlug && row.featureSlug) {
      return {
        ...base,
        kind: 'cell',
        mesh: row.versionMeshSlug,
        version: row.label,
        feature: row.featureSlug,
        title: `${row.featureName} in ${row.versionMeshName} ${row.label}`,
        url: cellPath(row.versionMeshSlug, row.label, row.featureSlug),
      };
    }
    if (watch.meshId !== null && row.meshSlug) {
      return {
        ...base,
        kind: 'mesh',
        mesh: row.meshSlug,
        version: null,
        feature: null,
        title: row.meshName!,
        url: `/meshes/${encodeURIComponent(row.meshSlug)}`,
      };
    }
    return {
      ...base,
      kind: 'row',
      mesh: null,
      version: null,
      feature: row.featureSlug,
      title: `${row.featureName} (every mesh)`,
      url: `/rows/${encodeURIComponent(row.featureSlug ?? '')}`,
    };
  });
}

/** The user a private feed URL belongs to; none for an unknown or revoked secret. */
export function findUserByFeedToken(token: string, q: Queryable = getDb()): User | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return q.select().from(users).where(eq(users.feedToken, token)).get();
}
