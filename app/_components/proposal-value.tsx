import type { ProposalView } from '@/lib/server/proposals/proposals';
import { SourceList } from './source-links';
import { SupportBadge } from './support-badge';

/** The value a proposal asks for: support or text, note and sources. */
export function ProposalValue({ proposal }: { proposal: ProposalView }) {
  return (
    <div className="space-y-1">
      <p>
        {proposal.cell.featureKind === 'text' || proposal.support === null ? (
          proposal.text
        ) : (
          <SupportBadge support={proposal.support} />
        )}
        {proposal.note ? <span className="ml-2 text-sm">{proposal.note}</span> : null}
      </p>
      <SourceList sources={proposal.sources} />
    </div>
  );
}
