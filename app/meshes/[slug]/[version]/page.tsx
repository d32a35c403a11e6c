import type { Metadata } from 'next';
import { describePage, meshPreviewPath } from '@/lib/next/page-metadata';
import { describeMeshRelease } from '@/lib/server/previews/preview-cards';
import { releasePath } from '@/lib/rules/format';
import { ReleaseView } from '@/app/_components/release-view';
import { readMeshPage } from '@/lib/next/read-models';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string; version: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; version: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version } = await params;
  try {
    const page = readMeshPage(slug, decodeParam(version));
    // `/meshes/x?version=y` is rewritten here: this path is its canonical form.
    return describePage({
      title: `${page.mesh.name} ${page.version.label} features`,
      description: describeMeshRelease(page),
      path: releasePath(page.mesh.slug, page.version.label),
      image: meshPreviewPath(page.mesh.slug),
      imageAlt: `${page.mesh.name}: support values of its newest release at a glance`,
    });
  } catch {
    return { title: 'Release not found' };
  }
}

export default async function ReleasePage({ params }: Props) {
  const { slug: rawSlug, version } = await params;
  const label = decodeParam(version);
  const slug = resolveMeshSlugOrRespond(rawSlug, [label]);
  const page = orNotFound(() => readMeshPage(slug, label));
  return <ReleaseView page={page} />;
}
