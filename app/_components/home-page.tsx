import { ColumnPager } from './column-pager';
import { CompareForm } from './compare-form';
import { MatrixControls } from './matrix-controls';
import { MatrixTable } from './matrix-table';
import { SupportLegend } from './support-legend';
import { getMatrix } from '@/lib/matrix';
import { orNotFound } from '@/lib/pages';

/** `/` and `/?columns=N`: one page of columns of the newest release of every active mesh. */
function matrixPageHref(page: number): string {
  return page === 1 ? '/' : `/?columns=${page}`;
}

/** The matrix at `/`: newest release of every active mesh, a page of meshes at a time. */
export function HomePage({ columnPage = 1 }: { columnPage?: number }) {
  const matrix = orNotFound(() => getMatrix({ columnPage }));
  const window = matrix.columnPage && matrix.columnPage.pageCount > 1 ? `, meshes ${matrix.columnPage.first} to ${matrix.columnPage.last} of ${matrix.columnPage.total}` : '';
  const pager = matrix.columnPage ? <ColumnPager page={matrix.columnPage} hrefFor={matrixPageHref} /> : null;
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Service mesh comparison</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          The newest recorded release of every active service mesh. Each value links to its sources and full history; open a row
          name to read what counts as support.
        </p>
        <SupportLegend />
      </div>
      <MatrixControls categories={matrix.categories} />
      <CompareForm id="compare-form" />
      {pager}
      <MatrixTable matrix={matrix} compareForm="compare-form" caption={`Service mesh comparison: newest release of each active mesh${window}, grouped by category`} />
    </div>
  );
}
