import 'server-only';
import { asc } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { meshes } from '@/db/schema';
import { getDb } from '../db';
import { BadRequestError } from '../../rules/errors';

import {
  CellValue,
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

/** Every release of every mesh (or the chosen ones) × every active row, for exports. */
export function listAllCells(meshSlugs: string[] = [], q: Queryable = getDb()): ExportRow[] {
  const all = q.select().from(meshes).orderBy(asc(meshes.position), asc(meshes.name)).all();
  const unknown = meshSlugs.filter((slug) => !all.some((m) => m.slug === slug));
  if (unknown.length)
    throw new BadRequestError(`Unknown mesh: ${unknown.join(', ')}`, {
      meshes: [`meshes unknown mesh ${unknown.join(', ')}`],
    });
  const chosen = meshSlugs.length ? all.filter((m) => meshSlugs.includes(m.slug)) : all;
  const versions = versionsByMesh(
    q,
    chosen.map((m) => m.id),
  );
  const values = headValues(
    q,
    [...versions.values()].flat().map((v) => v.id),
  );
  const cats = listCategories(q);
  const rows: ExportRow[] = [];
  for (const mesh of chosen) {
    for (const version of versions.get(mesh.id) ?? []) {
      for (const category of cats) {
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
  }
  return rows;
}
