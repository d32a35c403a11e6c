import type { Metadata } from 'next';
import { ReleaseDiffView } from '@/app/_components/release-diff-view';
import { ReleaseDiffProblem, readReleaseDiff } from './read-release-diff';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `What changed in ${(await params).slug}` };
}

export default async function LatestReleaseDiffPage({ params }: Props) {
  const result = readReleaseDiff((await params).slug);
  return 'diff' in result ? <ReleaseDiffView diff={result.diff} /> : <ReleaseDiffProblem {...result} />;
}
