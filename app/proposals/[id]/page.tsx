import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CommentThread } from '@/app/_components/comment-thread';
import { ProposalValue } from '@/app/_components/proposal-value';
import { cellPath, formatDate } from '@/lib/rules/format';
import { getProposal } from '@/lib/server/proposals/proposals';
import { TextAnchor } from '@/app/_components/ui/text-link';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Proposal ${(await params).id}` };
}

export default async function ProposalPage({ params }: Props) {
  const { id } = await params;
  const proposal = /^\d{1,12}$/.test(id) ? getProposal(Number(id)) : null;
  if (!proposal) notFound();
  const href = cellPath(proposal.cell.meshSlug, proposal.cell.label, proposal.cell.featureSlug);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">
        Proposal {proposal.id}: {proposal.cell.featureName} in {proposal.cell.meshName} {proposal.cell.label}
      </h1>
      <p>
        <TextAnchor href={href}>See the cell and its history</TextAnchor>
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium">Status</dt>
        <dd>
          {proposal.status}
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
            <dt className="font-medium">{proposal.status === 'rejected' ? 'Reason' : 'Comment'}</dt>
            <dd>{proposal.reviewComment}</dd>
          </>
        ) : null}
      </dl>
      <CommentThread target={{ target: 'proposal', proposalId: proposal.id }} />
    </div>
  );
}
