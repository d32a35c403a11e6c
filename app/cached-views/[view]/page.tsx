import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DataQualityView } from '@/app/about/data-quality-view';
import { ChangesView } from '@/app/changes/changes-view';
import { HomePage } from '@/app/_components/home-page';
import { MeshesPage } from '@/app/_components/meshes-page';

/**
 * The home page. `/` (the matrix), `/meshes`, `/changes` and `/about/data` are served here: next.config.ts rewrites
 * them to /cached-views/matrix, /cached-views/meshes and so on (the map is lib/next/view-routes.ts). As pages without route
 * params Next would prerender them at build time from whatever database the build saw; behind this param they render
 * from the running server's database on first request and stay cached until a write revalidates them (lib/next/revalidate.ts).
 * The same URLs with a query render per request in app/matrix-filtered and app/changes/filtered.
 */
export const dynamic = 'force-static';

export function generateStaticParams(): { view: string }[] {
  return [];
}

const views = {
  matrix: { metadata: {} satisfies Metadata, render: () => <HomePage /> },
  meshes: { metadata: { title: 'All meshes' } satisfies Metadata, render: () => <MeshesPage /> },
  changes: {
    metadata: {
      title: 'Recent changes',
      alternates: {
        types: { 'application/atom+xml': [{ url: '/changes/feed.xml', title: 'Mesh Matrix: recent changes' }] },
      },
    } satisfies Metadata,
    render: () => <ChangesView query={{}} />,
  },
  'about-data': { metadata: { title: 'Data quality' } satisfies Metadata, render: () => <DataQualityView /> },
};

type Props = { params: Promise<{ view: string }> };

/**
 * `/?columns=N` is rewritten to `matrix-N`, and `/?sparse=1` (with or without
 * `columns`) to `matrix-all` or `matrix-all-N`, so every page of meshes is cached like `/`.
 */
function viewOf(name: string) {
  const columnPage = /^matrix-([1-9][0-9]{0,2})$/.exec(name)?.[1];
  if (columnPage && columnPage !== '1')
    return {
      metadata: { title: `Service mesh comparison, page ${columnPage}` } satisfies Metadata,
      render: () => <HomePage columnPage={Number(columnPage)} />,
    };
  const allPage = /^matrix-all(?:-([1-9][0-9]{0,2}))?$/.exec(name);
  if (allPage) {
    const page = Number(allPage[1] ?? 1);
    const title = `Service mesh comparison, with meshes that have little data${page > 1 ? `, page ${page}` : ''}`;
    return { metadata: { title } satisfies Metadata, render: () => <HomePage columnPage={page} includeSparse /> };
  }
  return Object.hasOwn(views, name) ? views[name as keyof typeof views] : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return viewOf((await params).view)?.metadata ?? {};
}

export default async function CachedView({ params }: Props) {
  const view = viewOf((await params).view);
  if (!view) notFound();
  return view.render();
}
