import 'server-only';
import { revalidatePath } from 'next/cache';
import { cellPath, releasePath } from './format';
import type { CellRef } from './proposals';
import { cachedViewRoute, viewPaths } from './view-routes';

/** Where `/`, `/meshes` and `/changes` are cached (they are rewritten to these; see lib/view-routes.ts). */
export { viewPaths };

/** Every cached public page that shows a cell's value or its pending proposals. */
export function pathsForCell(cell: CellRef): string[] {
  return [
    viewPaths.matrix,
    `/meshes/${cell.meshSlug}`,
    releasePath(cell.meshSlug, cell.label),
    cellPath(cell.meshSlug, cell.label, cell.featureSlug),
    `/meshes/${cell.meshSlug}/compare`,
    viewPaths.changes,
  ];
}

/** Route patterns whose every page may show a cell: release diffs between any two releases, and every page of meshes (`/?columns=N`). */
export const patternsForCell = ['/meshes/[slug]/compare/[from]/[to]', cachedViewRoute] as const;

/** Called by every write path (server actions and route handlers alike) right after its transaction commits. */
export function revalidateCell(cell: CellRef): void {
  for (const path of pathsForCell(cell)) revalidatePath(path);
  for (const pattern of patternsForCell) revalidatePath(pattern, 'page');
}

/**
 * Releases and mesh status change columns everywhere (the matrix, mesh
 * lists, diffs), so they refresh every cached page; they are rare.
 */
export function revalidateEverything(): void {
  revalidatePath('/', 'layout');
}
