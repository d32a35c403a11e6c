import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/client';
import { auditEvents, meshes, meshVersions, type Mesh, type MeshVersion } from '@/db/schema';
import { carryForwardCells } from './cells';
import { getDb } from './db';
import { BadRequestError, NotFoundError } from './errors';
import { assertCanModerate, type Actor } from './permissions';
import { addReleaseSchema, parseInput, parseSlug, setMeshStatusSchema, updateReleaseSchema } from './validation';
import { compareReleases, releaseOfVersion, sortReleases } from './versions';
import { releaseKey } from './cell-keys';

/** A mesh by its slug (checked as a slug first), or a NotFoundError naming it. */
export function meshBySlug(tx: Pick<Db, 'select'>, raw: string): Mesh {
  const slug = parseSlug(raw, 'mesh');
  const mesh = tx.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (!mesh) throw new NotFoundError(`There is no mesh "${slug}".`);
  return mesh;
}

export interface AddReleaseResult {
  version: MeshVersion;
  carriedFrom: string | null;
  carried: number;
}

/**
 * Adds a release to a mesh. It starts as `carry_forward` copies of the
 * nearest earlier release's values, each marked as not yet re-checked;
 * confirming or changing them goes through proposals like any cell.
 */
export function addRelease(actor: Actor | null, meshSlug: string, input: unknown, db: Db = getDb()): AddReleaseResult {
  assertCanModerate(actor);
  const data = parseInput(addReleaseSchema, input);
  return db.transaction((tx) => createRelease(tx, meshBySlug(tx, meshSlug), data, actor.id, new Date().toISOString()), { behavior: 'immediate' });
}

/**
 * The write behind addRelease, for callers that checked permissions and
 * input and hold a transaction (the table importer creates the releases a
 * table names). `actorId` null: the command line.
 */
export function createRelease(
  tx: Queryable,
  mesh: Mesh,
  data: { label: string; releasedOn?: string | null; releaseNotesUrl?: string | null },
  actorId: number | null,
  createdAt: string,
  auditDetails: Record<string, unknown> = {},
  options: { carryAsOfCreation?: boolean } = {},
): AddReleaseResult {
  const existing = tx.select().from(meshVersions).where(eq(meshVersions.meshId, mesh.id)).all();
  if (existing.some((v) => v.label.toLowerCase() === data.label.toLowerCase())) {
    throw new BadRequestError(`label ${data.label} already exists for ${mesh.name}`, { label: [`label ${data.label} already exists for ${mesh.name}`] });
  }
  const version = tx
    .insert(meshVersions)
    .values({ meshId: mesh.id, label: data.label, releasedOn: data.releasedOn ?? null, releaseNotesUrl: data.releaseNotesUrl ?? null, createdById: actorId, createdAt })
    .returning()
    .get();
  const previous = sortReleases(existing.filter((v) => compareReleases(releaseOfVersion(v), releaseOfVersion(version)) < 0), releaseOfVersion).at(-1);
  const carried = previous ? carryForwardCells(tx, previous.id, version.id, { createdAt, authorId: actorId, asOf: options.carryAsOfCreation ? createdAt : undefined }) : 0;
  tx.insert(auditEvents)
    .values({
      actorId,
      action: 'release.create',
      objectType: 'release',
      objectId: releaseKey(mesh.slug, version.label),
      details: { carriedFrom: previous?.label ?? null, carried, releasedOn: version.releasedOn, ...auditDetails },
      createdAt,
    })
    .run();
  return { version, carriedFrom: previous?.label ?? null, carried };
}

/** Corrects a release's date or release-notes link. */
export function updateRelease(actor: Actor | null, meshSlug: string, label: string, input: unknown, db: Db = getDb()): MeshVersion {
  assertCanModerate(actor);
  const data = parseInput(updateReleaseSchema, input);
  return db.transaction(
    (tx) => {
      const mesh = meshBySlug(tx, meshSlug);
      const version = tx.select().from(meshVersions).where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, label))).get();
      if (!version) throw new NotFoundError(`${mesh.name} has no release "${label}".`);
      const updated = tx
        .update(meshVersions)
        .set({ releasedOn: data.releasedOn ?? null, releaseNotesUrl: data.releaseNotesUrl ?? null })
        .where(eq(meshVersions.id, version.id))
        .returning()
        .get();
      tx.insert(auditEvents)
        .values({
          actorId: actor.id,
          action: 'release.update',
          objectType: 'release',
          objectId: releaseKey(mesh.slug, label),
          details: { from: { releasedOn: version.releasedOn, releaseNotesUrl: version.releaseNotesUrl }, to: { releasedOn: updated.releasedOn, releaseNotesUrl: updated.releaseNotesUrl } },
        })
        .run();
      return updated;
    },
    { behavior: 'immediate' },
  );
}

/** Archives a mesh (it leaves the default matrix, keeps every page) or makes it active again, with a reason. */
export function setMeshStatus(actor: Actor | null, meshSlug: string, input: unknown, db: Db = getDb()): Mesh {
  assertCanModerate(actor);
  const data = parseInput(setMeshStatusSchema, input);
  return db.transaction(
    (tx) => {
      const mesh = meshBySlug(tx, meshSlug);
      if (mesh.status === data.status) throw new BadRequestError(`status ${mesh.name} is already ${data.status}`, { status: [`status ${mesh.name} is already ${data.status}`] });
      const updated = tx
        .update(meshes)
        .set({ status: data.status, statusNote: data.reason, statusSourceUrl: data.sourceUrl, updatedAt: new Date().toISOString() })
        .where(eq(meshes.id, mesh.id))
        .returning()
        .get();
      tx.insert(auditEvents)
        .values({ actorId: actor.id, action: 'mesh.status', objectType: 'mesh', objectId: mesh.slug, details: { from: mesh.status, to: data.status, reason: data.reason, sourceUrl: data.sourceUrl } })
        .run();
      return updated;
    },
    { behavior: 'immediate' },
  );
}
