import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { features, meshes } from '@/db/schema';
import { getDb } from './db';
import { NotFoundError } from './errors';
import { listImportAliases, type RememberedName } from './import/aliases';
import { assertIsAdmin, type Actor } from './permissions';

/**
 * The names imports remember for a mesh or row, by slug: the admin structure
 * pages know slugs, while the aliases are keyed by id (a rename keeps them).
 */
export function listRememberedNames(actor: Actor | null, target: { mesh: string } | { feature: string }, q: Queryable = getDb()): RememberedName[] {
  assertIsAdmin(actor);
  if ('mesh' in target) {
    const mesh = q.select({ id: meshes.id }).from(meshes).where(eq(meshes.slug, target.mesh)).get();
    if (!mesh) throw new NotFoundError(`There is no mesh "${target.mesh}".`);
    return listImportAliases(actor, { meshId: mesh.id }, q);
  }
  const feature = q.select({ id: features.id }).from(features).where(eq(features.slug, target.feature)).get();
  if (!feature) throw new NotFoundError(`There is no row "${target.feature}".`);
  return listImportAliases(actor, { featureId: feature.id }, q);
}
