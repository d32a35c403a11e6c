import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { notFound } from 'next/navigation';
import { FilterSelect } from '@/app/_components/filter-select';
import { SupportBadge } from '@/app/_components/support-badge';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { formatMonthYear } from '@/lib/rules/format';
import { listMeshes } from '@/lib/server/matrix/meshes';
import {
  listCellsToCheck,
  type CellToCheck,
  type MeshToCheck,
  type NeedsChecking,
} from '@/lib/server/cells/needs-checking';
import { readQuery, type QueryParams } from '@/lib/rules/query';
import { needsCheckingQuerySchema } from '@/lib/server/matrix/query-schemas';
import { STALE_AFTER_MONTHS } from '@/lib/rules/staleness';
import { Cell, ColumnHeads, DataTable, GroupRow, RowHeader } from '@/app/_components/ui/data-table';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { QueryProblems } from '@/app/_components/ui/notice';

// Filtered by query string and cheap to build; rendered per request so a fresh confirmation leaves the list at once.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = describePage({
  title: 'Needs checking',
  description:
    'Service mesh comparison values that are unknown or carried over from an older release without a fresh source, by mesh and row: each one a click from proposing a sourced value.',
  path: '/needs-checking',
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list for the query, or every mesh plus the problems when the query is refused; an unknown mesh is a 404. */
function readList(params: QueryParams): {
  list: NeedsChecking;
  problems: string[];
} {
  const query = readQuery(needsCheckingQuerySchema, params);
  const everyMesh = (problems: string[]) => ({
    list: listCellsToCheck({}),
    problems: [...problems.slice(0, -1), `${problems.at(-1)}; showing every mesh.`],
  });
  if (!query.ok) return everyMesh(query.problems);
  try {
    return { list: listCellsToCheck(query.data.mesh ? { mesh: query.data.mesh } : {}), problems: [] };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof BadRequestError) return everyMesh([error.message]);
    throw error;
  }
}

export default async function NeedsCheckingPage({ searchParams }: Props) {
  const { list, problems } = readList(await searchParams);
  const activeMeshes = listMeshes().filter((m) => m.status === 'active' && m.latest);
  const total = list.meshes.reduce((n, m) => n + m.counts.total, 0);
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-bold">Needs checking</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Cells of the newest release of each active mesh that need a source: values carried over from an earlier release
        and never re-checked, values last confirmed more than {STALE_AFTER_MONTHS} months before the mesh&rsquo;s newest
        release, values recorded as unknown, and cells with nothing recorded. Confirming a current value with a new
        source is the quickest way to clear a stale mark; a moderator reviews every proposal.
      </p>
      <QueryProblems problems={problems} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose a mesh">
        <FilterSelect
          id="needs-checking-mesh"
          name="mesh"
          label="Mesh"
          allLabel="All active meshes"
          value={list.mesh ?? undefined}
          options={activeMeshes}
        />
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Show
        </button>
      </form>
      {total === 0 ? (
        <p role="status">
          Nothing needs checking{list.mesh ? ' in this mesh' : ''}: every cell has a recent, confirmed value.
        </p>
      ) : (
        <>
          <Summary list={list} />
          {list.meshes
            .filter((m) => m.counts.total > 0)
            .map((entry) => (
              <MeshSection key={entry.mesh.slug} entry={entry} open={list.mesh !== null} />
            ))}
        </>
      )}
    </div>
  );
}

function Summary({ list }: { list: NeedsChecking }) {
  return (
    <div className="overflow-x-auto">
      <DataTable
        caption="Cells that need checking, per mesh"
        captionClassName="mb-2 text-left font-semibold"
        columns={['Mesh and release', 'Stale', 'Unknown or empty']}
        className=""
      >
        {list.meshes.map(({ mesh, version, counts }) => (
          <tr key={mesh.slug}>
            <RowHeader>
              {counts.total > 0 ? (
                <TextAnchor href={`#mesh-${mesh.slug}`}>
                  {mesh.name} {version.label}
                </TextAnchor>
              ) : (
                `${mesh.name} ${version.label}`
              )}
            </RowHeader>
            <Cell className="tabular-nums">{counts.stale}</Cell>
            <Cell className="tabular-nums">{counts.unknown}</Cell>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function reasonText(cell: CellToCheck): string {
  switch (cell.reason) {
    case 'carried':
      return `carried over from ${cell.value?.carriedFrom ?? 'an earlier release'}, not re-checked`;
    case 'outdated':
      return cell.value?.confirmedOn
        ? `last confirmed in ${formatMonthYear(cell.value.confirmedOn)}`
        : 'not confirmed recently';
    case 'unknown':
      return 'recorded as unknown';
    case 'missing':
      return 'nothing recorded';
  }
}

function CurrentValue({ cell }: { cell: CellToCheck }) {
  const { value } = cell;
  if (!value) return <em>none</em>;
  if (cell.feature.kind === 'text' || value.support === null) return <span>{value.text}</span>;
  return <SupportBadge support={value.support} />;
}

function MeshSection({ entry, open }: { entry: MeshToCheck; open: boolean }) {
  const { mesh, version, counts } = entry;
  const title = `${mesh.name} ${version.label}`;
  const categories = [...new Set(entry.cells.map((c) => c.category.slug))].map((slug) => ({
    name: entry.cells.find((c) => c.category.slug === slug)!.category.name,
    slug,
    cells: entry.cells.filter((c) => c.category.slug === slug),
  }));
  return (
    <section
      id={`mesh-${mesh.slug}`}
      aria-labelledby={`mesh-${mesh.slug}-heading`}
      className="rounded border border-slate-200 dark:border-slate-800"
    >
      <details open={open} className="group">
        <summary className="cursor-pointer px-4 py-3">
          <h2 id={`mesh-${mesh.slug}-heading`} className="inline text-lg font-semibold">
            {title}
          </h2>{' '}
          <span className="text-sm text-slate-700 dark:text-slate-300">
            {counts.stale} stale, {counts.unknown} unknown or empty
          </span>
        </summary>
        <div className="overflow-x-auto px-4 pb-4">
          <p className="mb-2 text-sm">
            <TextLink href={`/meshes/${mesh.slug}`}>All of {mesh.name}</TextLink>
          </p>
          <table className="w-full border-separate border-spacing-0 text-left text-sm">
            <caption className="sr-only">Cells of {title} that need checking, by category</caption>
            <ColumnHeads labels={['Row', 'Current value', 'Why', 'Action']} />
            {categories.map((category) => (
              <tbody key={category.slug}>
                <GroupRow span={4}>{category.name}</GroupRow>
                {category.cells.map((cell) => (
                  <tr key={cell.feature.slug}>
                    <RowHeader className="font-normal align-top">
                      <TextLink href={cell.cellHref}>{cell.feature.name}</TextLink>
                    </RowHeader>
                    <Cell className="align-top">
                      <CurrentValue cell={cell} />
                    </Cell>
                    <Cell className="align-top">{reasonText(cell)}</Cell>
                    <Cell className="align-top">
                      <TextLink href={cell.proposeHref} className="font-medium">
                        {cell.value && cell.value.support !== 'unknown' ? 'Confirm or correct' : 'Propose a value'}
                        <span className="sr-only">
                          {' '}
                          for {cell.feature.name} in {title}
                        </span>
                      </TextLink>
                    </Cell>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </details>
    </section>
  );
}
