import 'server-only';
import type { Queryable } from '@/db/client';
import { BadRequestError, NotFoundError } from '../../rules/errors';
import { cellPath } from '../../rules/format';
import type { BadgeInput } from '../../rules/badge-svg';
import { getDb } from '../db';
import { getMatrix, listCategories, summarizeMesh, type MatrixView } from '../matrix/matrix';
import { findMesh, getMeshPage } from '../matrix/meshes';

/** What an embed shows: one column per mesh at its newest release, the active rows by category, and their values. */
export type EmbedView = Pick<MatrixView, 'columns' | 'categories' | 'cells'>;

/** A slug as it may appear in a message: a hostile one can be long. */
function shown(slug: string): string {
  return slug.length > 80 ? `${slug.slice(0, 79)}…` : slug;
}

/**
 * The mesh a URL names: its slug, or the current slug when it names a former one (the caller redirects), so links
 * made before a rename keep working. Unknown is a NotFoundError.
 */
export function resolveEmbedMesh(slug: string, q: Queryable = getDb()): { slug: string; renamed: boolean } {
  const found = findMesh(slug, q);
  if (!found) throw new NotFoundError(`No mesh called "${shown(slug)}"`);
  return 'redirectTo' in found ? { slug: found.redirectTo, renamed: true } : { slug, renamed: false };
}

/** One mesh's newest release, every active row. */
export function readMeshEmbed(slug: string, q: Queryable = getDb()): EmbedView {
  const page = getMeshPage(slug, undefined, q);
  return {
    columns: [{ mesh: summarizeMesh(page.mesh), version: page.version }],
    categories: page.categories,
    cells: { [page.mesh.slug]: page.cells },
  };
}

/**
 * The meshes of `/embed/compare` side by side at their newest releases. A former slug counts as its mesh; an unknown
 * one is a BadRequestError naming `meshes`, like the other lists of meshes.
 */
export function readCompareEmbed(slugs: string[], q: Queryable = getDb()): EmbedView {
  const found = slugs.map((slug) => ({ slug, mesh: findMesh(slug, q) }));
  const unknown = found.filter((f) => !f.mesh).map((f) => shown(f.slug));
  if (unknown.length)
    throw new BadRequestError(`meshes names no mesh we list: ${unknown.join(', ')}`, {
      meshes: [`meshes names no mesh we list: ${unknown.join(', ')}`],
    });
  const current = found.map(({ slug, mesh }) => (mesh && 'redirectTo' in mesh ? mesh.redirectTo : slug));
  if (new Set(current).size !== current.length)
    throw new BadRequestError('meshes must name each mesh once (a former name counts as its mesh)', {
      meshes: ['meshes must name each mesh once (a former name counts as its mesh)'],
    });
  const { columns, categories, cells } = getMatrix({ meshes: current }, q);
  return { columns, categories, cells };
}

/** What a badge shows: one row of one mesh's newest release. Unknown rows (or retired ones) are a NotFoundError. */
export function readBadge(meshSlug: string, featureSlug: string, q: Queryable = getDb()): BadgeInput {
  const feature = listCategories(q)
    .flatMap((c) => c.features)
    .find((f) => f.slug === featureSlug);
  if (!feature) throw new NotFoundError(`No row called "${shown(featureSlug)}"`);
  const page = getMeshPage(meshSlug, undefined, q);
  const value = page.cells[feature.slug];
  return {
    meshName: page.mesh.name,
    featureName: feature.name,
    kind: feature.kind,
    value: value ? { support: value.support, text: value.text } : undefined,
    href: cellPath(page.mesh.slug, page.version.label, feature.slug),
  };
}
