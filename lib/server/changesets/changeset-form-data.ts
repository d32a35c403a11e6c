import 'server-only';
import type { Queryable } from '@/db/client';
import { getDb } from '../db';
import { getMeshPage } from '../matrix/meshes';
import type { Mesh } from '@/db/schema';

export interface ChangesetFormRowData {
  slug: string;
  name: string;
  kind: 'support' | 'text';
  current: { revisionId: number; support: string | null; text: string | null; note: string | null } | null;
}

export interface ChangesetFormData {
  mesh: Pick<Mesh, 'slug' | 'name' | 'status'>;
  /** The release whose rows the form shows: the one changed, or the newest, which a new release starts from. */
  version: string;
  categories: { name: string; rows: ChangesetFormRowData[] }[];
  cellCount: number;
}

/** Every open row of a release with its current value: what the release form lists. */
export function getChangesetFormData(meshSlug: string, label?: string, q: Queryable = getDb()): ChangesetFormData {
  const page = getMeshPage(meshSlug, label, q);
  const categories = page.categories.map((category) => ({
    name: category.name,
    rows: category.features.map((feature) => {
      const cell = page.cells[feature.slug];
      return {
        slug: feature.slug,
        name: feature.name,
        kind: feature.kind,
        current: cell ? { revisionId: cell.revisionId, support: cell.support, text: cell.text, note: cell.note } : null,
      };
    }),
  }));
  return {
    mesh: { slug: page.mesh.slug, name: page.mesh.name, status: page.mesh.status },
    version: page.version.label,
    categories,
    cellCount: categories.reduce((n, c) => n + c.rows.length, 0),
  };
}
