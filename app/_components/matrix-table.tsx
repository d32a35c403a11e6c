import type { MatrixView } from '@/lib/server/matrix/matrix';
import { matrixTableHtml } from './matrix-html';

/**
 * The comparison table. The wrapper scrolls both ways with the header row and
 * the row names pinned, so a phone can pan across meshes without losing its place.
 */
export function MatrixTable({
  matrix,
  caption,
  compareForm,
}: {
  matrix: MatrixView;
  caption: string;
  compareForm?: string;
}) {
  return (
    <div
      className="max-h-[80vh] overflow-auto rounded border border-slate-200 dark:border-slate-800"
      role="region"
      aria-label={caption}
      tabIndex={0}
      dangerouslySetInnerHTML={{ __html: matrixTableHtml(matrix, caption, compareForm) }}
    />
  );
}
