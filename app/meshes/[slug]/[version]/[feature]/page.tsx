import type { Metadata } from 'next';
import { describeCellPage } from '@/lib/next/cell-page-metadata';
import { describeCell } from '@/lib/server/previews/preview-cards';
import { cellHistoryTableHtml } from '@/app/_components/cell-history-html';
import { CommentThread } from '@/app/_components/comment-thread';
import { HtmlOnce } from '@/app/_components/html-once';
import { ProposalValue } from '@/app/_components/proposal-value';
import { ProposeLink } from '@/app/_components/propose-link';
import { RetiredNotice } from '@/app/_components/retired-notice';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { type CellValue } from '@/lib/server/matrix/matrix';
import { type CellPage } from '@/lib/server/cells/cell-page';
import { HistoryPager } from '@/app/_components/history-pager';
import { readCellPage } from '@/lib/next/read-models';
import { carriedNotice, cellPath, formatDate, formatMonthYear } from '@/lib/rules/format';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';
import { listPendingProposalsForCell } from '@/lib/server/proposals/proposals';
import { STALE_AFTER_MONTHS } from '@/lib/rules/staleness';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { CellBreadcrumb } from '@/app/_components/ui/breadcrumb';
import { WatchButton } from '@/app/_components/watch-button';
import { cellFeedPath, rowFeedPath } from '@/lib/server/changes/changes';

export const dynamic = 'force-static';

export function generateStaticParams(): { slug: string; version: string; feature: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; version: string; feature: string }> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return describeCellPage(params, {
    title: (cell) => cell,
    description: (page) => describeCell(page),
    imageAlt: (page) => `${page.mesh.name}: support values of its newest release at a glance`,
    missingTitle: 'Cell not found',
    historyPage: 1,
  });
}

export default async function CellPageRoute({ params }: Props) {
  const { slug: rawSlug, version, feature } = await params;
  const label = decodeParam(version);
  const slug = resolveMeshSlugOrRespond(rawSlug, [label, feature]);
  const page = orNotFound(() => readCellPage(slug, label, feature, 1));
  const { mesh, feature: row, current } = page;
  const pending = listPendingProposalsForCell(page.version.id, row.id);
  return (
    <div className="max-w-4xl space-y-8">
      <CellBreadcrumb cell={page} />

      <header className="space-y-2">
        <h1 className="text-2xl font-bold">
          {row.name} in {mesh.name} {page.version.label}
        </h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {page.category.name}. <span className="font-medium">What counts:</span> {row.definition}{' '}
          {row.referenceUrl ? <TextAnchor href={row.referenceUrl}>Reference</TextAnchor> : null}{' '}
          <TextLink href={`/rows/${row.slug}`}>About this row</TextLink>
        </p>
        {page.retired ? <RetiredNotice retired={page.retired} /> : null}
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <WatchButton
            target={{ mesh: mesh.slug, version: page.version.label, feature: row.slug }}
            label="Follow this cell"
            name={`${row.name} in ${mesh.name} ${page.version.label}`}
          />
          <WatchButton target={{ feature: row.slug }} label="Follow this row" name={`${row.name} in every mesh`} />
          <TextAnchor href={cellFeedPath(mesh.slug, page.version.label, row.slug)} type="application/atom+xml">
            Atom feed of this cell
          </TextAnchor>
          <TextAnchor href={rowFeedPath(row.slug)} type="application/atom+xml">
            Atom feed of this row
          </TextAnchor>
        </div>
      </header>

      <section aria-labelledby="current-heading" className="space-y-3">
        <h2 id="current-heading" className="text-lg font-semibold">
          Current value
        </h2>
        {current ? (
          <>
            <CurrentValue
              value={current}
              kind={row.kind}
              label={page.version.label}
              originHref={current.carriedFrom ? cellPath(mesh.slug, current.carriedFrom, row.slug) : null}
            />
            <Freshness page={page} value={current} open={mesh.status === 'active' && !page.retired} />
          </>
        ) : (
          <p>Nothing is recorded for this cell yet.</p>
        )}
      </section>

      <section aria-labelledby="pending-heading" id="pending" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Pending proposals
        </h2>
        {pending.length === 0 ? (
          <p>No changes are waiting for review.</p>
        ) : (
          <ol className="space-y-3">
            {pending.map((proposal) => (
              <li key={proposal.id} className="space-y-1 rounded border border-violet-300 p-3 dark:border-violet-800">
                <p className="text-sm">
                  Proposal {proposal.id} by <strong>{proposal.authorName ?? 'a contributor'}</strong>, submitted{' '}
                  <time dateTime={proposal.createdAt}>{formatDate(proposal.createdAt)}</time>
                  {proposal.affiliated ? ' (works for or with the vendor)' : ''}
                </p>
                <ProposalValue proposal={proposal} />
              </li>
            ))}
          </ol>
        )}
        {mesh.status === 'active' && !page.retired ? (
          <ProposeLink href={`${cellPath(mesh.slug, page.version.label, row.slug)}/propose`} />
        ) : null}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <History page={page} />
        <HistoryPager page={page} />
        {page.historyCount > 1 ? (
          <p>
            <TextAnchor href={`${cellPath(mesh.slug, page.version.label, row.slug)}/diff`}>
              Compare any two revisions
            </TextAnchor>{' '}
            (moderators can revert from there).
          </p>
        ) : null}
      </section>

      {/* Cached for everyone: the public view of the thread; the talk page reads the viewer and holds the form. */}
      <CommentThread
        target={{ target: 'cell', mesh: mesh.slug, version: page.version.label, feature: row.slug }}
        publicView
      />

      {page.versions.length > 1 ? (
        <section aria-labelledby="other-heading" className="space-y-2">
          <h2 id="other-heading" className="text-lg font-semibold">
            {row.name} in other {mesh.name} releases
          </h2>
          <ul className="flex flex-wrap gap-3 text-sm">
            {page.versions
              .filter((v) => v.id !== page.version.id)
              .map((v) => (
                <li key={v.id}>
                  <TextLink href={cellPath(mesh.slug, v.label, row.slug)}>{v.label}</TextLink>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ValueText({ value, kind }: { value: Pick<CellValue, 'support' | 'text'>; kind: 'support' | 'text' }) {
  if (kind === 'text' || value.support === null) return <span>{value.text}</span>;
  return <SupportBadge support={value.support} />;
}

function CurrentValue({
  value,
  kind,
  label,
  originHref,
}: {
  value: CellValue;
  kind: 'support' | 'text';
  label: string;
  originHref: string | null;
}) {
  return (
    <div className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800">
      <p className="text-lg">
        <ValueText value={value} kind={kind} />
      </p>
      {value.note ? <p>{value.note}</p> : null}
      {value.carriedFrom ? (
        <p className="rounded bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          <span aria-hidden="true">↻ </span>
          <span className="first-letter:uppercase">{carriedNotice(value.carriedFrom, label)}</span>.{' '}
          {originHref ? <TextLink href={originHref}>See its history in {value.carriedFrom}</TextLink> : null}
        </p>
      ) : null}
      <p className="text-sm text-slate-700 dark:text-slate-300">Recorded {formatDate(value.updatedAt)}.</p>
      <h3 className="font-medium">Sources</h3>
      <SourceList sources={value.sources} />
    </div>
  );
}

/** When the value was last checked, whether it needs checking, and whether its release was inferred from the source's date. */
function Freshness({ page, value, open }: { page: CellPage; value: CellValue; open: boolean }) {
  const confirmed = page.lastConfirmed;
  const newest = page.versions[0];
  const lastChecked = confirmed
    ? `last confirmed for ${confirmed.label} in ${formatMonthYear(confirmed.on)}`
    : 'never confirmed for this release';
  const why = !value.stale
    ? null
    : value.carriedFrom
      ? `carried over from ${value.carriedFrom}, not re-checked`
      : newest
        ? `more than ${STALE_AFTER_MONTHS} months before ${page.mesh.name} ${newest.label}, its newest release, appeared`
        : null;
  return (
    <div id="freshness" className="space-y-2 text-sm">
      {value.stale ? (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
          <span aria-hidden="true">◷ </span>
          <strong>Needs checking:</strong> {lastChecked}
          {why ? `, ${why}` : ''}.{' '}
          {open ? (
            <>
              Confirming the current value with a new source clears this mark:{' '}
              <TextLink href={`${cellPath(page.mesh.slug, page.version.label, page.feature.slug)}/propose`}>
                confirm or correct it
              </TextLink>
              .
            </>
          ) : null}
        </p>
      ) : confirmed ? (
        <p>
          {lastChecked.charAt(0).toUpperCase()}
          {lastChecked.slice(1)}.
        </p>
      ) : null}
      {value.releaseInferred ? (
        <p className="rounded bg-slate-100 px-3 py-2 dark:bg-slate-800">
          <span aria-hidden="true">≈ </span>
          Release inferred from the source&rsquo;s date: the source names no release, so this value sits on the release
          current on <time dateTime={value.updatedAt}>{formatDate(value.updatedAt)}</time>.
        </p>
      ) : null}
    </div>
  );
}

function History({ page }: { page: CellPage }) {
  if (page.history.length === 0) return <p>No revisions yet.</p>;
  return <HtmlOnce className="overflow-x-auto" html={cellHistoryTableHtml(page)} />;
}
