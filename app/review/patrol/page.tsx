import type { Metadata } from 'next';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { cellPath, formatDate } from '@/lib/rules/format';
import { listPatrol, type PatrolEntry, type PatrolValue } from '@/lib/server/patrol/patrol';
import { markPatrolledAction, revertPatrolledAction } from './actions';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { patrolQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Patrol' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

function Value({ value, kind }: { value: PatrolValue | null; kind: 'support' | 'text' }) {
  if (!value) return <p>Nothing recorded.</p>;
  return (
    <div className="space-y-1">
      <p>
        {kind === 'text' || value.support === null ? value.text : <SupportBadge support={value.support} />}
        {value.note ? <span className="ml-2 text-sm">{value.note}</span> : null}
      </p>
      <SourceList sources={value.sources} />
    </div>
  );
}

/** Proposals of trusted contributors that published without review, for a moderator to check or revert. */
export default async function PatrolPage({ searchParams }: Props) {
  const moderator = await requirePageRole('moderator');
  const query = readQuery(patrolQuerySchema, await searchParams);
  const params = query.data ?? {};
  const entries = listPatrol(moderator);
  const notice = params.checked
    ? `Proposal ${params.checked} marked checked.`
    : params.reverted
      ? `Proposal ${params.reverted} reverted and marked checked.`
      : null;
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-bold">Patrol</h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={notice} problem={params.problem} />
      <p>
        Trusted contributors’ proposals publish at once; each waits here until a moderator has checked it.{' '}
        {entries.length} to check, oldest first. <TextAnchor href="/review">Back to the review queue</TextAnchor>
      </p>
      {entries.length === 0 ? <p>Nothing to check.</p> : null}
      <ol className="space-y-6">
        {entries.map((entry) => (
          <PatrolItem key={entry.id} entry={entry} isOwn={entry.authorId === moderator.id} />
        ))}
      </ol>
    </div>
  );
}

function PatrolItem({ entry, isOwn }: { entry: PatrolEntry; isOwn: boolean }) {
  const href = cellPath(entry.cell.meshSlug, entry.cell.label, entry.cell.featureSlug);
  const headingId = `patrol-${entry.id}`;
  return (
    <li className="space-y-3 rounded border border-slate-300 p-4 dark:border-slate-700" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">
        Proposal {entry.id}:{' '}
        <TextAnchor href={href}>
          {entry.cell.featureName} in {entry.cell.meshName} {entry.cell.label}
        </TextAnchor>
      </h2>
      <p className="text-sm">
        By{' '}
        <TextAnchor href={`/review/contributors/${entry.authorId}`}>{entry.authorName ?? 'a contributor'}</TextAnchor>,
        published without review <time dateTime={entry.publishedAt}>{formatDate(entry.publishedAt)}</time> as revision{' '}
        {entry.revisionId}.
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-label={`Value before proposal ${entry.id}`} className="space-y-1">
          <h3 className="font-medium">Before</h3>
          <Value value={entry.before} kind={entry.cell.featureKind} />
        </section>
        <section aria-label={`Value published by proposal ${entry.id}`} className="space-y-1">
          <h3 className="font-medium">Published</h3>
          <Value value={entry.value} kind={entry.cell.featureKind} />
        </section>
      </div>
      <div>
        <h3 className="font-medium">Rationale</h3>
        <p className="whitespace-pre-line">{entry.rationale}</p>
      </div>
      {isOwn ? (
        <p className="text-sm">This is your own proposal: another moderator must check it.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <form action={markPatrolledAction} className="space-y-2">
            <input type="hidden" name="id" value={entry.id} />
            <label htmlFor={`patrol-note-${entry.id}`} className="block text-sm font-medium">
              Note (optional, kept in the audit log)
            </label>
            <input id={`patrol-note-${entry.id}`} name="reason" className={field} />
            <button
              type="submit"
              className="rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800"
            >
              Mark proposal {entry.id} checked
            </button>
          </form>
          {entry.isCurrent && entry.before ? (
            <form action={revertPatrolledAction} className="space-y-2">
              <input type="hidden" name="id" value={entry.id} />
              <label htmlFor={`patrol-revert-${entry.id}`} className="block text-sm font-medium">
                Reason for putting the earlier value back (required)
              </label>
              <input id={`patrol-revert-${entry.id}`} name="reason" className={field} />
              <button
                type="submit"
                className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white hover:bg-rose-800"
              >
                Revert proposal {entry.id}
              </button>
            </form>
          ) : (
            <p className="text-sm">
              {entry.before
                ? 'The cell changed since; revert from its '
                : 'The cell had no value before; correct it with a new proposal from its '}
              <TextAnchor href={href}>history</TextAnchor>.
            </p>
          )}
        </div>
      )}
    </li>
  );
}
