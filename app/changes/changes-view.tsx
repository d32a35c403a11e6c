import { FilterSelect } from '@/app/_components/filter-select';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { changesPageOf, listChanges, type ChangeValue } from '@/lib/server/changes/changes';
import { cellPath, formatDate, releasePath, revisionKindLabels } from '@/lib/rules/format';
import { listCategories } from '@/lib/server/matrix/matrix';
import { listMeshes } from '@/lib/server/matrix/meshes';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Notice } from '@/app/_components/ui/notice';

function Value({ value, kind }: { value: ChangeValue | null; kind: 'support' | 'text' }) {
  if (!value) return <em>nothing recorded</em>;
  return (
    <span>
      {kind === 'text' || value.support === null ? value.text : <SupportBadge support={value.support} />}
      {value.note ? <span className="ml-1 text-xs">{value.note}</span> : null}
    </span>
  );
}

export type ChangesQuery = { mesh?: string; category?: string; page?: string };

/**
 * Recent changes for one filter and page; `/changes` itself is the cached default, filtered views render per request.
 * `queryProblems` are the query's refused parameters (app/changes/filtered): the view then shows every change.
 */
export function ChangesView({ query, queryProblems = [] }: { query: ChangesQuery; queryProblems?: readonly string[] }) {
  const text = (name: keyof ChangesQuery) => query[name];
  const meshes = listMeshes();
  const categories = listCategories();
  const mesh = meshes.some((m) => m.slug === text('mesh')) ? text('mesh') : undefined;
  const category = categories.some((c) => c.slug === text('category')) ? text('category') : undefined;
  const requested = changesPageOf(text('page'));
  const problems = [
    ...queryProblems,
    requested.problem,
    text('mesh') && !mesh ? `mesh "${text('mesh')}" is not a mesh we list; showing every mesh.` : null,
    text('category') && !category ? `category "${text('category')}" is not a category; showing every category.` : null,
  ].filter((p): p is string => p !== null);
  const { entries, hasMore, page } = listChanges({ mesh, category, page: requested.page });
  const link = (n: number) =>
    `/changes?${new URLSearchParams({ ...(mesh ? { mesh } : {}), ...(category ? { category } : {}), page: String(n) })}`;
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-bold">Recent changes</h1>
      <p>
        Approved changes, reverts and new releases, newest first. Follow them in a feed reader:{' '}
        <TextAnchor href={mesh ? `/changes/feed.xml?mesh=${mesh}` : '/changes/feed.xml'}>
          Atom feed{mesh ? ` for ${meshes.find((m) => m.slug === mesh)?.name}` : ''}
        </TextAnchor>
        .
      </p>
      {problems.length ? (
        <Notice tone="problem" role="alert" as="ul">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </Notice>
      ) : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter changes">
        <FilterSelect id="changes-mesh" name="mesh" label="Mesh" allLabel="All meshes" value={mesh} options={meshes} />
        <FilterSelect
          id="changes-category"
          name="category"
          label="Category"
          allLabel="All categories"
          value={category}
          options={categories}
        />
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Filter
        </button>
      </form>
      {entries.length === 0 ? <p>No changes match.</p> : null}
      <ol className="space-y-4">
        {entries.map((entry) =>
          entry.type === 'release' ? (
            <li key={entry.id} id={entry.id} className="rounded border border-slate-200 p-3 dark:border-slate-800">
              <p className="text-sm text-slate-700 dark:text-slate-300">
                <time dateTime={entry.at}>{formatDate(entry.at)}</time> · new release
              </p>
              <p>
                <TextAnchor href={releasePath(entry.mesh.slug, entry.label)} className="font-medium">
                  {entry.mesh.name} {entry.label}
                </TextAnchor>{' '}
                recorded{entry.releasedOn ? `, released ${formatDate(entry.releasedOn)}` : ''}.
              </p>
            </li>
          ) : (
            <li
              key={entry.id}
              id={entry.id}
              className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-800"
            >
              <p className="text-sm text-slate-700 dark:text-slate-300">
                <time dateTime={entry.at}>{formatDate(entry.at)}</time> · {revisionKindLabels[entry.kind]} ·{' '}
                {entry.category.name}
                {entry.authorName ? ` · proposed by ${entry.authorName}` : ''}
                {entry.kind === 'proposal' && entry.publishedWithoutReview ? (
                  <>
                    {' · '}
                    <strong>published without review</strong>
                  </>
                ) : entry.approverName && entry.kind === 'proposal' ? (
                  ` · approved by ${entry.approverName}`
                ) : (
                  ''
                )}
                {entry.kind === 'revert' && entry.approverName ? ` · by ${entry.approverName}` : ''}
              </p>
              <p>
                <TextAnchor href={cellPath(entry.mesh.slug, entry.label, entry.feature.slug)} className="font-medium">
                  {entry.feature.name} in {entry.mesh.name} {entry.label}
                </TextAnchor>
                : <Value value={entry.before} kind={entry.feature.kind} /> <span aria-hidden="true">→</span>
                <span className="sr-only">changed to</span> <Value value={entry.after} kind={entry.feature.kind} />
              </p>
              {entry.reason ? <p className="text-sm">{entry.reason}</p> : null}
              <SourceList sources={entry.after.sources} />
            </li>
          ),
        )}
      </ol>
      <nav aria-label="Pages" className="flex gap-4">
        {page > 1 ? (
          <a href={link(page - 1)} className="underline">
            Newer changes
          </a>
        ) : null}
        {hasMore ? (
          <a href={link(page + 1)} className="underline">
            Older changes
          </a>
        ) : null}
      </nav>
    </div>
  );
}
