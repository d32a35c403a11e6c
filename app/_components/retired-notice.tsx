import { formatDate } from '@/lib/rules/format';
import type { Retirement } from '@/lib/server/structure/structure';
import { Notice } from '@/app/_components/ui/notice';

/** Shown on every page of a cell whose row (or category) is retired, so an old link explains itself. */
export function RetiredNotice({ retired }: { retired: Retirement }) {
  const when = retired.on ? (
    <>
      {' '}
      on <time dateTime={retired.on}>{formatDate(retired.on)}</time>
    </>
  ) : null;
  return (
    <Notice tone="warning">
      {retired.scope === 'row' ? (
        <>This row was retired{when} and no longer appears in the matrix.</>
      ) : (
        <>
          This row&apos;s category, {retired.categoryName}, was retired{when}, so the row no longer appears in the
          matrix.
        </>
      )}{' '}
      Its values and history stay here; it no longer takes proposals.
    </Notice>
  );
}
