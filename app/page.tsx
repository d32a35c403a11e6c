import { MatrixTable } from './_components/matrix-table';
import { getMatrix } from '@/lib/matrix';
import { SupportLegend } from './_components/support-legend';

export const dynamic = 'force-static';

export default function MatrixPage() {
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
      <MatrixTable matrix={matrix} caption="Service mesh comparison: newest release of each active mesh, grouped by category" />
    </div>
  );
}
