import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { meshAliases, meshes, type Mesh, type MeshVersion } from '@/db/schema';
import { getDb } from '../db';
import { BadRequestError, NotFoundError } from '../../rules/errors';
import type { ValueDiff } from '../../rules/history';
import { countPendingByCell } from '../proposals/proposals';
import { classifyRowChange, countChanges, type ReleaseDiffCounts, type RowChange } from '../../rules/release-diff';

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
  byFeatureSlug,
  listCategories,
} from '../matrix/matrix';

export type MeshLookup = { mesh: Mesh } | { redirectTo: string } | null;

/** Finds a mesh by its slug or by a former slug (which should redirect). */
export function findMesh(slug: string, q: Queryable = getDb()): MeshLookup {
  const mesh = q.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (mesh) return { mesh };
  const former = q
    .select({ slug: meshes.slug })
    .from(meshAliases)
    .innerJoin(meshes, eq(meshes.id, meshAliases.meshId))
    .where(eq(meshAliases.slug, slug))
    .get();
  return former ? { redirectTo: former.slug } : null;
}

export interface MeshPage {
  mesh: Mesh;
  formerNames: { slug: string; name: string }[];
  /** Newest first. */
  versions: VersionSummary[];
  version: VersionSummary;
  categories: CategoryView[];
  cells: Record<string, CellValue>;
  pending: Record<string, number>;
  /** Release-notes links by release id, where recorded. */
  versionNotes: Record<number, string>;
}

/** One mesh by slug with its releases, oldest first: the lookup every per-mesh page starts from. */
export function meshWithReleases(q: Queryable, slug: string): { mesh: Mesh; list: MeshVersion[] } {
  const mesh = q.select().from(meshes).where(eq(meshes.slug, slug)).get();
  if (!mesh) throw new NotFoundError(`No mesh called "${slug}"`);
  return { mesh, list: versionsByMesh(q, [mesh.id]).get(mesh.id) ?? [] };
}

export function getMeshPage(slug: string, label?: string, q: Queryable = getDb()): MeshPage {
  const { mesh, list } = meshWithReleases(q, slug);
  const version = label === undefined ? list.at(-1) : list.find((v) => v.label === label);
  if (!version)
    throw new NotFoundError(
      label === undefined ? `${mesh.name} has no releases yet` : `${mesh.name} has no release "${label}"`,
    );
  const cats = listCategories(q);
  const cells = byFeatureSlug(cats, headValues(q, [version.id], { reuse: true }).get(version.id));
  const pending = byFeatureSlug(cats, countPendingByCell([version.id], q).get(version.id));
  const formerNames = q
    .select({ slug: meshAliases.slug, name: meshAliases.name })
    .from(meshAliases)
    .where(eq(meshAliases.meshId, mesh.id))
    .all();
  return {
    mesh,
    formerNames,
    versions: [...list].reverse().map(summarizeVersion),
    version: summarizeVersion(version),
    categories: cats,
    cells,
    pending,
    versionNotes: Object.fromEntries(list.filter((v) => v.releaseNotesUrl).map((v) => [v.id, v.releaseNotesUrl!])),
  };
}

export interface MeshListEntry extends MeshSummary {
  description: string;
  latest: VersionSummary | null;
  releaseCount: number;
}

export function listMeshes(q: Queryable = getDb()): MeshListEntry[] {
  const all = q.select().from(meshes).orderBy(asc(meshes.name)).all();
  const versions = versionsByMesh(
    q,
    all.map((m) => m.id),
  );
  return all.map((mesh) => {
    const list = versions.get(mesh.id) ?? [];
    const latest = list.at(-1);
    return {
      ...summarizeMesh(mesh),
      description: mesh.description,
      latest: latest ? summarizeVersion(latest) : null,
      releaseCount: list.length,
    };
  });
}

export interface ReleaseDiffRow {
  feature: FeatureView;
  from: CellValue | null;
  to: CellValue | null;
  change: RowChange;
  diff: ValueDiff | null;
}

export interface ReleaseDiff {
  mesh: Mesh;
  /** Newest first. */
  versions: VersionSummary[];
  from: VersionSummary;
  to: VersionSummary;
  categories: { slug: string; name: string; rows: ReleaseDiffRow[] }[];
  counts: ReleaseDiffCounts;
}

/**
 * Every row of two releases of one mesh side by side, classified. Defaults to
 * the two most recent releases; the same release twice, or an unknown one,
 * is a BadRequestError that says so.
 */
export function getReleaseDiff(
  slug: string,
  fromLabel?: string,
  toLabel?: string,
  q: Queryable = getDb(),
): ReleaseDiff {
  const { mesh, list } = meshWithReleases(q, slug);
  if (list.length < 2)
    throw new BadRequestError(`${mesh.name} has only one recorded release; there is nothing to compare yet.`);
  const find = (label: string | undefined, fallback: MeshVersion, field: 'from' | 'to') => {
    if (label === undefined) return fallback;
    const found = list.find((v) => v.label === label);
    if (!found)
      throw new BadRequestError(`${field} ${mesh.name} has no release "${label}"`, {
        [field]: [`${field} ${mesh.name} has no release "${label}"`],
      });
    return found;
  };
  const from = find(fromLabel, list.at(-2)!, 'from');
  const to = find(toLabel, list.at(-1)!, 'to');
  if (from.id === to.id)
    throw new BadRequestError(`from and to are both ${from.label}; choose two different releases`, {
      to: ['to must differ from from'],
    });
  const values = headValues(q, [from.id, to.id], { reuse: true });
  const cats = listCategories(q);
  const changes: RowChange[] = [];
  const categoriesOut = cats.map((category) => ({
    slug: category.slug,
    name: category.name,
    rows: category.features.map((feature) => {
      const before = values.get(from.id)?.get(feature.id) ?? null;
      const after = values.get(to.id)?.get(feature.id) ?? null;
      const { change, diff } = classifyRowChange(before, after);
      changes.push(change);
      return { feature, from: before, to: after, change, diff };
    }),
  }));
  return {
    mesh,
    versions: [...list].reverse().map(summarizeVersion),
    from: summarizeVersion(from),
    to: summarizeVersion(to),
    categories: categoriesOut,
    counts: countChanges(changes),
  };
}
