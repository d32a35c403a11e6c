import 'server-only';
import type { Queryable } from '@/db/client';
import { getDb } from '../db';
import { NotFoundError } from '../../rules/errors';
import { cellPath } from '../../rules/format';
import { getMatrix, type CellValue, type FeatureView, type MeshSummary, type VersionSummary } from '../matrix/matrix';
import { findMesh } from '../matrix/meshes';
import { releaseAppearedOn } from '../../rules/staleness';
import { parseInput } from '../../rules/validation';
import { needsCheckingQuerySchema } from '../matrix/query-schemas';

/**
 * Why a cell is on the list: `carried` and `outdated` are the two kinds of
 * stale (lib/rules/staleness.ts); `unknown` is a recorded "unknown", `missing` a
 * cell with nothing recorded.
 */
export type CheckReason = 'carried' | 'outdated' | 'unknown' | 'missing';

export interface CellToCheck {
  category: { slug: string; name: string };
  feature: FeatureView;
  value: CellValue | null;
  reason: CheckReason;
  cellHref: string;
  proposeHref: string;
}

export interface MeshToCheck {
  mesh: MeshSummary;
  /** The mesh's newest release: the column readers see in the matrix. */
  version: VersionSummary;
  counts: { stale: number; unknown: number; total: number };
  /** In category, then row order. */
  cells: CellToCheck[];
}

export interface NeedsChecking {
  /** Newest release first (by release date, else the day it was recorded), then matrix order. */
  meshes: MeshToCheck[];
  /** The mesh the list was narrowed to, or null for every active mesh. */
  mesh: string | null;
}

/** Why a cell needs checking, or null when it does not. */
export function checkReasonOf(value: CellValue | null): CheckReason | null {
  if (!value) return 'missing';
  if (value.support === 'unknown') return 'unknown';
  if (value.stale) return value.kind === 'carry_forward' ? 'carried' : 'outdated';
  return null;
}

/**
 * The "needs checking" list: the newest release of every active mesh (or
 * only `mesh`), with its stale and unknown cells. The query is validated
 * here (BadRequestError naming `mesh`); a mesh we do not list, or an archived
 * one, which takes no proposals, is a NotFoundError.
 */
export function listCellsToCheck(rawQuery: unknown = {}, q: Queryable = getDb()): NeedsChecking {
  const { mesh: asked } = parseInput(needsCheckingQuerySchema, rawQuery);
  let slug: string | null = null;
  if (asked) {
    const found = findMesh(asked, q);
    if (!found) throw new NotFoundError(`No mesh called "${asked}".`);
    // A former slug (maesh) names the mesh it became.
    slug = 'redirectTo' in found ? found.redirectTo : found.mesh.slug;
  }
  const matrix = getMatrix(slug ? { meshes: [slug] } : {}, q);
  const archived = matrix.columns.find((c) => c.mesh.status !== 'active');
  if (archived) throw new NotFoundError(`${archived.mesh.name} is archived and no longer takes proposals.`);
  const meshes: MeshToCheck[] = matrix.columns.map(({ mesh, version }) => {
    const cells: CellToCheck[] = [];
    for (const category of matrix.categories) {
      for (const feature of category.features) {
        const value = matrix.cells[mesh.slug]?.[feature.slug] ?? null;
        const reason = checkReasonOf(value);
        if (!reason) continue;
        const cellHref = cellPath(mesh.slug, version.label, feature.slug);
        cells.push({
          category: { slug: category.slug, name: category.name },
          feature,
          value,
          reason,
          cellHref,
          proposeHref: `${cellHref}/propose`,
        });
      }
    }
    const stale = cells.filter((c) => c.reason === 'carried' || c.reason === 'outdated').length;
    return { mesh, version, counts: { stale, unknown: cells.length - stale, total: cells.length }, cells };
  });
  const appeared = (entry: MeshToCheck) => releaseAppearedOn(entry.version);
  const order = new Map(matrix.columns.map((c, i) => [c.mesh.slug, i]));
  meshes.sort((a, b) => appeared(b).localeCompare(appeared(a)) || order.get(a.mesh.slug)! - order.get(b.mesh.slug)!);
  return { meshes, mesh: slug };
}
