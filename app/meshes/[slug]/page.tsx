import type { Metadata } from 'next';
import { ReleaseView } from '@/app/_components/release-view';
import { getMeshPage } from '@/lib/server/matrix/meshes';
import { orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const page = getMeshPage(slug);
    return { title: `${page.mesh.name} features`, description: page.mesh.description };
  } catch {
    return { title: 'Mesh not found' };
  }
}

export default async function MeshPage({ params }: Props) {
  const slug = resolveMeshSlugOrRespond((await params).slug);
  const page = orNotFound(() => getMeshPage(slug));
  return <ReleaseView page={page} />;
}
