import 'server-only';
import { asc } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { meshes, type Mesh, type MeshVersion } from '@/db/schema';
import { getDb } from '../db';
import { BadRequestError } from '../../rules/errors';

import {
  CellValue,
  CategoryView,
  MeshSummary,
  VersionSummary,
  FeatureView,
  summarizeMesh,
  summarizeVersion,
  versionsByMesh,
  headValues,
  listCategories,
} from '../matrix/matrix';

export interface ExportRow {
  mesh: MeshSummary;
  version: VersionSummary;
  category: { slug: string; name: string };
  feature: FeatureView;
  value: CellValue | null;
}

/** What every export walks: the chosen meshes in order, their releases oldest first, and the active rows. */
export interface ExportLayout {
  meshes: Mesh[];
  versions: Map<number, MeshVersion[]>;
  categories: CategoryView[];
}

/** The layout of an export of every mesh (or the chosen ones); unknown slugs are a BadRequestError naming them. */
export function readExportLayout(meshSlugs: string[] = [], q: Queryable = getDb()): ExportLayout {
  const all = q.select().from(meshes).orderBy(asc(meshes.position), asc(meshes.name)).all();
  const unknown = meshSlugs.filter((slug) => !all.some((m) => m.slug === slug));
  if (unknown.length)
    throw new BadRequestError(`Unknown mesh: ${unknown.join(', ')}`, {
      meshes: [`meshes unknown mesh ${unknown.join(', ')}`],
    });
  const chosen = meshSlugs.length ? all.filter((m) => meshSlugs.includes(m.slug)) : all;
  return {
    meshes: chosen,
    versions: versionsByMesh(
      q,
      chosen.map((m) => m.id),
    ),
    categories: listCategories(q),
  };
}

/** One line per given release of one mesh and active row, in row order. */
export function listReleaseCells(
  mesh: Mesh,
  releases: MeshVersion[],
  categories: CategoryView[],
  q: Queryable = getDb(),
): ExportRow[] {
  const values = headValues(
    q,
    releases.map((v) => v.id),
  );
  const rows: ExportRow[] = [];
  for (const version of releases) {
    for (const category of categories) {
      for (const feature of category.features) {
        rows.push({
          mesh: summarizeMesh(mesh),
          version: summarizeVersion(version),
          category: { slug: category.slug, name: category.name },
          feature,
          value: values.get(version.id)?.get(feature.id) ?? null,
        });
      }
    }
  }
  return rows;
}

/** Every release of every mesh (or the chosen ones) × every active row, for exports. */
export function listAllCells(meshSlugs: string[] = [], q: Queryable = getDb()): ExportRow[] {
  const layout = readExportLayout(meshSlugs, q);
  return layout.meshes.flatMap((mesh) =>
    listReleaseCells(mesh, layout.versions.get(mesh.id) ?? [], layout.categories, q),
  );
}
