import type { Metadata } from 'next';
import { ReleaseDiffView } from '@/app/_components/release-diff-view';
import { ReleaseDiffProblem, readReleaseDiff } from '../../read-release-diff';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string; from: string; to: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; from: string; to: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, from, to } = await params;
  return { title: `What changed in ${slug} from ${decodeURIComponent(from)} to ${decodeURIComponent(to)}` };
}

export default async function ReleaseDiffPage({ params }: Props) {
  const { slug, from, to } = await params;
  const result = readReleaseDiff(slug, from, to);
  return 'diff' in result ? <ReleaseDiffView diff={result.diff} /> : <ReleaseDiffProblem {...result} />;
}
