import type { Metadata } from 'next';
import { describeCellPage } from '@/lib/next/cell-page-metadata';
import { RetiredNotice } from '@/app/_components/retired-notice';
import { ValueDiffView } from '@/app/_components/value-diff';
import { getCurrentUser } from '@/lib/next/auth/session';
import { cellPath, formatDate, revisionKindLabels } from '@/lib/rules/format';
import { diffValues, revertWouldChange } from '@/lib/rules/history';
import { readCellPage } from '@/lib/next/read-models';
import { decodeParam, orNotFound, resolveMeshSlugOrRespond } from '@/lib/next/pages';
import { hasRole } from '@/lib/rules/permissions';
import { revertCellAction } from './actions';
import { TextLink } from '@/app/_components/ui/text-link';
import { Notice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { revisionDiffQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export function generateMetadata({ params }: Props): Promise<Metadata> {
  // `?from=&to=` pick two revisions of the same history: the page without them is the canonical one.
  return describeCellPage(params, {
    suffix: '/diff',
    title: (cell) => `Compare revisions: ${cell}`,
    description: (page, cell) =>
      `Two revisions of ${cell} side by side: what the value, note and sources were and what changed. ${page.history.length} revisions in its history.`,
    missingTitle: 'Compare revisions',
  });
}

type Props = {
  params: Promise<{ slug: string; version: string; feature: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

export default async function RevisionDiffPage({ params, searchParams }: Props) {
  const { slug: rawSlug, version, feature } = await params;
  const slug = resolveMeshSlugOrRespond(rawSlug, [decodeParam(version), feature, 'diff']);
  const reading = readQuery(revisionDiffQuerySchema, await searchParams);
  const query = reading.data ?? {};
  const page = orNotFound(() => readCellPage(slug, decodeParam(version), feature));
  const href = cellPath(page.mesh.slug, page.version.label, page.feature.slug);
  const byId = new Map(page.history.map((r) => [r.revisionId, r]));
  const pick = (name: 'from' | 'to') => (query[name] === undefined ? NaN : Number(query[name]));
  const from = byId.get(pick('from')) ?? page.history[1];
  const to = byId.get(pick('to')) ?? page.history[0];
  const problem = typeof query.problem === 'string' ? query.problem : null;
  const user = await getCurrentUser();
  const canRevert = hasRole(user, 'moderator') && !!from && !!page.current && revertWouldChange(page.current, from);
  const label = (r: (typeof page.history)[number]) =>
    `revision ${r.revisionId}, ${formatDate(r.createdAt)}, ${revisionKindLabels[r.kind]}`;

  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm">
        <TextLink href={href}>
          Back to {page.feature.name} in {page.mesh.name} {page.version.label}
        </TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        Compare revisions: {page.feature.name} in {page.mesh.name} {page.version.label}
      </h1>
      {page.retired ? <RetiredNotice retired={page.retired} /> : null}
      <QueryProblems problems={reading.problems} />
      {problem ? (
        <Notice tone="problem" role="alert">
          {problem}
        </Notice>
      ) : null}
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            From
          </label>
          <select id="from" name="from" defaultValue={from?.revisionId} className={field}>
            {page.history.map((r) => (
              <option key={r.revisionId} value={r.revisionId}>
                {label(r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            To
          </label>
          <select id="to" name="to" defaultValue={to?.revisionId} className={field}>
            {page.history.map((r) => (
              <option key={r.revisionId} value={r.revisionId}>
                {label(r)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Compare
        </button>
      </form>
      {from && to ? (
        <section aria-labelledby="diff-heading" className="space-y-2">
          <h2 id="diff-heading" className="text-lg font-semibold">
            From revision {from.revisionId} to revision {to.revisionId}
          </h2>
          <ValueDiffView diff={diffValues(from, to)} />
        </section>
      ) : (
        <p>This cell has only one revision; there is nothing to compare yet.</p>
      )}
      {canRevert && from ? (
        <section aria-labelledby="revert-heading" className="space-y-2 rounded border border-amber-400 p-4">
          <h2 id="revert-heading" className="text-lg font-semibold">
            Revert to revision {from.revisionId}
          </h2>
          <p className="text-sm">This appends a new revision with that value; nothing is deleted or rewritten.</p>
          <form action={revertCellAction} className="space-y-2">
            <input type="hidden" name="mesh" value={page.mesh.slug} />
            <input type="hidden" name="version" value={page.version.label} />
            <input type="hidden" name="feature" value={page.feature.slug} />
            <input type="hidden" name="revisionId" value={from.revisionId} />
            <input type="hidden" name="from" value={from.revisionId} />
            <input type="hidden" name="to" value={to?.revisionId ?? ''} />
            <label htmlFor="reason" className="block text-sm font-medium">
              Reason (required)
            </label>
            <input id="reason" name="reason" required className={`${field} w-full`} />
            <button
              type="submit"
              className="rounded bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800"
            >
              Revert to revision {from.revisionId}
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
