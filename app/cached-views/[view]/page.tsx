import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DataQualityView } from '@/app/about/data-quality-view';
import { ChangesView } from '@/app/changes/changes-view';
import { HomePage } from '@/app/_components/home-page';
import { MeshesPage } from '@/app/_components/meshes-page';
import { describePage } from '@/lib/next/page-metadata';
import { describeMatrix } from '@/lib/server/previews/preview-cards';

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

const changesFeed = {
  types: { 'application/atom+xml': [{ url: '/changes/feed.xml', title: 'Mesh Matrix: recent changes' }] },
};

const views = {
  matrix: {
    metadata: (): Metadata =>
      describePage({ title: 'Service mesh comparison', description: describeMatrix(), path: '/' }),
    render: () => <HomePage />,
  },
  meshes: {
    metadata: (): Metadata =>
      describePage({
        title: 'All meshes',
        description:
          'Every service mesh the comparison covers, active and archived, with its newest release, its releases and how much of it is known.',
        path: '/meshes',
      }),
    render: () => <MeshesPage />,
  },
  changes: {
    metadata: (): Metadata =>
      describePage({
        title: 'Recent changes',
        description:
          'Approved changes to the service mesh comparison, newest first: which value changed for which mesh release and row, with its sources. Also as an Atom feed.',
        path: '/changes',
        alternates: changesFeed,
      }),
    render: () => <ChangesView query={{}} />,
  },
  'about-data': {
    metadata: (): Metadata =>
      describePage({
        title: 'Data quality',
        description:
          'How complete, sourced and fresh the service mesh comparison is: coverage, stale values, sources and review queue age per mesh and overall.',
        path: '/about/data',
      }),
    render: () => <DataQualityView />,
  },
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
      metadata: (): Metadata =>
        describePage({
          title: `Service mesh comparison, page ${columnPage}`,
          description: `${describeMatrix()} Meshes, page ${columnPage}.`,
          path: `/?columns=${columnPage}`,
        }),
      render: () => <HomePage columnPage={Number(columnPage)} />,
    };
  const allPage = /^matrix-all(?:-([1-9][0-9]{0,2}))?$/.exec(name);
  if (allPage) {
    const page = Number(allPage[1] ?? 1);
    const title = `Service mesh comparison, with meshes that have little data${page > 1 ? `, page ${page}` : ''}`;
    const path = page > 1 ? `/?sparse=1&columns=${page}` : '/?sparse=1';
    const metadata = (): Metadata =>
      describePage({ title, description: `${describeMatrix()} Including meshes with little data yet.`, path });
    return { metadata, render: () => <HomePage columnPage={page} includeSparse /> };
  }
  return Object.hasOwn(views, name) ? views[name as keyof typeof views] : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return viewOf((await params).view)?.metadata() ?? {};
}

export default async function CachedView({ params }: Props) {
  const view = viewOf((await params).view);
  if (!view) notFound();
  return view.render();
}
