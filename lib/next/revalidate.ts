import 'server-only';
import { revalidatePath } from 'next/cache';
import { cellPath, releasePath } from '../rules/format';
import type { Changes } from '../server/command';
import type { CellRef } from '../rules/cell-keys';
import { cachedViewRoute, viewPaths } from './view-routes';
import { scheduleCsvExportRefresh } from './csv-export-refresh';
import { advancePageGeneration } from './page-generation';

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

function revalidatePages(changes: Changes): void {
  advancePageGeneration();
  if (changes.everything) revalidatePath('/', 'layout');
  else if (changes.cells?.length) {
    for (const path of new Set(changes.cells.flatMap(pathsForCell))) revalidatePath(path);
    for (const pattern of patternsForCell) revalidatePath(pattern, 'page');
  }
  for (const path of changes.paths ?? []) revalidatePath(path);
  if (changes.everything || changes.cells?.length) scheduleCsvExportRefresh();
}

/**
 * Refreshes the cached pages a command says it changed; the command adapters
 * call it after every successful command, so no write path can forget.
 * Releases, structure and mesh status change columns and rows everywhere (the
 * matrix, mesh lists, diffs), so they refresh every cached page; they are rare.
 * A changeset names many cells of few pages: each page is refreshed once.
 */
export function revalidateChanges(changes: Changes): void {
  revalidatePages(changes);
}
