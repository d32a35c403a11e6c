import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { MatrixTable } from '@/app/_components/matrix-table';
import { SupportLegend } from '@/app/_components/support-legend';
import { BadRequestError } from '@/lib/rules/errors';
import { getMatrix, type MatrixView } from '@/lib/server/matrix/matrix';
import { listMeshes } from '@/lib/server/matrix/meshes';
import { filterMatrix } from '@/lib/server/matrix/matrix-filter';
import { readQuery } from '@/lib/rules/query';
import { compareListParams, compareQuerySchema } from '@/lib/server/matrix/query-schemas';
import { TextLink } from '@/app/_components/ui/text-link';
import { Notice } from '@/app/_components/ui/notice';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = describePage({
  title: 'Compare meshes side by side',
  description:
    'Pick service meshes and releases and compare their features side by side, optionally only the rows where they differ.',
  path: '/compare',
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

export default async function ComparePage({ searchParams }: Props) {
  const parsed = readQuery(compareQuerySchema, await searchParams, { lists: compareListParams });
  const raw = parsed.given;
  const meshes = listMeshes();
  let problems: string[] = [];
  let matrix: MatrixView | null = null;
  let differ = false;
  if (!parsed.ok) {
    // Without meshes the page is the empty form: only a problem with another parameter is worth naming.
    problems = Object.entries(parsed.fieldErrors)
      .filter(([key]) => raw.meshes !== undefined || key !== 'meshes')
      .flatMap(([, messages]) => messages);
  } else {
    differ = parsed.data.differ === '1';
    const refs = parsed.data.meshes;
    try {
      matrix = getMatrix({
        meshes: refs.map((r) => r.mesh),
        versions: refs.filter((r): r is { mesh: string; label: string } => !!r.label),
      });
      matrix = filterMatrix(matrix, { needs: [], countPartial: false, onlyDiffering: differ });
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      problems = [error.message];
    }
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Compare meshes side by side</h1>
      {problems.length ? (
        <Notice tone="problem" role="alert" as="ul">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </Notice>
      ) : null}
      <form method="get" className="space-y-2" aria-label="Choose meshes">
        <label htmlFor="compare-meshes" className="block text-sm font-medium">
          Meshes (two to six, comma-separated; add @release for a specific one, for example istio@1.9,linkerd,cilium)
        </label>
        <input id="compare-meshes" name="meshes" defaultValue={raw.meshes ?? ''} className={field} list="mesh-slugs" />
        <datalist id="mesh-slugs">
          {meshes.map((m) => (
            <option key={m.slug} value={m.slug} />
          ))}
        </datalist>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="differ" value="1" defaultChecked={differ} />
          Show only rows that differ
        </label>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Compare
        </button>
      </form>
      {matrix ? (
        <>
          <SupportLegend />
          <MatrixTable
            matrix={matrix}
            caption={`${matrix.columns.map((c) => `${c.mesh.name} ${c.version.label}`).join(' compared with ')}`}
          />
          {matrix.categories.length === 0 ? <p>These releases agree on every row.</p> : null}
        </>
      ) : (
        <p>
          Or tick columns on <TextLink href="/">the matrix</TextLink>.
        </p>
      )}
    </div>
  );
}
