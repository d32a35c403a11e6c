import { TextAnchor } from '@/app/_components/ui/text-link';

/**
 * What the matrix does with meshes that have little data yet, and a plain
 * link (no client JavaScript) to show or hide them.
 */
export function SparseMeshesNote({
  sparseCount,
  shown,
  showHref,
  hideHref,
}: {
  sparseCount: number;
  shown: boolean;
  showHref: string;
  hideHref: string;
}) {
  if (sparseCount === 0) return null;
  const meshes = sparseCount === 1 ? 'mesh' : 'meshes';
  return (
    <p className="text-sm">
      {shown ? (
        <>
          The last {sparseCount === 1 ? '' : `${sparseCount} `}
          {meshes}, after the thick line, {sparseCount === 1 ? 'has' : 'have'} fewer than half of the rows known yet.{' '}
          <TextAnchor href={hideHref}>Hide {meshes} with little data</TextAnchor>
        </>
      ) : (
        <TextAnchor href={showHref}>
          Show {sparseCount} more {meshes} with little data yet
        </TextAnchor>
      )}
    </p>
  );
}
