import { ColumnPager } from './column-pager';
import { CompareForm } from './compare-form';
import { MatrixControls } from './matrix-controls';
import { MatrixTable } from './matrix-table';
import { SparseMeshesNote } from './sparse-meshes-note';
import { SupportLegend } from './support-legend';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { orNotFound } from '@/lib/next/pages';

/** `/`, `/?columns=N` and with `sparse=1` the same including meshes with little data: one page of columns. */
function matrixPageHref(page: number, includeSparse = false): string {
  const params = new URLSearchParams();
  if (includeSparse) params.set('sparse', '1');
  if (page > 1) params.set('columns', String(page));
  return params.size ? `/?${params}` : '/';
}

/**
 * The matrix at `/`: newest release of every active mesh, a page of meshes at
 * a time. Meshes with little data yet are left out behind a link, or (with
 * `includeSparse`) shown after the others.
 */
export function HomePage({ columnPage = 1, includeSparse = false }: { columnPage?: number; includeSparse?: boolean }) {
  const matrix = orNotFound(() => getMatrix({ columnPage, sparse: includeSparse ? 'after' : 'hide' }));
  const window =
    matrix.columnPage && matrix.columnPage.pageCount > 1
      ? `, meshes ${matrix.columnPage.first} to ${matrix.columnPage.last} of ${matrix.columnPage.total}`
      : '';
  const pager = matrix.columnPage ? (
    <ColumnPager page={matrix.columnPage} hrefFor={(page) => matrixPageHref(page, includeSparse)} />
  ) : null;
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Service mesh comparison</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          The newest recorded release of every active service mesh. Each value links to its sources and full history;
          open a row name to read what counts as support.
        </p>
        <SupportLegend />
      </div>
      <MatrixControls categories={matrix.categories} />
      <CompareForm id="compare-form" />
      <SparseMeshesNote
        sparseCount={matrix.sparseCount ?? 0}
        shown={includeSparse}
        showHref={matrixPageHref(1, true)}
        hideHref={matrixPageHref(1)}
      />
      {pager}
      <MatrixTable
        matrix={matrix}
        compareForm="compare-form"
        caption={`Service mesh comparison: newest release of each active mesh${window}, grouped by category`}
      />
    </div>
  );
}
