import type { MatrixView } from '@/lib/server/matrix/matrix';
import { HtmlOnce } from './html-once';
import { matrixTableHtml, SourceNotes } from './matrix-html';

/**
 * The comparison table and its numbered sources. The wrapper scrolls both ways with the header row and the row names
 * pinned, so a phone can pan across meshes without losing its place.
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
  const notes = new SourceNotes();
  const table = matrixTableHtml(matrix, caption, compareForm, notes);
  return (
    <>
      <HtmlOnce
        className="max-h-[80vh] overflow-auto rounded border border-slate-200 dark:border-slate-800"
        role="region"
        aria-label={caption}
        tabIndex={0}
        html={table}
      />
      {notes.size ? (
        <section aria-labelledby="sources-heading" className="mt-6 space-y-2">
          <HtmlOnce html={notes.html('Sources')} />
        </section>
      ) : null}
    </>
  );
}
