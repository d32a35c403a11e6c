import type { ColumnPage } from '@/lib/server/matrix/matrix';

/** Which meshes this page of the matrix shows, with plain links to the others (no client JavaScript). */
export function ColumnPager({ page, hrefFor }: { page: ColumnPage; hrefFor: (page: number) => string }) {
  if (page.pageCount < 2) return null;
  return (
    <nav aria-label="Pages of meshes" className="flex flex-wrap items-center gap-2 text-sm">
      <span>
        Meshes {page.first}–{page.last} of {page.total}, in column order:
      </span>
      <ul className="flex flex-wrap gap-1">
        {Array.from({ length: page.pageCount }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            <a
              href={hrefFor(n)}
              aria-current={n === page.page ? 'page' : undefined}
              className={`inline-block rounded border px-2 py-0.5 ${n === page.page ? 'border-slate-800 bg-slate-800 text-white dark:border-slate-200 dark:bg-slate-200 dark:text-slate-900' : 'border-slate-400 text-blue-700 underline dark:border-slate-600 dark:text-blue-300'}`}
            >
              <span className="sr-only">Page </span>
              {n}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
