import type { Metadata } from 'next';
import { ProposalValue } from '@/app/_components/proposal-value';
import { getCurrentUser } from '@/lib/next/auth/session';
import { cellPath, formatDate } from '@/lib/rules/format';
import { listMyProposals } from '@/lib/server/proposals/proposals';
import { listMyChangesets } from '@/lib/server/changesets/changeset-views';
import { withdrawProposalAction } from './actions';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { myProposalsQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My proposals' };

const statusStyles: Record<string, string> = {
  pending: 'bg-amber-100 text-amber-950 dark:bg-amber-900/60 dark:text-amber-50',
  approved: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-900/60 dark:text-emerald-50',
  rejected: 'bg-rose-100 text-rose-950 dark:bg-rose-900/60 dark:text-rose-50',
  withdrawn: 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100',
  changes_requested: 'bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-50',
  decided: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-900/60 dark:text-emerald-50',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyProposalsPage({ searchParams }: Props) {
  const query = readQuery(myProposalsQuerySchema, await searchParams);
  const params = query.data ?? {};
  const user = await getCurrentUser();
  if (!user) {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">My proposals</h1>
        <p>
          <TextAnchor href="/signin?callbackUrl=%2Fproposals">Sign in</TextAnchor> to see the changes you have proposed.
        </p>
      </div>
    );
  }
  // A changeset's cells are listed on its own page; here it is one line.
  const proposals = listMyProposals(user).filter((p) => p.changesetId === null);
  const changesets = listMyChangesets(user);
  const notice =
    typeof params.submitted === 'string'
      ? `Proposal ${params.submitted} submitted. A moderator will review it.`
      : typeof params.published === 'string'
        ? `Proposal ${params.published} published without review: you are a trusted contributor, so it went live at once. A moderator checks it afterwards.`
        : typeof params.withdrawn === 'string'
          ? `Proposal ${params.withdrawn} withdrawn.`
          : null;
  const problem = typeof params.problem === 'string' ? params.problem : null;
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">My proposals</h1>
      <p>
        Looking for something to check? <TextLink href="/needs-checking">Cells that need checking</TextLink> lists stale
        and unknown values, each a click from a proposal.
      </p>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={notice} problem={problem} />
      {changesets.length ? (
        <section aria-labelledby="changesets-heading" className="space-y-2">
          <h2 id="changesets-heading" className="text-xl font-semibold">
            My changesets
          </h2>
          <ul className="space-y-2">
            {changesets.map((changeset) => (
              <li key={changeset.id} className="rounded border border-slate-200 p-3 dark:border-slate-800">
                <TextAnchor href={`/changesets/${changeset.id}`}>
                  Changeset {changeset.id}: {changeset.title}
                </TextAnchor>{' '}
                <span className={`rounded px-2 py-0.5 text-sm ${statusStyles[changeset.status]}`}>
                  {changeset.status.replace('_', ' ')}
                </span>
                <span className="block text-sm text-slate-700 dark:text-slate-300">
                  {changeset.cells} {changeset.cells === 1 ? 'cell' : 'cells'}, {changeset.open} open
                  {changeset.releaseLabel
                    ? `; new release ${changeset.releaseMeshName ?? ''} ${changeset.releaseLabel}`
                    : ''}
                  {changeset.status === 'changes_requested'
                    ? '. A moderator asked for changes: open it to revise.'
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="text-xl font-semibold">Single proposals</h2>
      {proposals.length === 0 ? (
        <p>
          You have not proposed any changes yet. Open any cell of the matrix and choose &ldquo;Propose a change&rdquo;.
        </p>
      ) : (
        <ol className="space-y-4">
          {proposals.map((proposal) => (
            <li
              key={proposal.id}
              className="space-y-2 rounded border border-slate-200 p-4 dark:border-slate-800"
              aria-labelledby={`proposal-${proposal.id}`}
            >
              <h2 id={`proposal-${proposal.id}`} className="flex flex-wrap items-center gap-2 font-semibold">
                <TextAnchor href={cellPath(proposal.cell.meshSlug, proposal.cell.label, proposal.cell.featureSlug)}>
                  {proposal.cell.featureName} in {proposal.cell.meshName} {proposal.cell.label}
                </TextAnchor>
                <span className={`rounded px-2 py-0.5 text-sm ${statusStyles[proposal.status]}`}>
                  {proposal.status.replace('_', ' ')}
                </span>
              </h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Proposal {proposal.id}, submitted {formatDate(proposal.createdAt)}
                {proposal.decidedAt ? `, ${proposal.status} ${formatDate(proposal.decidedAt)}` : ''}
              </p>
              <ProposalValue proposal={proposal} />
              {proposal.status === 'rejected' && proposal.reviewComment ? (
                <p>
                  <span className="font-medium">Reason:</span> {proposal.reviewComment}
                </p>
              ) : null}
              {proposal.status === 'approved' && proposal.reviewComment ? (
                <p>
                  <span className="font-medium">Moderator&apos;s comment:</span> {proposal.reviewComment}
                </p>
              ) : null}
              {proposal.status === 'changes_requested' ? (
                <p>
                  <span className="font-medium">A moderator asked for changes:</span> {proposal.reviewComment}{' '}
                  <TextAnchor href={`/proposals/${proposal.id}/revise`}>Revise proposal {proposal.id}</TextAnchor>
                </p>
              ) : null}
              {proposal.resubmittedAt && proposal.status === 'pending' ? (
                <p className="text-sm">Updated after feedback; waiting for review again.</p>
              ) : null}
              {proposal.status === 'pending' || proposal.status === 'changes_requested' ? (
                <form action={withdrawProposalAction}>
                  <input type="hidden" name="id" value={proposal.id} />
                  <button
                    type="submit"
                    className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                  >
                    Withdraw proposal {proposal.id}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
