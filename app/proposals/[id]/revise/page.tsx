import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProposeForm } from '@/app/meshes/[slug]/[version]/[feature]/propose/propose-form';
import { FeedbackHistory } from '@/app/_components/feedback-history';
import { TextLink } from '@/app/_components/ui/text-link';
import { getCurrentUser } from '@/lib/next/auth/session';
import { listFeedbackRounds } from '@/lib/server/proposals/feedback';
import { getProposal } from '@/lib/server/proposals/proposals';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Revise a proposal' };

type Props = { params: Promise<{ id: string }> };

export default async function ReviseProposalPage({ params }: Props) {
  const { id } = await params;
  const proposal = /^\d{1,12}$/.test(id) ? getProposal(Number(id)) : null;
  if (!proposal) notFound();
  const user = await getCurrentUser();
  const title = `${proposal.cell.featureName} in ${proposal.cell.meshName} ${proposal.cell.label}`;
  const mayRevise =
    user?.id === proposal.authorId && !user.banned && proposal.status === 'changes_requested' && !proposal.changesetId;
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <TextLink href={`/proposals/${proposal.id}`}>Back to proposal {proposal.id}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        Revise proposal {proposal.id}: {title}
      </h1>
      <FeedbackHistory rounds={listFeedbackRounds({ proposalId: proposal.id })} />
      {mayRevise ? (
        <ProposeForm
          mesh={proposal.cell.meshSlug}
          version={proposal.cell.label}
          feature={proposal.cell.featureSlug}
          kind={proposal.cell.featureKind}
          baseRevisionId={proposal.baseRevisionId}
          current={{ support: proposal.support, text: proposal.text, note: proposal.note, sources: [] }}
          revise={{
            id: proposal.id,
            rationale: proposal.rationale,
            affiliated: proposal.affiliated,
            sources: proposal.sources,
          }}
        />
      ) : (
        <p role="status">
          {user?.id === proposal.authorId
            ? `Proposal ${proposal.id} is ${proposal.status.replace('_', ' ')}; it can be revised only after a moderator asks for changes.`
            : 'Only the author can revise a proposal.'}
        </p>
      )}
    </div>
  );
}
