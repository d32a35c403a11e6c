import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CommentThread } from '@/app/_components/comment-thread';
import { ProposalValue } from '@/app/_components/proposal-value';
import { cellPath, formatDate } from '@/lib/rules/format';
import { getProposal } from '@/lib/server/proposals/proposals';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { FeedbackHistory } from '@/app/_components/feedback-history';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { getCurrentUser } from '@/lib/next/auth/session';
import { listFeedbackRounds } from '@/lib/server/proposals/feedback';
import { proposalQuerySchema } from '@/lib/rules/page-queries';
import { readQuery } from '@/lib/rules/query';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Proposal ${(await params).id}` };
}

export default async function ProposalPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = readQuery(proposalQuerySchema, await searchParams);
  const proposal = /^\d{1,12}$/.test(id) ? getProposal(Number(id)) : null;
  if (!proposal) notFound();
  const href = cellPath(proposal.cell.meshSlug, proposal.cell.label, proposal.cell.featureSlug);
  const user = await getCurrentUser();
  const feedback = listFeedbackRounds({ proposalId: proposal.id });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">
        Proposal {proposal.id}: {proposal.cell.featureName} in {proposal.cell.meshName} {proposal.cell.label}
      </h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={query.data?.revised ? 'Revised and sent back for review.' : null} />
      <p>
        <TextAnchor href={href}>See the cell and its history</TextAnchor>
        {proposal.changesetId ? (
          <>
            {' · '}
            <TextAnchor href={`/changesets/${proposal.changesetId}`}>
              Part of changeset {proposal.changesetId}
            </TextAnchor>
          </>
        ) : null}
      </p>
      {proposal.status === 'changes_requested' && user?.id === proposal.authorId && !proposal.changesetId ? (
        <p>
          <TextLink href={`/proposals/${proposal.id}/revise`}>Revise it and send it back</TextLink>
        </p>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium">Status</dt>
        <dd>
          {proposal.status.replace('_', ' ')}
          {proposal.resubmittedAt && proposal.status === 'pending' ? ' (updated after feedback)' : ''}
          {proposal.decidedAt ? ` on ${formatDate(proposal.decidedAt)}` : ''}
          {proposal.reviewerName ? ` by ${proposal.reviewerName}` : ''}
        </dd>
        <dt className="font-medium">Proposed by</dt>
        <dd>
          {proposal.authorName ?? 'a contributor'} on {formatDate(proposal.createdAt)}
          {proposal.affiliated ? ' (works for or with the vendor)' : ''}
        </dd>
        <dt className="font-medium">Value</dt>
        <dd>
          <ProposalValue proposal={proposal} />
        </dd>
        <dt className="font-medium">Rationale</dt>
        <dd className="whitespace-pre-line">{proposal.rationale}</dd>
        {proposal.reviewComment ? (
          <>
            <dt className="font-medium">
              {proposal.status === 'rejected'
                ? 'Reason'
                : proposal.status === 'changes_requested'
                  ? 'Asked to change'
                  : 'Comment'}
            </dt>
            <dd>{proposal.reviewComment}</dd>
          </>
        ) : null}
      </dl>
      <FeedbackHistory rounds={feedback} />
      <CommentThread target={{ target: 'proposal', proposalId: proposal.id }} />
    </div>
  );
}
