import Link from 'next/link';
import type { MatrixView } from '@/lib/matrix';
import { releasePath } from '@/lib/format';
import { CellValue } from './cell-value';
import { FeatureHeader } from './feature-header';

/**
 * The comparison table. The wrapper scrolls both ways with the header row and
 * the row names pinned, so a phone can pan across meshes without losing its place.
 */
export function MatrixTable({ matrix, caption, compareForm }: { matrix: MatrixView; caption: string; compareForm?: string }) {
  const columnCount = matrix.columns.length + 1;
  return (
    <div
      className="max-h-[80vh] overflow-auto rounded border border-slate-200 dark:border-slate-800"
      role="region"
      aria-label={caption}
      tabIndex={0}
    >
      <table className="mx border-separate border-spacing-0 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th
              scope="col"
              className="sticky top-0 left-0 z-30 min-w-44 border-b border-slate-300 bg-slate-100 px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
            >
              Feature
            </th>
            {matrix.columns.map(({ mesh, version }) => (
              <th
                key={mesh.slug}
                scope="col"
                className="sticky top-0 z-20 min-w-36 border-b border-slate-300 bg-slate-100 px-3 py-2 align-bottom dark:border-slate-700 dark:bg-slate-900"
              >
                <Link href={`/meshes/${mesh.slug}`} className="font-semibold text-blue-800 underline dark:text-blue-200">
                  {mesh.name}
                </Link>
                <span className="block text-xs font-normal text-slate-700 dark:text-slate-300">
                  <Link href={releasePath(mesh.slug, version.label)} className="hover:underline">
                    {version.label}
                  </Link>
                </span>
                {compareForm ? (
                  <label className="mt-1 flex items-center gap-1 text-xs font-normal">
                    <input type="checkbox" name="meshes" value={`${mesh.slug}@${version.label}`} form={compareForm} />
                    compare
                  </label>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        {matrix.categories.map((category) => (
          <tbody key={category.slug}>
            <tr>
              <th
                scope="colgroup"
                colSpan={columnCount}
                id={`category-${category.slug}`}
                className="sticky left-0 border-b border-slate-200 bg-slate-50 px-3 pt-4 pb-1 text-left text-xs font-bold tracking-wide text-slate-800 uppercase dark:border-slate-800 dark:bg-slate-900/70 dark:text-slate-200"
              >
                {category.name}
              </th>
            </tr>
            {category.features.map((feature) => (
              <tr key={feature.slug} className="align-top">
                <th
                  scope="row"
                  className="sticky left-0 z-10 border-b border-slate-200 bg-white px-3 py-2 font-medium dark:border-slate-800 dark:bg-slate-950"
                >
                  <FeatureHeader feature={feature} />
                </th>
                {matrix.columns.map(({ mesh, version }) => (
                  <td key={mesh.slug}>
                    <CellValue
                      value={matrix.cells[mesh.slug]?.[feature.slug]}
                      kind={feature.kind}
                      meshSlug={mesh.slug}
                      meshName={mesh.name}
                      label={version.label}
                      featureSlug={feature.slug}
                      featureName={feature.name}
                      pending={matrix.pending[mesh.slug]?.[feature.slug]}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
