/** A table's column headers, each a `th` with `scope="col"`, in the site's table style. */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th key={label} scope="col" className="border-b border-slate-300 px-3 py-2 dark:border-slate-700">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
