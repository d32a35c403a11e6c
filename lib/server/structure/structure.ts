import 'server-only';
import { and, asc, desc, eq, max, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import {
  auditEvents,
  categories,
  features,
  meshAliases,
  meshes,
  meshVersions,
  type Category,
  type Feature,
  type Mesh,
  type MeshVersion,
} from '@/db/schema';
import { getDb } from '../db';
import { fieldError, NotFoundError } from '../../rules/errors';
import { allow, assertIsAdmin, type Actor } from '../../rules/permissions';
import { recordAuditEvent } from '../audit/audit';
import { defineCommand } from '../command';
import { createRelease, meshBySlug } from '../releases/releases';
import { slugFromName } from '../../rules/slugs';
import { parseSlug, slugSchema } from '../../rules/validation';
import {
  addCategorySchema,
  addFeatureSchema,
  addMeshSchema,
  moveFeatureToCategorySchema,
  renameCategorySchema,
  renameMeshSchema,
  reorderSchema,
  structureStatusSchema,
  updateFeatureSchema,
} from './schemas';
import { releaseOfVersion, sortReleases } from '../../rules/versions';

/** The given slug, or one derived from the name when none was given. */
function chosenSlug(given: string | null | undefined, name: string): string {
  if (given) return given;
  const derived = slugFromName(name);
  if (!slugSchema.safeParse(derived).success)
    throw fieldError('slug', `cannot be derived from "${name}"; type one (lowercase letters, digits and hyphens)`);
  return derived;
}

/** Rows, categories and meshes change every view of the matrix. */
const everything = () => ({ everything: true });

function audit(
  tx: Queryable,
  actorId: number | null,
  action: string,
  objectType: 'category' | 'feature' | 'mesh',
  objectId: string,
  details: Record<string, unknown>,
) {
  recordAuditEvent(tx, { actorId, action, objectType, objectId, details });
}

function categoryBySlug(tx: Queryable, raw: string): Category {
  const slug = parseSlug(raw, 'category');
  const category = tx.select().from(categories).where(eq(categories.slug, slug)).get();
  if (!category) throw new NotFoundError(`There is no category "${slug}".`);
  return category;
}

function featureBySlug(tx: Queryable, raw: string): Feature {
  const slug = parseSlug(raw, 'feature');
  const feature = tx.select().from(features).where(eq(features.slug, slug)).get();
  if (!feature) throw new NotFoundError(`There is no row "${slug}".`);
  return feature;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Moves one item a step among its active siblings (retired ones are not in
 * the matrix, so stepping over them would look like nothing happened), then
 * numbers the whole list 1..n so duplicate positions cannot stall a move.
 * Returns the item's old and new position.
 */
function reorder<T extends { id: number; position: number; status: 'active' | 'retired' }>(
  ordered: T[],
  id: number,
  direction: 'up' | 'down',
  noun: string,
  write: (item: T, position: number) => void,
): { from: number; to: number } {
  const active = ordered.filter((item) => item.status === 'active');
  const index = active.findIndex((item) => item.id === id);
  if (index < 0) throw fieldError('direction', `cannot move a retired ${noun}; restore it first`);
  const swapWith = direction === 'up' ? index - 1 : index + 1;
  if (swapWith < 0 || swapWith >= active.length)
    throw fieldError(
      'direction',
      `cannot go ${direction}: the ${noun} is already ${direction === 'up' ? 'first' : 'last'}`,
    );
  [active[index], active[swapWith]] = [active[swapWith]!, active[index]!];
  let next = 0;
  const result = ordered.map((item) => (item.status === 'active' ? active[next++]! : item));
  let moved = { from: 0, to: 0 };
  result.forEach((item, i) => {
    const position = i + 1;
    if (item.id === id) moved = { from: ordered.find((o) => o.id === id)!.position, to: position };
    if (item.position !== position) write(item, position);
  });
  return moved;
}

function nextCategoryPosition(tx: Queryable): number {
  return (
    (tx
      .select({ top: max(categories.position) })
      .from(categories)
      .get()?.top ?? 0) + 1
  );
}

function nextFeaturePosition(tx: Queryable, categoryId: number): number {
  return (
    (tx
      .select({ top: max(features.position) })
      .from(features)
      .where(eq(features.categoryId, categoryId))
      .get()?.top ?? 0) + 1
  );
}

// Categories

/**
 * The writes behind addCategory, addFeature and addMesh, for callers that
 * checked permissions and input and hold a transaction (the table importer
 * creates the categories, rows and meshes an admin chose to create).
 * `actorId` null: the command line.
 */
export function insertCategory(tx: Queryable, actorId: number | null, data: { slug: string; name: string }): Category {
  const category = tx
    .insert(categories)
    .values({ slug: data.slug, name: data.name, position: nextCategoryPosition(tx) })
    .returning()
    .get();
  audit(tx, actorId, 'category.create', 'category', data.slug, { name: category.name, position: category.position });
  return category;
}

export function insertFeature(
  tx: Queryable,
  actorId: number | null,
  category: Category,
  data: { slug: string; name: string; definition: string; referenceUrl?: string | null; kind: 'support' | 'text' },
  auditDetails: Record<string, unknown> = {},
): Feature {
  const feature = tx
    .insert(features)
    .values({
      categoryId: category.id,
      slug: data.slug,
      name: data.name,
      definition: data.definition,
      referenceUrl: data.referenceUrl ?? null,
      kind: data.kind,
      position: nextFeaturePosition(tx, category.id),
    })
    .returning()
    .get();
  audit(tx, actorId, 'feature.create', 'feature', data.slug, {
    category: category.slug,
    name: feature.name,
    kind: feature.kind,
    definition: feature.definition,
    referenceUrl: feature.referenceUrl,
    ...auditDetails,
  });
  return feature;
}

export const addCategory = defineCommand({
  name: 'category.create',
  authorize: allow.admin,
  schema: addCategorySchema,
  run: ({ actor, input, tx }) => {
    const slug = chosenSlug(input.slug, input.name);
    const all = tx.select().from(categories).all();
    const taken = all.find((c) => c.slug === slug);
    if (taken) throw fieldError('slug', `"${slug}" is already used by the category ${taken.name}`);
    const named = all.find((c) => sameName(c.name, input.name));
    if (named)
      throw fieldError(
        'name',
        `"${input.name}" is already a category${named.status === 'retired' ? ' (retired: restore it instead)' : ''}`,
      );
    return insertCategory(tx, actor.id, { slug, name: input.name });
  },
  // insertCategory records it: the importer creates categories inside its own command.
  audit: null,
  changes: everything,
});

export const renameCategory = defineCommand({
  name: 'category.rename',
  authorize: allow.admin,
  schema: z.object({ category: z.string(), ...renameCategorySchema.shape }).strict(),
  run: ({ input, tx }) => {
    const category = categoryBySlug(tx, input.category);
    if (category.name === input.name) throw fieldError('name', `is already "${input.name}"`);
    const named = tx
      .select()
      .from(categories)
      .where(ne(categories.id, category.id))
      .all()
      .find((c) => sameName(c.name, input.name));
    if (named) throw fieldError('name', `"${input.name}" is already the name of the category ${named.slug}`);
    const updated = tx
      .update(categories)
      .set({ name: input.name })
      .where(eq(categories.id, category.id))
      .returning()
      .get();
    return { before: category, category: updated };
  },
  audit: ({ before, category }) => ({
    objectType: 'category',
    objectId: before.slug,
    details: { from: before.name, to: category.name },
  }),
  changes: everything,
});

export const moveCategory = defineCommand({
  name: 'category.move',
  authorize: allow.admin,
  schema: z.object({ category: z.string(), ...reorderSchema.shape }).strict(),
  run: ({ input, tx }) => {
    const category = categoryBySlug(tx, input.category);
    const ordered = tx.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).all();
    const moved = reorder(ordered, category.id, input.direction, 'category', (item, position) =>
      tx.update(categories).set({ position }).where(eq(categories.id, item.id)).run(),
    );
    return { category, ...moved };
  },
  audit: ({ category, from, to }, { input }) => ({
    objectType: 'category',
    objectId: category.slug,
    details: { direction: input.direction, from, to },
  }),
  changes: everything,
});

/**
 * Retires or restores as `status` says; any other status is refused by name,
 * never read as a restore. A retired category and every row in it leave the
 * matrix; rows, values and history stay, and every cell page still answers.
 */
export const setCategoryStatus = defineCommand({
  name: 'category.status',
  authorize: allow.admin,
  schema: z.object({ category: z.string(), ...structureStatusSchema.shape }).strict(),
  run: ({ input, tx }) => {
    const category = categoryBySlug(tx, input.category);
    if (category.status === input.status)
      throw fieldError('status', `the category ${category.name} is already ${input.status}`);
    const updated = tx
      .update(categories)
      .set({ status: input.status })
      .where(eq(categories.id, category.id))
      .returning()
      .get();
    return { before: category, category: updated };
  },
  audit: ({ before, category }) => ({
    action: category.status === 'retired' ? 'category.retire' : 'category.restore',
    objectType: 'category',
    objectId: category.slug,
    details: { name: before.name, from: before.status, to: category.status },
  }),
  changes: everything,
});

// Rows

export const addFeature = defineCommand({
  name: 'feature.create',
  authorize: allow.admin,
  schema: addFeatureSchema,
  run: ({ actor, input, tx }) => {
    const slug = chosenSlug(input.slug, input.name);
    const category = tx.select().from(categories).where(eq(categories.slug, input.category)).get();
    if (!category) throw fieldError('category', `"${input.category}" is not a category`);
    if (category.status === 'retired')
      throw fieldError('category', `${category.name} is retired; restore it first or choose another category`);
    const taken = tx.select().from(features).where(eq(features.slug, slug)).get();
    if (taken) throw fieldError('slug', `"${slug}" is already used by the row ${taken.name}`);
    const named = tx
      .select()
      .from(features)
      .all()
      .find((f) => sameName(f.name, input.name));
    if (named)
      throw fieldError(
        'name',
        `"${input.name}" is already a row (${named.slug}${named.status === 'retired' ? ', retired: restore it instead' : ''})`,
      );
    return insertFeature(tx, actor.id, category, {
      slug,
      name: input.name,
      definition: input.definition,
      referenceUrl: input.referenceUrl,
      kind: input.kind,
    });
  },
  // insertFeature records it: the importer creates rows inside its own command.
  audit: null,
  changes: everything,
});

/** Renames a row or rewrites its definition or reference link; the slug (and so every URL) stays. */
export const updateFeature = defineCommand({
  name: 'feature.update',
  authorize: allow.admin,
  schema: z.object({ feature: z.string(), ...updateFeatureSchema.shape }).strict(),
  run: ({ input, tx }) => {
    const feature = featureBySlug(tx, input.feature);
    const wanted = { name: input.name, definition: input.definition, referenceUrl: input.referenceUrl ?? null };
    const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => feature[key] !== wanted[key]);
    if (changed.length === 0)
      throw fieldError('form', 'changes nothing: edit the name, the definition or the reference link');
    if (changed.includes('name')) {
      const named = tx
        .select()
        .from(features)
        .where(ne(features.id, feature.id))
        .all()
        .find((f) => sameName(f.name, input.name));
      if (named) throw fieldError('name', `"${input.name}" is already the name of the row ${named.slug}`);
    }
    const updated = tx.update(features).set(wanted).where(eq(features.id, feature.id)).returning().get();
    return { before: feature, feature: updated, changed };
  },
  audit: ({ before, feature, changed }) => ({
    action: changed.length === 1 && changed[0] === 'name' ? 'feature.rename' : 'feature.update',
    objectType: 'feature',
    objectId: before.slug,
    details: {
      from: Object.fromEntries(changed.map((key) => [key, before[key]])),
      to: Object.fromEntries(changed.map((key) => [key, feature[key]])),
    },
  }),
  changes: everything,
});

function featuresOf(tx: Queryable, categoryId: number): Feature[] {
  return tx
    .select()
    .from(features)
    .where(eq(features.categoryId, categoryId))
    .orderBy(asc(features.position), asc(features.id))
    .all();
}

/** One step up or down within its category. */
export const moveFeature = defineCommand({
  name: 'feature.move',
  authorize: allow.admin,
  schema: z.object({ feature: z.string(), ...reorderSchema.shape }).strict(),
  run: ({ input, tx }) => {
    const feature = featureBySlug(tx, input.feature);
    const moved = reorder(featuresOf(tx, feature.categoryId), feature.id, input.direction, 'row', (item, position) =>
      tx.update(features).set({ position }).where(eq(features.id, item.id)).run(),
    );
    const category = tx
      .select({ slug: categories.slug })
      .from(categories)
      .where(eq(categories.id, feature.categoryId))
      .get()!;
    return { feature, category: category.slug, ...moved };
  },
  audit: ({ feature, category, from, to }, { input }) => ({
    objectType: 'feature',
    objectId: feature.slug,
    details: { direction: input.direction, from: { category, position: from }, to: { category, position: to } },
  }),
  changes: everything,
});

/** Moves a row to the end of another category. */
export const moveFeatureToCategory = defineCommand({
  name: 'feature.move-to-category',
  authorize: allow.admin,
  schema: z.object({ feature: z.string(), ...moveFeatureToCategorySchema.shape }).strict(),
  run: ({ input, tx }) => {
    const feature = featureBySlug(tx, input.feature);
    const target = tx.select().from(categories).where(eq(categories.slug, input.category)).get();
    if (!target) throw fieldError('category', `"${input.category}" is not a category`);
    if (target.id === feature.categoryId) throw fieldError('category', `${feature.name} is already in ${target.name}`);
    if (target.status === 'retired')
      throw fieldError('category', `${target.name} is retired; restore it first or choose another category`);
    const source = tx.select().from(categories).where(eq(categories.id, feature.categoryId)).get()!;
    const updated = tx
      .update(features)
      .set({ categoryId: target.id, position: nextFeaturePosition(tx, target.id) })
      .where(eq(features.id, feature.id))
      .returning()
      .get();
    return { before: feature, feature: updated, from: source.slug, to: target.slug };
  },
  audit: ({ before, feature, from, to }) => ({
    action: 'feature.move',
    objectType: 'feature',
    objectId: before.slug,
    details: { from: { category: from, position: before.position }, to: { category: to, position: feature.position } },
  }),
  changes: everything,
});

/**
 * Retires or restores a row as `status` says. A retired row leaves the matrix
 * and stops taking proposals; its values, history and cell pages stay.
 */
export const setFeatureStatus = defineCommand({
  name: 'feature.status',
  authorize: allow.admin,
  schema: z.object({ feature: z.string(), ...structureStatusSchema.shape }).strict(),
  run: ({ input, tx }) => {
    const feature = featureBySlug(tx, input.feature);
    if (feature.status === input.status)
      throw fieldError('status', `the row ${feature.name} is already ${input.status}`);
    const updated = tx
      .update(features)
      .set({ status: input.status })
      .where(eq(features.id, feature.id))
      .returning()
      .get();
    return { before: feature, feature: updated };
  },
  audit: ({ before, feature }) => ({
    action: feature.status === 'retired' ? 'feature.retire' : 'feature.restore',
    objectType: 'feature',
    objectId: feature.slug,
    details: { name: before.name, from: before.status, to: feature.status },
  }),
  changes: everything,
});

export interface Retirement {
  /** What was retired: the row itself, or the category it belongs to. */
  scope: 'row' | 'category';
  categoryName: string;
  /** When, from the audit log; null for rows retired without one (imported or generated data). */
  on: string | null;
}

/** Why a row is out of the matrix, if it is. The audit log is the record of when. */
export function getRetirement(
  feature: Pick<Feature, 'slug' | 'status'>,
  category: Pick<Category, 'slug' | 'name' | 'status'>,
  q: Queryable = getDb(),
): Retirement | null {
  const scope = feature.status === 'retired' ? 'row' : category.status === 'retired' ? 'category' : null;
  if (!scope) return null;
  const event = q
    .select({ at: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.objectType, scope === 'row' ? 'feature' : 'category'),
        eq(auditEvents.objectId, scope === 'row' ? feature.slug : category.slug),
        eq(auditEvents.action, scope === 'row' ? 'feature.retire' : 'category.retire'),
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .get();
  return { scope, categoryName: category.name, on: event?.at ?? null };
}

// Meshes

/** A slug a mesh can take: no other mesh has it now, and none had it before (old slugs keep redirecting). */
function assertMeshSlugFree(tx: Queryable, slug: string, meshId: number | null): void {
  const current = tx.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (current && current.id !== meshId)
    throw fieldError('slug', `"${slug}" is already used by the mesh ${current.name}`);
  const former = tx
    .select({ meshId: meshAliases.meshId, name: meshes.name })
    .from(meshAliases)
    .innerJoin(meshes, eq(meshes.id, meshAliases.meshId))
    .where(eq(meshAliases.slug, slug))
    .get();
  if (former && former.meshId !== meshId)
    throw fieldError('slug', `"${slug}" is a former slug of ${former.name} and still redirects there`);
}

function assertMeshNameFree(tx: Queryable, name: string, meshId: number | null): void {
  const named = tx
    .select()
    .from(meshes)
    .all()
    .find((m) => m.id !== meshId && sameName(m.name, name));
  if (named) throw fieldError('name', `"${name}" is already the name of the mesh ${named.slug}`);
}

export interface AddMeshResult {
  mesh: Mesh;
  version: MeshVersion;
}

/** The write behind addMesh (see insertCategory): the mesh, its first release and the audit events. */
export function insertMesh(
  tx: Queryable,
  actorId: number | null,
  data: {
    slug: string;
    name: string;
    homepage?: string | null;
    repository?: string | null;
    description?: string | null;
    firstRelease: string;
    releasedOn?: string | null;
  },
  createdAt: string,
  auditDetails: Record<string, unknown> = {},
): AddMeshResult {
  const top =
    tx
      .select({ top: max(meshes.position) })
      .from(meshes)
      .get()?.top ?? 0;
  const mesh = tx
    .insert(meshes)
    .values({
      slug: data.slug,
      name: data.name,
      homepage: data.homepage ?? null,
      repository: data.repository ?? null,
      description: data.description ?? '',
      position: top + 1,
      createdAt,
      updatedAt: createdAt,
    })
    .returning()
    .get();
  const { version } = createRelease(
    tx,
    mesh,
    { label: data.firstRelease, releasedOn: data.releasedOn ?? null },
    actorId,
    createdAt,
    auditDetails,
  );
  audit(tx, actorId, 'mesh.create', 'mesh', data.slug, {
    name: mesh.name,
    homepage: mesh.homepage,
    repository: mesh.repository,
    firstRelease: version.label,
    releasedOn: version.releasedOn,
    ...auditDetails,
  });
  return { mesh, version };
}

/** A new mesh with its first (empty) release: a new column at the end of the matrix. */
export const addMesh = defineCommand({
  name: 'mesh.create',
  authorize: allow.admin,
  schema: addMeshSchema,
  run: ({ actor, input, tx, at }) => {
    const slug = chosenSlug(input.slug, input.name);
    assertMeshSlugFree(tx, slug, null);
    assertMeshNameFree(tx, input.name, null);
    return insertMesh(tx, actor.id, { ...input, slug }, at);
  },
  // insertMesh records it: the importer creates meshes inside its own command.
  audit: null,
  changes: everything,
});

/**
 * Renames a mesh, optionally with a new slug. The old slug becomes a former
 * name that redirects; taking back one of the mesh's own former slugs turns
 * it into the current one again.
 */
export const renameMesh = defineCommand({
  name: 'mesh.rename',
  authorize: allow.admin,
  schema: z.object({ mesh: z.string(), ...renameMeshSchema.shape }).strict(),
  run: ({ input, tx, at }) => {
    const mesh = meshBySlug(tx, input.mesh);
    const slug = input.slug ?? mesh.slug;
    if (slug === mesh.slug && input.name === mesh.name)
      throw fieldError('name', `is already "${mesh.name}" and the slug is unchanged`);
    if (input.name !== mesh.name) assertMeshNameFree(tx, input.name, mesh.id);
    if (slug !== mesh.slug) {
      assertMeshSlugFree(tx, slug, mesh.id);
      tx.delete(meshAliases)
        .where(and(eq(meshAliases.meshId, mesh.id), eq(meshAliases.slug, slug)))
        .run();
      tx.insert(meshAliases).values({ meshId: mesh.id, slug: mesh.slug, name: mesh.name }).run();
    }
    const updated = tx
      .update(meshes)
      .set({ slug, name: input.name, updatedAt: at })
      .where(eq(meshes.id, mesh.id))
      .returning()
      .get();
    return { before: mesh, mesh: updated };
  },
  audit: ({ before, mesh }) => ({
    objectType: 'mesh',
    objectId: mesh.slug,
    details: { from: { slug: before.slug, name: before.name }, to: { slug: mesh.slug, name: mesh.name } },
  }),
  changes: everything,
});

// The admin page's read model

export interface StructureFeature {
  slug: string;
  name: string;
  definition: string;
  referenceUrl: string | null;
  kind: Feature['kind'];
  status: Feature['status'];
  /** Releases with a value recorded for this row. */
  cells: number;
}

export interface StructureCategory {
  slug: string;
  name: string;
  status: Category['status'];
  features: StructureFeature[];
}

export interface StructureMesh {
  slug: string;
  name: string;
  status: Mesh['status'];
  homepage: string | null;
  repository: string | null;
  formerSlugs: string[];
  latest: string | null;
  releases: number;
}

export interface Structure {
  categories: StructureCategory[];
  meshes: StructureMesh[];
}

/** Every category and row (retired ones included) in matrix order, and every mesh, for admins. */
export function getStructure(actor: Actor | null, q: Queryable = getDb()): Structure {
  assertIsAdmin(actor);
  const cellCounts = new Map(
    q
      .all<{ feature_id: number; n: number }>(sql`SELECT feature_id, count(*) AS n FROM cell_heads GROUP BY feature_id`)
      .map((row) => [row.feature_id, row.n]),
  );
  const cats = q.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).all();
  const rows = q.select().from(features).orderBy(asc(features.position), asc(features.id)).all();
  const aliases = q.select().from(meshAliases).orderBy(asc(meshAliases.id)).all();
  const versions = q.select().from(meshVersions).all();
  return {
    categories: cats.map((category) => ({
      slug: category.slug,
      name: category.name,
      status: category.status,
      features: rows
        .filter((f) => f.categoryId === category.id)
        .map((f) => ({
          slug: f.slug,
          name: f.name,
          definition: f.definition,
          referenceUrl: f.referenceUrl,
          kind: f.kind,
          status: f.status,
          cells: cellCounts.get(f.id) ?? 0,
        })),
    })),
    meshes: q
      .select()
      .from(meshes)
      .orderBy(asc(meshes.position), asc(meshes.name))
      .all()
      .map((mesh) => {
        const own = sortReleases(
          versions.filter((v) => v.meshId === mesh.id),
          releaseOfVersion,
        );
        return {
          slug: mesh.slug,
          name: mesh.name,
          status: mesh.status,
          homepage: mesh.homepage,
          repository: mesh.repository,
          formerSlugs: aliases.filter((a) => a.meshId === mesh.id).map((a) => a.slug),
          latest: own.at(-1)?.label ?? null,
          releases: own.length,
        };
      }),
  };
}
