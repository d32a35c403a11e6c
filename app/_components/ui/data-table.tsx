import type { ReactNode } from 'react';

const headCellClass = 'border-b border-slate-300 px-3 py-2 dark:border-slate-700';
const bodyCellClass = 'border-b border-slate-200 px-3 py-2 dark:border-slate-800';

function withExtra(base: string, extra: string | undefined): string {
  return [base, extra].filter(Boolean).join(' ');
}

/** A table's column headers, each a `th` with `scope="col"`; `className` adds to every one (alignment). */
export function ColumnHeads({ labels, className }: { labels: readonly ReactNode[]; className?: string }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={typeof label === 'string' ? label : i} scope="col" className={withExtra(headCellClass, className)}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A data table in the site's style. Every table has a caption (hidden unless `captionClassName` shows it)
 * so screen readers can name it in their table list; headers come from `columns`, or from `head` when
 * they need more than one row. Rows are the children, built from `RowHeader` and `Cell`.
 */
export function DataTable({
  caption,
  captionClassName = 'sr-only',
  columns,
  columnClassName,
  head,
  className = 'w-full',
  children,
}: {
  caption: ReactNode;
  captionClassName?: string;
  columns?: readonly ReactNode[];
  columnClassName?: string;
  head?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={withExtra(className, 'border-separate border-spacing-0 text-left text-sm')}>
      <caption className={captionClassName}>{caption}</caption>
      {head ?? (columns ? <ColumnHeads labels={columns} className={columnClassName} /> : null)}
      <tbody>{children}</tbody>
    </table>
  );
}

/** A column header cell written out by hand, for a `head` that needs spans. */
export function HeadCell({
  className,
  children,
  ...props
}: {
  className?: string;
  children?: ReactNode;
  rowSpan?: number;
  colSpan?: number;
}) {
  return (
    <th scope="col" {...props} className={withExtra(headCellClass, className)}>
      {children}
    </th>
  );
}

/** The first cell of a body row, naming the row for screen readers (`scope="row"`); plain weight unless told otherwise. */
export function RowHeader({ className = 'font-normal', children }: { className?: string; children?: ReactNode }) {
  return (
    <th scope="row" className={withExtra(bodyCellClass, className)}>
      {children}
    </th>
  );
}

export function Cell({ className, children }: { className?: string; children?: ReactNode }) {
  return <td className={withExtra(bodyCellClass, className)}>{children}</td>;
}

/** A row that heads a group of body rows (a category), spanning the table; each group is a `tbody` of its own. */
export function GroupRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <tr>
      <th
        scope="colgroup"
        colSpan={span}
        className="bg-slate-50 px-3 pt-4 pb-1 text-xs font-bold tracking-wide uppercase dark:bg-slate-900/70"
      >
        {children}
      </th>
    </tr>
  );
}
