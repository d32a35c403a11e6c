import type { Metadata } from 'next';
import { describePage, meshPreviewPath } from '@/lib/next/page-metadata';
import { describeMeshRelease } from '@/lib/server/previews/preview-cards';
import { ReleaseView } from '@/app/_components/release-view';
import { readMeshPage } from '@/lib/next/read-models';
import { orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const page = readMeshPage(slug);
    return describePage({
      title: `${page.mesh.name} features`,
      description: describeMeshRelease(page),
      path: `/meshes/${encodeURIComponent(page.mesh.slug)}`,
      image: meshPreviewPath(page.mesh.slug),
      imageAlt: `${page.mesh.name} ${page.version.label}: support values at a glance`,
    });
  } catch {
    return { title: 'Mesh not found' };
  }
}

export default async function MeshPage({ params }: Props) {
  const slug = resolveMeshSlugOrRespond((await params).slug);
  const page = orNotFound(() => readMeshPage(slug));
  return <ReleaseView page={page} />;
}
