import type { Metadata } from 'next';
import { describePage } from '@/lib/next/page-metadata';
import { describeRow } from '@/lib/server/previews/preview-cards';
import { CommentThread } from '@/app/_components/comment-thread';
import { WatchButton } from '@/app/_components/watch-button';
import { rowFeedPath } from '@/lib/server/changes/changes';
import { SupportBadge } from '@/app/_components/support-badge';
import { StatusBadge } from '@/app/_components/ui/status-badge';
import { Breadcrumb } from '@/app/_components/ui/breadcrumb';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { orNotFound } from '@/lib/next/pages';
import { cellPath } from '@/lib/rules/format';
import { readRowPage } from '@/lib/next/read-models';

// Per request: the thread shows a hidden comment to its author and to moderators.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const page = readRowPage(slug);
    return describePage({
      title: `${page.feature.name}: what it means`,
      description: describeRow(page),
      path: `/rows/${encodeURIComponent(page.feature.slug)}`,
    });
  } catch {
    return { title: 'Row not found' };
  }
}

export default async function RowPageRoute({ params }: Props) {
  const { slug } = await params;
  const { feature, category, meshes } = orNotFound(() => readRowPage(slug));
  return (
    <div className="max-w-4xl space-y-8">
      <Breadcrumb trail={[{ href: '/', label: 'Matrix' }, { label: feature.name }]} />
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">
          {feature.name}
          <StatusBadge status={feature.status} />
        </h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Category: {category.name}
          <StatusBadge status={category.status} />
        </p>
        <p>
          <span className="font-medium">What counts:</span> {feature.definition}{' '}
          {feature.referenceUrl ? <TextAnchor href={feature.referenceUrl}>Reference</TextAnchor> : null}
        </p>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <WatchButton
            target={{ feature: feature.slug }}
            label="Follow this row"
            name={`${feature.name} in every mesh`}
          />
          <TextAnchor href={rowFeedPath(feature.slug)} type="application/atom+xml">
            Atom feed of this row
          </TextAnchor>
        </div>
      </header>

      <section aria-labelledby="meshes-heading" className="space-y-3">
        <h2 id="meshes-heading" className="text-lg font-semibold">
          What each mesh&rsquo;s newest release says
        </h2>
        <div className="overflow-x-auto">
          <DataTable
            caption={`${feature.name} in the newest release of each mesh`}
            columns={['Mesh', 'Release', 'Value']}
          >
            {meshes.map((mesh) => (
              <tr key={mesh.meshSlug}>
                <RowHeader>{mesh.meshName}</RowHeader>
                <Cell>
                  {mesh.label ? (
                    <TextLink href={cellPath(mesh.meshSlug, mesh.label, feature.slug)}>{mesh.label}</TextLink>
                  ) : (
                    'no release yet'
                  )}
                </Cell>
                <Cell>
                  {mesh.support ? <SupportBadge support={mesh.support} /> : mesh.text ? mesh.text : 'nothing recorded'}
                </Cell>
              </tr>
            ))}
          </DataTable>
        </div>
      </section>

      <CommentThread target={{ target: 'row', feature: feature.slug }} />
    </div>
  );
}
