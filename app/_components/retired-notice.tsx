import { formatDate } from '@/lib/rules/format';
import type { Retirement } from '@/lib/server/structure/structure';

/** Shown on every page of a cell whose row (or category) is retired, so an old link explains itself. */
export function RetiredNotice({ retired }: { retired: Retirement }) {
  const when = retired.on ? (
    <>
      {' '}
      on <time dateTime={retired.on}>{formatDate(retired.on)}</time>
    </>
  ) : null;
  return (
    <p className="rounded bg-amber-100 px-3 py-2 text-amber-950 dark:bg-amber-900/60 dark:text-amber-50">
      {retired.scope === 'row' ? (
        <>This row was retired{when} and no longer appears in the matrix.</>
      ) : (
        <>
          This row&apos;s category, {retired.categoryName}, was retired{when}, so the row no longer appears in the matrix.
        </>
      )}{' '}
      Its values and history stay here; it no longer takes proposals.
    </p>
  );
}
