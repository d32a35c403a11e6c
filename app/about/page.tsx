import type { Metadata } from 'next';
import Link from 'next/link';
import { articles } from '@/db/seed/articles';
import { ColumnHeads } from '@/app/_components/column-heads';
import { textLinkClass } from '@/app/_components/text-link';

export const metadata: Metadata = { title: 'About the data' };

export default function AboutPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">About the data</h1>
      <p>
        Mesh Matrix compares service meshes cell by cell. Every value cites at least one source, every change is kept in the cell&apos;s
        history, and each release of a mesh has its own column, so you can see what a release supported and when we learned it.
      </p>
      <p>
        How complete, sourced and fresh the data is, per mesh and overall:{' '}
        <Link href="/about/data" className={textLinkClass}>
          data quality
        </Link>
        .
      </p>
      <h2 className="text-lg font-semibold">Where the first data set comes from</h2>
      <p>
        The seed data was transcribed (facts, not prose) from five public articles. Each seeded value cites its article and is dated by
        it; the articles were loaded oldest first, so a cell&apos;s history shows how the comparison changed over time. Where an article
        does not cover a newer release, that release starts from the previous release&apos;s values, marked as carried over and not
        re-checked.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-left text-sm">
          <caption className="sr-only">Source articles of the seed data</caption>
          <ColumnHeads labels={['Article', 'Published', 'Licence']} />
          <tbody>
            {articles.map((article) => (
              <tr key={article.key} className="align-top">
                <th scope="row" className="border-b border-slate-200 px-3 py-2 font-normal dark:border-slate-800">
                  <a href={article.url} className={textLinkClass}>
                    {article.publisher}: {article.title}
                  </a>
                </th>
                <td className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">{article.published}</td>
                <td className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
                  {article.licence ?? 'Facts cited with attribution; no text reproduced'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        The servicemesh.es comparison is © INNOQ and licensed under{' '}
        <a href="https://creativecommons.org/licenses/by/4.0/" className={textLinkClass}>
          Creative Commons Attribution 4.0
        </a>
        ; values derived from it carry that attribution in their sources.
      </p>
    </div>
  );
}
