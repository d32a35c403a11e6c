import type { Metadata } from 'next';
import { describePage, meshPreviewPath } from '@/lib/next/page-metadata';
import { describeReleaseDiff } from '@/lib/server/previews/preview-cards';
import { ReleaseDiffView } from '@/app/_components/release-diff-view';
import { ReleaseDiffProblem, readReleaseDiff } from './read-release-diff';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = readReleaseDiff((await params).slug);
  if (!('diff' in result)) return { title: 'Cannot compare these releases' };
  const { diff } = result;
  return describePage({
    title: `What changed in ${diff.mesh.name} ${diff.to.label}`,
    description: describeReleaseDiff(diff),
    path: `/meshes/${encodeURIComponent(diff.mesh.slug)}/compare`,
    image: meshPreviewPath(diff.mesh.slug),
  });
}

export default async function LatestReleaseDiffPage({ params }: Props) {
  const result = readReleaseDiff((await params).slug);
  return 'diff' in result ? <ReleaseDiffView diff={result.diff} /> : <ReleaseDiffProblem {...result} />;
}
