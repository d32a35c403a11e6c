import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { describeMatrix } from '@/lib/server/previews/preview-cards';
import Link from 'next/link';
import { ColumnPager } from '@/app/_components/column-pager';
import { CompareForm } from '@/app/_components/compare-form';
import { MatrixControls } from '@/app/_components/matrix-controls';
import { MatrixTable } from '@/app/_components/matrix-table';
import { SparseMeshesNote } from '@/app/_components/sparse-meshes-note';
import { SupportLegend } from '@/app/_components/support-legend';
import { arrangeByCoverage } from '@/lib/rules/coverage';
import { formatDate } from '@/lib/rules/format';
import { getMatrix, listCategories, pageMatrixColumns } from '@/lib/server/matrix/matrix';
import { filterMatrix } from '@/lib/server/matrix/matrix-filter';
import { readQuery } from '@/lib/rules/query';
import { matrixViewListParams, matrixViewQuerySchema, type MatrixViewQuery } from '@/lib/server/matrix/query-schemas';
import { textLinkClass } from '@/app/_components/ui/text-link';

// `/?at=…&need=…&q=…` (and a `columns` or `sparse` that is not a cached page) is rewritten here (lib/next/view-routes.ts);
// plain `/` stays a cached page in app/cached-views/[view].
export const dynamic = 'force-dynamic';
// Filters and as-of dates are views of `/`: search engines are pointed at it.
export function generateMetadata(): Metadata {
  return describePage({ title: 'Service mesh comparison', description: describeMatrix(), path: '/' });
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function filteredMatrix({ at, need, partial, q, columns, sparse }: MatrixViewQuery) {
  const matrix = filterMatrix(getMatrix({ at: at ?? undefined }), {
    needs: need,
    countPartial: partial === '1',
    text: q ?? undefined,
  });
  // Grouped after filtering, so the count names the matching meshes with little data.
  const arranged = arrangeByCoverage(matrix.columns, sparse === '1');
  const paged = pageMatrixColumns({ ...matrix, columns: arranged.columns }, columns ?? 1);
  return paged ? { ...paged, sparseCount: arranged.sparseCount } : null;
}

export default async function MatrixViewPage({ searchParams }: Props) {
  const parsed = readQuery(matrixViewQuerySchema(), await searchParams, { lists: matrixViewListParams });
  const categories = listCategories();
  const knownRows = new Set(
    categories.flatMap((c) => c.features.filter((f) => f.kind === 'support').map((f) => f.slug)),
  );
  const problems = parsed.ok
    ? parsed.data.need
        .filter((slug) => !knownRows.has(slug))
        .map((slug) => `need "${slug}" is not a support row of the matrix`)
    : parsed.problems;
  const filtered = parsed.ok && !problems.length ? filteredMatrix(parsed.data) : null;
  if (filtered === null && parsed.ok && !problems.length)
    problems.push(`columns: there is no page ${parsed.data.columns} of meshes for this view`);
  if (!parsed.ok || !filtered) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1 className="text-2xl font-bold">Cannot show this view of the matrix</h1>
        <ul role="alert" className="list-disc pl-6">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p>
          <Link href="/" className={textLinkClass}>
            Show today&apos;s matrix
          </Link>
        </p>
      </div>
    );
  }
  const { at, need, partial, q, sparse } = parsed.data;
  const matrix = filtered;
  const matching = matrix.columnPage.total + (sparse === '1' ? 0 : matrix.sparseCount);
  const hrefFor = (page: number, includeSparse = sparse === '1') => {
    const params = new URLSearchParams();
    if (at) params.set('at', at);
    if (need.length) params.set('need', need.join(','));
    if (partial === '1') params.set('partial', '1');
    if (q) params.set('q', q);
    if (includeSparse) params.set('sparse', '1');
    if (page > 1) params.set('columns', String(page));
    return params.size ? `/?${params}` : '/';
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Service mesh comparison{at ? ` as of ${formatDate(at)}` : ''}</h1>
      {at ? (
        <p role="status" className="rounded bg-amber-100 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          You are looking at the matrix as it stood on {formatDate(at)}: each mesh at the newest release recorded by
          then, each value as it was at the end of that day.{' '}
          <Link href="/" className="font-medium underline">
            Back to today
          </Link>
        </p>
      ) : null}
      <SupportLegend />
      <MatrixControls categories={categories} values={{ at, needs: need, partial: partial === '1', q }} />
      {need.length || q ? (
        <p>
          {matching} {matching === 1 ? 'mesh matches' : 'meshes match'}, over{' '}
          {matrix.categories.reduce((n, c) => n + c.features.length, 0)} rows.{' '}
          <Link href={at ? `/?at=${at}` : '/'} className={textLinkClass}>
            Clear filters
          </Link>
        </p>
      ) : null}
      <SparseMeshesNote
        sparseCount={matrix.sparseCount}
        shown={sparse === '1'}
        showHref={hrefFor(1, true)}
        hideHref={hrefFor(1, false)}
      />
      {matrix.columns.length === 0 ? (
        matching > 0 ? null : (
          <p>No mesh matches every chosen feature{at ? ' on that date' : ''}.</p>
        )
      ) : (
        <>
          <CompareForm id="compare-form" />
          <ColumnPager page={matrix.columnPage} hrefFor={(page) => hrefFor(page)} />
          <MatrixTable
            matrix={matrix}
            compareForm="compare-form"
            caption={`Service mesh comparison${at ? ` as of ${at}` : ''}, filtered`}
          />
        </>
      )}
    </div>
  );
}
