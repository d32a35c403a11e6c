import { CompareForm } from './compare-form';
import { MatrixControls } from './matrix-controls';
import { MatrixTable } from './matrix-table';
import { SupportLegend } from './support-legend';
import { getMatrix } from '@/lib/matrix';

/** The matrix at `/`: newest release of every active mesh. */
export function HomePage() {
  const matrix = getMatrix();
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Service mesh comparison</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          The newest recorded release of every active service mesh. Each value links to its sources and full history; open a row
          name to read what counts as support.
        </p>
        <SupportLegend />
      </div>
      <MatrixControls categories={matrix.categories} />
      <CompareForm id="compare-form" />
      <MatrixTable matrix={matrix} compareForm="compare-form" caption="Service mesh comparison: newest release of each active mesh, grouped by category" />
    </div>
  );
}
