import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '@/db/client';
import { meshes, meshVersions, type Mesh, type MeshVersion } from '@/db/schema';
import { carryForwardCells } from '../cells/cells';
import { recordAuditEvent } from '../audit/audit';
import { defineCommand } from '../command';
import { BadRequestError, NotFoundError } from '../../rules/errors';
import { allow } from '../../rules/permissions';
import { parseSlug } from '../../rules/validation';
import { addReleaseSchema, setMeshStatusSchema, updateReleaseSchema } from './schemas';
import { compareReleases, releaseOfVersion, sortReleases } from '../../rules/versions';
import { releaseKey } from '../../rules/cell-keys';

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

export const addReleaseCommandSchema = z.object({ mesh: z.string(), ...addReleaseSchema.shape }).strict();
export const updateReleaseCommandSchema = z
  .object({ mesh: z.string(), version: z.string(), ...updateReleaseSchema.shape })
  .strict();
export const setMeshStatusCommandSchema = z.object({ mesh: z.string(), ...setMeshStatusSchema.shape }).strict();

/** A release, a date or a mesh's status changes columns in every view. */
const everything = () => ({ everything: true });

/**
 * Adds a release to a mesh. It starts as `carry_forward` copies of the
 * nearest earlier release's values, each marked as not yet re-checked;
 * confirming or changing them goes through proposals like any cell.
 */
export const addRelease = defineCommand({
  name: 'release.create',
  authorize: allow.moderator,
  schema: addReleaseCommandSchema,
  run: ({ actor, input: { mesh, ...data }, tx, at }) => createRelease(tx, meshBySlug(tx, mesh), data, actor.id, at),
  // createRelease records it: the importer creates releases inside its own command.
  audit: null,
  changes: everything,
});

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
    throw new BadRequestError(`label ${data.label} already exists for ${mesh.name}`, {
      label: [`label ${data.label} already exists for ${mesh.name}`],
    });
  }
  const version = tx
    .insert(meshVersions)
    .values({
      meshId: mesh.id,
      label: data.label,
      releasedOn: data.releasedOn ?? null,
      releaseNotesUrl: data.releaseNotesUrl ?? null,
      createdById: actorId,
      createdAt,
    })
    .returning()
    .get();
  const previous = sortReleases(
    existing.filter((v) => compareReleases(releaseOfVersion(v), releaseOfVersion(version)) < 0),
    releaseOfVersion,
  ).at(-1);
  const carried = previous
    ? carryForwardCells(tx, previous.id, version.id, {
        createdAt,
        authorId: actorId,
        asOf: options.carryAsOfCreation ? createdAt : undefined,
      })
    : 0;
  recordAuditEvent(tx, {
    actorId,
    action: 'release.create',
    objectType: 'release',
    objectId: releaseKey(mesh.slug, version.label),
    details: { carriedFrom: previous?.label ?? null, carried, releasedOn: version.releasedOn, ...auditDetails },
    createdAt,
  });
  return { version, carriedFrom: previous?.label ?? null, carried };
}

/** Corrects a release's date or release-notes link. */
export const updateRelease = defineCommand({
  name: 'release.update',
  authorize: allow.moderator,
  schema: updateReleaseCommandSchema,
  run: ({ input: data, tx }) => {
    const mesh = meshBySlug(tx, data.mesh);
    const version = tx
      .select()
      .from(meshVersions)
      .where(and(eq(meshVersions.meshId, mesh.id), eq(meshVersions.label, data.version)))
      .get();
    if (!version) throw new NotFoundError(`${mesh.name} has no release "${data.version}".`);
    const updated = tx
      .update(meshVersions)
      .set({ releasedOn: data.releasedOn ?? null, releaseNotesUrl: data.releaseNotesUrl ?? null })
      .where(eq(meshVersions.id, version.id))
      .returning()
      .get();
    return { mesh, before: version, version: updated };
  },
  audit: ({ mesh, before, version }) => ({
    objectType: 'release',
    objectId: releaseKey(mesh.slug, version.label),
    details: {
      from: { releasedOn: before.releasedOn, releaseNotesUrl: before.releaseNotesUrl },
      to: { releasedOn: version.releasedOn, releaseNotesUrl: version.releaseNotesUrl },
    },
  }),
  changes: everything,
});

/** Archives a mesh (it leaves the default matrix, keeps every page) or makes it active again, with a reason. */
export const setMeshStatus = defineCommand({
  name: 'mesh.status',
  authorize: allow.moderator,
  schema: setMeshStatusCommandSchema,
  run: ({ input: data, tx, at }) => {
    const mesh = meshBySlug(tx, data.mesh);
    if (mesh.status === data.status)
      throw new BadRequestError(`status ${mesh.name} is already ${data.status}`, {
        status: [`status ${mesh.name} is already ${data.status}`],
      });
    const updated = tx
      .update(meshes)
      .set({ status: data.status, statusNote: data.reason, statusSourceUrl: data.sourceUrl, updatedAt: at })
      .where(eq(meshes.id, mesh.id))
      .returning()
      .get();
    return { before: mesh, mesh: updated };
  },
  audit: ({ before, mesh }, { input }) => ({
    objectType: 'mesh',
    objectId: before.slug,
    details: { from: before.status, to: mesh.status, reason: input.reason, sourceUrl: input.sourceUrl },
  }),
  changes: everything,
});
