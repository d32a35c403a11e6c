import type { ReleaseDiff } from '@/lib/server/matrix/meshes';
import { HtmlOnce } from './html-once';
import { releaseDiffTableHtml, unchangedRowsTableHtml } from './matrix-html';
import { TextLink } from '@/app/_components/ui/text-link';

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

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
      <HtmlOnce className="overflow-x-auto" html={releaseDiffTableHtml(diff)} />
      {counts.changed === 0 ? <p>No row differs between these releases.</p> : null}
      <details>
        <summary className="font-medium">Show the {counts.unchanged} unchanged rows</summary>
        <HtmlOnce className="mt-2 overflow-x-auto" html={unchangedRowsTableHtml(diff)} />
      </details>
    </div>
  );
}
