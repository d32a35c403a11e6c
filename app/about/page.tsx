import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { articles } from '@/db/seed/articles';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';

// Rendered per request: prerendered at build, its canonical and preview URLs would name the build machine's origin
// (or none), not the running server's.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = describePage({
  title: 'About the data',
  description:
    'Where the service mesh comparison comes from: the articles and the servicemesh.es table it was seeded from, their licences, and how values are sourced, reviewed and kept per release.',
  path: '/about',
});

export default function AboutPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">About the data</h1>
      <p>
        Mesh Matrix compares service meshes cell by cell. Every value cites at least one source, every change is kept in
        the cell&apos;s history, and each release of a mesh has its own column, so you can see what a release supported
        and when we learned it.
      </p>
      <p>
        How complete, sourced and fresh the data is, per mesh and overall:{' '}
        <TextLink href="/about/data">data quality</TextLink>.
      </p>
      <h2 className="text-lg font-semibold">Where the first data set comes from</h2>
      <p>
        The seed data was transcribed (facts, not prose) from five public articles. Each seeded value cites its article
        and is dated by it; the articles were loaded oldest first, so a cell&apos;s history shows how the comparison
        changed over time. Where an article does not cover a newer release, that release starts from the previous
        release&apos;s values, marked as carried over and not re-checked.
      </p>
      <div className="overflow-x-auto">
        <DataTable caption="Source articles of the seed data" columns={['Article', 'Published', 'Licence']}>
          {articles.map((article) => (
            <tr key={article.key} className="align-top">
              <RowHeader>
                <TextAnchor href={article.url}>
                  {article.publisher}: {article.title}
                </TextAnchor>
              </RowHeader>
              <Cell>{article.published}</Cell>
              <Cell>{article.licence ?? 'Facts cited with attribution; no text reproduced'}</Cell>
            </tr>
          ))}
        </DataTable>
      </div>
      <p>
        The servicemesh.es comparison is © INNOQ and licensed under{' '}
        <TextAnchor href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</TextAnchor>;
        values derived from it carry that attribution in their sources.
      </p>
    </div>
  );
}
