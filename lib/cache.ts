import 'server-only';
import { revalidatePath } from 'next/cache';
import { cellPath, releasePath } from './format';
import type { CellRef } from './proposals';

/** Every cached public page that shows a cell's value or its pending proposals. */
export function pathsForCell(cell: CellRef): string[] {
  return ['/', `/meshes/${cell.meshSlug}`, releasePath(cell.meshSlug, cell.label), cellPath(cell.meshSlug, cell.label, cell.featureSlug)];
}

/** Called by every write path (server actions and route handlers alike) right after its transaction commits. */
export function revalidateCell(cell: CellRef): void {
  for (const path of pathsForCell(cell)) revalidatePath(path);
}
