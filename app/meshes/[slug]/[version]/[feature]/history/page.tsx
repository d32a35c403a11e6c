import type { Metadata } from 'next';
import { describeCellPage } from '@/lib/next/cell-page-metadata';
import { cellHistoryTableHtml } from '@/app/_components/cell-history-html';
import { HistoryPager } from '@/app/_components/history-pager';
import { HtmlOnce } from '@/app/_components/html-once';
import { CellBreadcrumb } from '@/app/_components/ui/breadcrumb';
import { QueryProblems } from '@/app/_components/ui/notice';
import { TextLink } from '@/app/_components/ui/text-link';
import { readCellPage } from '@/lib/next/read-models';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';
import { cellPath } from '@/lib/rules/format';
import { cellHistoryQuerySchema } from '@/lib/rules/page-queries';
import { readQuery } from '@/lib/rules/query';

// Older pages of a cell's history, read seldom: rendered per request, while the cell page (the newest page) is cached.
export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ slug: string; version: string; feature: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function readHistoryPage(searchParams: Props['searchParams']) {
  const reading = readQuery(cellHistoryQuerySchema, await searchParams);
  return { page: reading.data?.page ?? null, problems: reading.problems };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { page } = await readHistoryPage(searchParams);
  return {
    ...(await describeCellPage(params, {
      suffix: '/history',
      title: (cell) => `History${page ? `, page ${page}` : ''}: ${cell}`,
      description: (cellPage, cell) =>
        `Older values of ${cell}, newest first, with the sources and the approvals behind each: ${cellPage.historyCount} revisions in all.`,
      missingTitle: 'Cell history',
      historyPage: page ?? 1,
    })),
    // The revisions of each page move as new ones arrive; the cell page is the one to index.
    robots: { index: false, follow: true },
  };
}

export default async function CellHistoryPage({ params, searchParams }: Props) {
  const { slug: rawSlug, version, feature } = await params;
  const label = decodeParam(version);
  const slug = resolveMeshSlugOrRespond(rawSlug, [label, feature, 'history']);
  const { page: number, problems } = await readHistoryPage(searchParams);
  const page = orNotFound(() => readCellPage(slug, label, feature, number ?? 1));
  const { mesh, feature: row } = page;
  const cellHref = cellPath(mesh.slug, page.version.label, row.slug);
  return (
    <div className="max-w-4xl space-y-6">
      <CellBreadcrumb cell={page} subPage="History" />
      <h1 className="text-2xl font-bold">
        History of {row.name} in {mesh.name} {page.version.label}
        {number ? `, page ${number}` : ''}
      </h1>
      <QueryProblems problems={problems} />
      {number ? (
        <>
          <HistoryPager page={page} />
          <HtmlOnce className="overflow-x-auto" html={cellHistoryTableHtml(page)} />
          <HistoryPager page={page} />
        </>
      ) : null}
      <p>
        <TextLink href={cellHref}>Back to the cell: its current value and newest revisions</TextLink>
      </p>
    </div>
  );
}
