import { textLinkClass } from '@/app/_components/text-link';
/**
 * What the matrix does with meshes that have little data yet, and a plain
 * link (no client JavaScript) to show or hide them.
 */
export function SparseMeshesNote({ sparseCount, shown, showHref, hideHref }: { sparseCount: number; shown: boolean; showHref: string; hideHref: string }) {
  if (sparseCount === 0) return null;
  const meshes = sparseCount === 1 ? 'mesh' : 'meshes';
  return (
    <p className="text-sm">
      {shown ? (
        <>
          The last {sparseCount === 1 ? '' : `${sparseCount} `}
          {meshes}, after the thick line, {sparseCount === 1 ? 'has' : 'have'} fewer than half of the rows known yet.{' '}
          <a href={hideHref} className={textLinkClass}>
            Hide {meshes} with little data
          </a>
        </>
      ) : (
        <a href={showHref} className={textLinkClass}>
          Show {sparseCount} more {meshes} with little data yet
        </a>
      )}
    </p>
  );
}
