import { countHistoryPages, HISTORY_PAGE_SIZE, type CellPage } from '@/lib/server/cells/cell-page';
import { cellPath } from '@/lib/rules/format';
import { TextAnchor } from './ui/text-link';

/** Where page `n` of a cell's history lives: the cell page holds the first. */
export function cellHistoryPath(page: Pick<CellPage, 'mesh' | 'version' | 'feature'>, n: number): string {
  const cell = cellPath(page.mesh.slug, page.version.label, page.feature.slug);
  return n <= 1 ? `${cell}#history-heading` : `${cell}/history?page=${n}`;
}

/** Which revisions a page of history shows, and links to the newer and older pages; nothing when one page holds all. */
export function HistoryPager({ page }: { page: CellPage }) {
  const pages = countHistoryPages(page.historyCount);
  const current = page.historyPage ?? 1;
  if (pages <= 1) return null;
  const first = (current - 1) * HISTORY_PAGE_SIZE + 1;
  const last = Math.min(current * HISTORY_PAGE_SIZE, page.historyCount);
  return (
    <nav aria-label="Pages of this cell's history" className="flex flex-wrap items-center gap-4 text-sm">
      <p>
        Revisions {first}–{last} of {page.historyCount}, newest first (page {current} of {pages}).
      </p>
      {current > 1 ? (
        <TextAnchor href={cellHistoryPath(page, current - 1)} rel="prev">
          Newer revisions
        </TextAnchor>
      ) : null}
      {current < pages ? (
        <TextAnchor href={cellHistoryPath(page, current + 1)} rel="next">
          Older revisions
        </TextAnchor>
      ) : null}
    </nav>
  );
}
