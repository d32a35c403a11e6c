import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { categories, features, meshes, type Feature, type SupportLevel } from '@/db/schema';
import { getCellHead } from '../cells/cells';
import { getDb } from '../db';
import { versionsByMesh } from '../matrix/matrix';
import { NotFoundError } from '../../rules/errors';

export interface RowPageMesh {
  meshSlug: string;
  meshName: string;
  /** The mesh's newest release, or null when it has none yet. */
  label: string | null;
  support: SupportLevel | null;
  text: string | null;
}

export interface RowPage {
  feature: Pick<Feature, 'id' | 'slug' | 'name' | 'definition' | 'referenceUrl' | 'kind' | 'status'>;
  category: { name: string; status: 'active' | 'retired' };
  /** What each active mesh's newest release says for this row. */
  meshes: RowPageMesh[];
}

/** A row of the matrix: its definition, and what each active mesh's newest release says about it. */
export function getRowPage(slug: string, q: Queryable = getDb()): RowPage {
  const row = q
    .select({ feature: features, category: categories })
    .from(features)
    .innerJoin(categories, eq(categories.id, features.categoryId))
    .where(eq(features.slug, slug))
    .get();
  if (!row) throw new NotFoundError(`No row called "${slug}"`);
  const active = q.select().from(meshes).where(eq(meshes.status, 'active')).orderBy(asc(meshes.name)).all();
  const releases = versionsByMesh(
    q,
    active.map((mesh) => mesh.id),
  );
  const { feature, category } = row;
  return {
    feature,
    category: { name: category.name, status: category.status },
    meshes: active.map((mesh) => {
      const newest = releases.get(mesh.id)?.at(-1);
      const head = newest ? getCellHead(q, newest.id, feature.id) : undefined;
      return {
        meshSlug: mesh.slug,
        meshName: mesh.name,
        label: newest?.label ?? null,
        support: head?.support ?? null,
        text: head?.text ?? null,
      };
    }),
  };
}
