import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { categories, features, importAliases, imports, meshes, users, type ImportRun } from '@/db/schema';
import { getDb } from '../db';
import { NotFoundError } from '../../rules/errors';
import { allow, assertCanModerate, assertIsAdmin, type Actor } from '../../rules/permissions';
import { parseRecordId, recordIdSchema } from '../../rules/validation';
import { defineCommand } from '../command';

export interface RememberedName {
  id: number;
  name: string;
  createdAt: string;
  createdByName: string | null;
}

/** The names imports remember for one mesh or row (by slug), oldest first: the admin pages of that mesh or row. */
export function listImportAliases(
  actor: Actor | null,
  target: { mesh: string } | { feature: string },
  q: Queryable = getDb(),
): RememberedName[] {
  assertIsAdmin(actor);
  let where;
  if ('mesh' in target) {
    const mesh = q.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, target.mesh)).get();
    if (!mesh) throw new NotFoundError(`There is no mesh "${target.mesh}".`);
    where = eq(importAliases.meshId, mesh.id);
  } else {
    const feature = q.select({ id: features.id }).from(features).where(eq(features.slug, target.feature)).get();
    if (!feature) throw new NotFoundError(`There is no row "${target.feature}".`);
    where = eq(importAliases.featureId, feature.id);
  }
  return q
    .select({
      id: importAliases.id,
      name: importAliases.name,
      createdAt: importAliases.createdAt,
      createdByName: users.name,
    })
    .from(importAliases)
    .leftJoin(users, eq(users.id, importAliases.createdById))
    .where(where)
    .orderBy(asc(importAliases.createdAt), asc(importAliases.id))
    .all();
}

/** Forgets a remembered name: the next import that uses it asks again. Audit-logged. */
export const removeImportAlias = defineCommand({
  name: 'alias.remove',
  authorize: allow.admin,
  schema: z.object({ alias: recordIdSchema }).strict(),
  run: ({ input, tx }) => {
    const alias = tx.select().from(importAliases).where(eq(importAliases.id, input.alias)).get();
    if (!alias) throw new NotFoundError(`There is no remembered name ${input.alias}.`);
    const slug =
      alias.target === 'mesh'
        ? tx.select({ slug: meshes.slug }).from(meshes).where(eq(meshes.id, alias.meshId!)).get()!.slug
        : tx.select({ slug: features.slug }).from(features).where(eq(features.id, alias.featureId!)).get()!.slug;
    tx.delete(importAliases).where(eq(importAliases.id, input.alias)).run();
    return { target: alias.target, slug, name: alias.name };
  },
  audit: (alias) => ({ objectType: alias.target, objectId: alias.slug, details: { name: alias.name } }),
  // Remembered names show only on the admin pages of the mesh or row, which are rendered per request.
  changes: () => ({}),
});

export interface ImportTargets {
  meshes: { slug: string; name: string }[];
  rows: { slug: string; name: string; category: string }[];
}

/** Everything an unplaced name can be mapped to, for the choices on /admin/import. */
export function listImportTargets(actor: Actor | null, q: Queryable = getDb()): ImportTargets {
  assertIsAdmin(actor);
  return {
    meshes: q
      .select({ slug: meshes.slug, name: meshes.name })
      .from(meshes)
      .orderBy(asc(meshes.position), asc(meshes.name))
      .all(),
    rows: q
      .select({ slug: features.slug, name: features.name, category: categories.name })
      .from(features)
      .innerJoin(categories, eq(categories.id, features.categoryId))
      .where(eq(features.status, 'active'))
      .orderBy(asc(categories.position), asc(features.position))
      .all(),
  };
}

/** One import run, for the review queue's "from import" filter and label. */
export function getImportRun(actor: Actor | null, rawId: unknown, q: Queryable = getDb()): ImportRun {
  assertCanModerate(actor);
  const id = parseRecordId(rawId, 'import');
  const run = q.select().from(imports).where(eq(imports.id, id)).get();
  if (!run) throw new NotFoundError(`There is no import ${id}.`);
  return run;
}
