import type { Metadata } from 'next';
import { describeCellPage } from '@/lib/next/cell-page-metadata';
import { describeCell } from '@/lib/server/previews/preview-cards';
import { CommentThread } from '@/app/_components/comment-thread';
import { CellBreadcrumb } from '@/app/_components/ui/breadcrumb';
import { TextLink } from '@/app/_components/ui/text-link';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';
import { cellPath } from '@/lib/rules/format';
import { readCellPage } from '@/lib/next/read-models';

// The cell page is cached for everyone; its talk page reads the viewer, so an author and moderators see hidden comments.
export const dynamic = 'force-dynamic';
export function generateMetadata({ params }: Props): Promise<Metadata> {
  return describeCellPage(params, {
    suffix: '/talk',
    title: (cell) => `Talk: ${cell}`,
    description: (page, cell) => `Discussion of ${cell}: questions, sources and corrections. ${describeCell(page)}`,
    missingTitle: 'Talk',
    historyPage: 1,
  });
}

type Props = { params: Promise<{ slug: string; version: string; feature: string }> };

export default async function CellTalkPage({ params }: Props) {
  const { slug: rawSlug, version, feature } = await params;
  const label = decodeParam(version);
  const slug = resolveMeshSlugOrRespond(rawSlug, [label, feature, 'talk']);
  const page = orNotFound(() => readCellPage(slug, label, feature, 1));
  const { mesh, feature: row } = page;
  const title = `${row.name} in ${mesh.name} ${page.version.label}`;
  return (
    <div className="max-w-4xl space-y-6">
      <CellBreadcrumb cell={page} subPage="Talk" />
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Talk: {title}</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          <span className="font-medium">What counts:</span> {row.definition}{' '}
          <TextLink href={`/rows/${row.slug}`}>About this row and its own discussion</TextLink>
        </p>
        <p>
          <TextLink href={cellPath(mesh.slug, page.version.label, row.slug)} prefetch={false}>
            Back to {title}
          </TextLink>
        </p>
      </header>
      <CommentThread target={{ target: 'cell', mesh: mesh.slug, version: page.version.label, feature: row.slug }} />
    </div>
  );
}
