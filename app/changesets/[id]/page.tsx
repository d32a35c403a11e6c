import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProposalValue } from '@/app/_components/proposal-value';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { FeedbackHistory } from '@/app/_components/feedback-history';
import { CommentThread } from '@/app/_components/comment-thread';
import { getCurrentUser } from '@/lib/next/auth/session';
import { cellPath, formatDate } from '@/lib/rules/format';
import { hasRole } from '@/lib/rules/permissions';
import { changesetQuerySchema } from '@/lib/rules/page-queries';
import { readQuery } from '@/lib/rules/query';
import { getChangeset, type ChangesetCell, type ChangesetView } from '@/lib/server/changesets/changeset-views';
import { rejectReasons } from '@/lib/server/proposals/schemas';
import { decideChangesetAction, requestChangesetChangesAction, withdrawChangesetAction } from '../actions';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function load(id: string): ChangesetView | null {
  return /^\d{1,12}$/.test(id) ? getChangeset(Number(id)) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const changeset = load((await params).id);
  return changeset
    ? {
        title: `Changeset ${changeset.id}: ${changeset.title}`,
        description: `${changeset.cells.length} proposed cell changes by ${changeset.authorName ?? 'a contributor'}.`,
      }
    : { title: 'Changeset not found' };
}

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';
const statusText: Record<string, string> = {
  pending: 'waiting for review',
  changes_requested: 'changes requested: waiting for the author',
  decided: 'decided',
  withdrawn: 'withdrawn by its author',
};

function CurrentValue({ cell }: { cell: ChangesetCell }) {
  if (!cell.current) return <span>nothing recorded</span>;
  return (
    <span>
      {cell.cell.featureKind === 'text' || cell.current.support === null ? (
        cell.current.text
      ) : (
        <SupportBadge support={cell.current.support} />
      )}
      {cell.current.note ? <span className="ml-2 text-sm">{cell.current.note}</span> : null}
    </span>
  );
}

function DecisionChoice({ cell }: { cell: ChangesetCell }) {
  return (
    <fieldset>
      <legend className="sr-only">Decision for proposal {cell.id}</legend>
      {(['approve', 'reject', 'leave'] as const).map((choice) => (
        <label key={choice} className="mr-3 inline-flex items-center gap-1">
          <input
            type="radio"
            name={`cell.${cell.id}`}
            value={choice}
            defaultChecked={choice === (cell.conflict ? 'leave' : 'approve')}
          />
          {choice === 'leave' ? 'leave pending' : choice}
        </label>
      ))}
      {cell.conflict ? (
        <label className="mt-1 flex items-center gap-1 text-sm">
          <input type="checkbox" name={`over.${cell.id}`} />
          approve over the change (now revision {cell.current?.id})
        </label>
      ) : null}
    </fieldset>
  );
}

export default async function ChangesetPage({ params, searchParams }: Props) {
  const changeset = load((await params).id);
  if (!changeset) notFound();
  const query = readQuery(changesetQuerySchema, await searchParams);
  const outcome = query.data ?? {};
  const user = await getCurrentUser();
  const isAuthor = user?.id === changeset.authorId;
  const canDecide = !!user && hasRole(user, 'moderator') && !isAuthor && changeset.status === 'pending';
  const canRevise = isAuthor && !user?.banned && changeset.status === 'changes_requested';
  const canWithdraw = isAuthor && (changeset.status === 'pending' || changeset.status === 'changes_requested');
  const releaseWaiting = changeset.release && changeset.release.decision === null;
  const table = (
    <table className="w-full border-collapse text-sm">
      <caption className="py-2 text-left text-lg font-semibold">
        Cells ({changeset.cells.length}): {changeset.counts.pending} pending, {changeset.counts.approved} approved,{' '}
        {changeset.counts.rejected} rejected
        {changeset.counts.changes_requested ? `, ${changeset.counts.changes_requested} waiting for the author` : ''}
        {changeset.counts.withdrawn ? `, ${changeset.counts.withdrawn} withdrawn` : ''}
      </caption>
      <thead>
        <tr className="border-b border-slate-300 text-left dark:border-slate-600">
          <th scope="col" className="px-2 py-1">
            Cell
          </th>
          <th scope="col" className="px-2 py-1">
            Current
          </th>
          <th scope="col" className="px-2 py-1">
            Proposed
          </th>
          <th scope="col" className="px-2 py-1">
            {canDecide ? 'Decision' : 'Status'}
          </th>
        </tr>
      </thead>
      <tbody>
        {changeset.cells.map((cell) => (
          <tr
            key={cell.id}
            className="border-b border-slate-200 align-top dark:border-slate-700"
            data-testid="changeset-cell"
          >
            <th scope="row" className="px-2 py-1 text-left font-medium">
              <TextAnchor href={cellPath(cell.cell.meshSlug, cell.cell.label, cell.cell.featureSlug)}>
                {cell.cell.featureName}
              </TextAnchor>
              <span className="block text-xs font-normal">
                {cell.cell.meshName}{' '}
                {cell.forNewRelease && releaseWaiting
                  ? `${changeset.release!.label} (new; now ${cell.cell.label})`
                  : cell.cell.label}{' '}
                · proposal <TextAnchor href={`/proposals/${cell.id}`}>{cell.id}</TextAnchor>
              </span>
            </th>
            <td className="px-2 py-1">
              <CurrentValue cell={cell} />
              {cell.conflict ? (
                <p className="mt-1 rounded bg-amber-100 px-2 py-1 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
                  Conflict: the cell changed since (based on revision {cell.baseRevisionId ?? 'none'}, now{' '}
                  {cell.current?.id}).
                </p>
              ) : null}
            </td>
            <td className="px-2 py-1">
              <ProposalValue proposal={cell} />
            </td>
            <td className="px-2 py-1">
              {canDecide && cell.status === 'pending' ? (
                <DecisionChoice cell={cell} />
              ) : (
                <span>
                  {cell.status.replace('_', ' ')}
                  {cell.reviewComment && cell.status === 'rejected' ? `: ${cell.reviewComment}` : ''}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <TextLink href={canDecide ? '/review' : '/proposals'}>
          {canDecide ? 'Back to the review queue' : 'My proposals'}
        </TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        Changeset {changeset.id}: {changeset.title}
      </h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={outcome.done} problem={outcome.problem} />
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium">Status</dt>
        <dd data-testid="changeset-status">
          {statusText[changeset.status]}
          {changeset.decidedAt
            ? ` (${formatDate(changeset.decidedAt)}${changeset.reviewerName ? `, ${changeset.reviewerName}` : ''})`
            : ''}
          {changeset.resubmittedAt && changeset.status === 'pending' ? ' · updated after feedback' : ''}
        </dd>
        <dt className="font-medium">Proposed by</dt>
        <dd>
          {changeset.authorName ?? 'a contributor'} on {formatDate(changeset.createdAt)}
          {changeset.affiliated ? ' (works for or with the vendor)' : ' (no vendor affiliation disclosed)'}
        </dd>
        <dt className="font-medium">Shared sources</dt>
        <dd>
          {changeset.sources.length ? <SourceList sources={changeset.sources} /> : 'none: each cell gives its own'}
        </dd>
        <dt className="font-medium">Rationale</dt>
        <dd className="whitespace-pre-line">{changeset.rationale}</dd>
        {changeset.release ? (
          <>
            <dt className="font-medium">New release</dt>
            <dd>
              {changeset.release.meshName} {changeset.release.label}
              {changeset.release.releasedOn ? `, released ${changeset.release.releasedOn}` : ', no release date given'}
              {changeset.release.releasedOnSourceUrl ? (
                <>
                  {' '}
                  (
                  <TextAnchor href={changeset.release.releasedOnSourceUrl} rel="nofollow ugc noopener">
                    date source
                  </TextAnchor>
                  )
                </>
              ) : null}
              {changeset.release.notesUrl ? (
                <>
                  {' '}
                  ·{' '}
                  <TextAnchor href={changeset.release.notesUrl} rel="nofollow ugc noopener">
                    release notes
                  </TextAnchor>
                </>
              ) : null}
              {' · '}
              {changeset.release.decision === 'created'
                ? 'created'
                : changeset.release.decision === 'rejected'
                  ? 'turned down'
                  : 'waiting for review; its values start as those of the release before it'}
            </dd>
          </>
        ) : null}
      </dl>

      <FeedbackHistory rounds={changeset.feedback} />

      {canDecide ? (
        <form action={decideChangesetAction} className="space-y-4">
          <input type="hidden" name="id" value={changeset.id} />
          {releaseWaiting ? (
            <fieldset className="rounded border border-slate-300 p-3 dark:border-slate-700">
              <legend className="font-medium">
                The new release {changeset.release!.meshName} {changeset.release!.label}
              </legend>
              {(
                [
                  ['approve', 'create it (its cells below can then be approved onto it)'],
                  ['reject', 'turn it down, with its cells'],
                  ['leave', 'decide later'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="mr-4 inline-flex items-center gap-1">
                  <input type="radio" name="release" value={value} defaultChecked={value === 'approve'} />
                  {label}
                </label>
              ))}
            </fieldset>
          ) : null}
          {table}
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <label htmlFor="decide-reason" className="block text-sm font-medium">
                Reason for the cells you reject (required when you reject any)
              </label>
              <input id="decide-reason" name="reason" list="reject-reasons" className={field} />
              <datalist id="reject-reasons">
                {rejectReasons.map((reason) => (
                  <option key={reason} value={reason} />
                ))}
              </datalist>
            </div>
            <div>
              <label htmlFor="decide-comment" className="block text-sm font-medium">
                Comment on the approved cells (optional)
              </label>
              <input id="decide-comment" name="comment" className={field} />
            </div>
          </div>
          <button
            type="submit"
            className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800"
          >
            Apply these decisions to changeset {changeset.id}
          </button>
        </form>
      ) : (
        table
      )}

      {canDecide ? (
        <form action={requestChangesetChangesAction} className="max-w-2xl space-y-2">
          <input type="hidden" name="changesetId" value={changeset.id} />
          <label htmlFor="request-comment" className="block font-medium">
            Or ask the author for changes (the whole changeset waits for them)
          </label>
          <textarea id="request-comment" name="comment" rows={2} className={field} />
          <button
            type="submit"
            className="rounded border border-slate-500 px-3 py-1.5 font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Ask for changes to changeset {changeset.id}
          </button>
        </form>
      ) : null}

      <CommentThread target={{ target: 'changeset', changesetId: changeset.id }} />

      {canRevise || canWithdraw ? (
        <div className="flex flex-wrap items-center gap-4">
          {canRevise ? (
            <TextLink href={`/changesets/${changeset.id}/revise`}>Revise the changeset and send it back</TextLink>
          ) : null}
          {canWithdraw ? (
            <form action={withdrawChangesetAction}>
              <input type="hidden" name="id" value={changeset.id} />
              <button
                type="submit"
                className="rounded border border-slate-500 px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                Withdraw changeset {changeset.id}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
