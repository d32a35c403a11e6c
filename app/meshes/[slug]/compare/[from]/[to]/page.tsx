import type { Metadata } from 'next';
import { describePage, meshPreviewPath } from '@/lib/next/page-metadata';
import { describeReleaseDiff } from '@/lib/server/previews/preview-cards';
import { ReleaseDiffView } from '@/app/_components/release-diff-view';
import { ReleaseDiffProblem, readReleaseDiff } from '../../read-release-diff';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string; from: string; to: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; from: string; to: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, from, to } = await params;
  const result = readReleaseDiff(slug, from, to);
  if (!('diff' in result)) return { title: 'Cannot compare these releases' };
  const { diff } = result;
  // `/meshes/x/compare?from=&to=` is rewritten here: this path is its canonical form.
  return describePage({
    title: `What changed in ${diff.mesh.name} from ${diff.from.label} to ${diff.to.label}`,
    description: describeReleaseDiff(diff),
    path: `/meshes/${encodeURIComponent(diff.mesh.slug)}/compare/${encodeURIComponent(diff.from.label)}/${encodeURIComponent(diff.to.label)}`,
    image: meshPreviewPath(diff.mesh.slug),
  });
}

export default async function ReleaseDiffPage({ params }: Props) {
  const { slug, from, to } = await params;
  const result = readReleaseDiff(slug, from, to);
  return 'diff' in result ? <ReleaseDiffView diff={result.diff} /> : <ReleaseDiffProblem {...result} />;
}
