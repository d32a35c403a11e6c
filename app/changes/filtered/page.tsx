import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { readQuery } from '@/lib/rules/query';
import { changesQuerySchema } from '@/lib/server/matrix/query-schemas';
import { ChangesView } from '../changes-view';

// `/changes?mesh=…&category=…&page=…` is rewritten here (lib/next/view-routes.ts); plain `/changes` is a cached page in
// app/cached-views/[view].
export const dynamic = 'force-dynamic';

export const metadata: Metadata = describePage({
  title: 'Recent changes',
  description:
    'Approved changes to the service mesh comparison, by mesh, category or page: which value changed for which mesh release and row, with its sources.',
  path: '/changes',
  alternates: {
    types: { 'application/atom+xml': [{ url: '/changes/feed.xml', title: 'Mesh Matrix: recent changes' }] },
  },
});

export default async function FilteredChangesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = readQuery(changesQuerySchema, await searchParams);
  return <ChangesView query={query.data ?? {}} queryProblems={query.problems} />;
}
