import { ColumnHeads, GroupRow } from '@/app/_components/ui/data-table';
import type { ReleaseDiff, ReleaseDiffRow } from '@/lib/server/matrix/meshes';
import type { RowChange } from '@/lib/rules/release-diff';
import { cellHtml } from './matrix-html';
import { TextLink } from '@/app/_components/ui/text-link';

const changeLabels: Record<RowChange, string> = {
  'newly-supported': 'newly supported',
  'no-longer-supported': 'no longer supported',
  changed: 'changed',
  'sources-only': 'sources changed',
  added: 'newly recorded',
  removed: 'no longer recorded',
  unchanged: 'unchanged',
};

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

/** Both releases' values as matrix cells: value (linking to that release's history), note, numbered sources, carried mark. */
function Rows({ rows, diff }: { rows: ReleaseDiffRow[]; diff: ReleaseDiff }) {
  return (
    <>
      {rows.map((row) => (
        <tr key={row.feature.slug} className="align-top">
          <th scope="row" className="border-b border-slate-200 px-3 py-2 font-medium dark:border-slate-800">
            {row.feature.name}
            <span className="block text-xs font-normal">{changeLabels[row.change]}</span>
          </th>
          {[
            { value: row.from, label: diff.from.label },
            { value: row.to, label: diff.to.label },
          ].map(({ value, label }) => (
            <td
              key={label}
              dangerouslySetInnerHTML={{
                __html: cellHtml(value ?? undefined, {
                  kind: row.feature.kind,
                  meshSlug: diff.mesh.slug,
                  label,
                  featureSlug: row.feature.slug,
                  context: '',
                }),
              }}
            />
          ))}
        </tr>
      ))}
    </>
  );
}

/** What changed between two releases of one mesh, grouped by category, with unchanged rows tucked away. */
export function ReleaseDiffView({ diff }: { diff: ReleaseDiff }) {
  const { mesh, counts } = diff;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <TextLink href={`/meshes/${mesh.slug}`}>{mesh.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        {mesh.name}: what changed from {diff.from.label} to {diff.to.label}
      </h1>
      <form method="get" action={`/meshes/${mesh.slug}/compare`} className="flex flex-wrap items-end gap-3">
        {(['from', 'to'] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`diff-${name}`} className="block text-sm font-medium">
              {name === 'from' ? 'From release' : 'To release'}
            </label>
            <select id={`diff-${name}`} name={name} defaultValue={diff[name].label} className={field}>
              {diff.versions.map((v) => (
                <option key={v.id} value={v.label}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Compare
        </button>
      </form>
      <ul className="flex flex-wrap gap-4 text-sm" aria-label="Summary">
        <li>
          <strong>{counts.changed}</strong> rows changed
        </li>
        <li>
          <strong>{counts.newlySupported}</strong> newly supported
        </li>
        <li>
          <strong>{counts.noLongerSupported}</strong> no longer supported
        </li>
        <li>
          <strong>{counts.unchanged}</strong> unchanged
        </li>
      </ul>
      <div className="overflow-x-auto">
        <table className="mx w-full border-separate border-spacing-0 text-left text-sm">
          <caption className="sr-only">
            Rows that differ between {mesh.name} {diff.from.label} and {diff.to.label}
          </caption>
          <ColumnHeads labels={['Feature', diff.from.label, diff.to.label]} />
          {diff.categories.map((category) => {
            const changed = category.rows.filter((r) => r.change !== 'unchanged');
            if (!changed.length) return null;
            return (
              <tbody key={category.slug}>
                <GroupRow span={3}>{category.name}</GroupRow>
                <Rows rows={changed} diff={diff} />
              </tbody>
            );
          })}
        </table>
      </div>
      {counts.changed === 0 ? <p>No row differs between these releases.</p> : null}
      <details>
        <summary className="font-medium">Show the {counts.unchanged} unchanged rows</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="mx w-full border-separate border-spacing-0 text-left text-sm">
            <caption className="sr-only">Rows with the same value in both releases</caption>
            <thead>
              <tr>
                <th scope="col" className="px-3 py-2">
                  Feature
                </th>
                <th scope="col" className="px-3 py-2">
                  {diff.from.label}
                </th>
                <th scope="col" className="px-3 py-2">
                  {diff.to.label}
                </th>
              </tr>
            </thead>
            <tbody>
              <Rows rows={diff.categories.flatMap((c) => c.rows.filter((r) => r.change === 'unchanged'))} diff={diff} />
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
