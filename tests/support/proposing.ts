import type { User } from '@/db/schema';
import { proposeCellChange, type ProposalLimits } from '@/lib/server/proposals/proposals';
import { headOf, ISTIO_MTLS, type CellName } from './lookups';
import type { TempDatabase } from './temp-db';

/** Limits no test reaches unless it means to, so the flood limits only show where they are under test. */
export const roomyLimits: ProposalLimits = { maxPending: 1000, maxPerHour: 1000 };

export interface ProposeOptions {
  author: User;
  at?: CellName;
  support?: string;
  text?: string;
  note?: string;
  baseRevisionId?: number;
  now?: Date;
  sources?: { url: string; title?: string | null }[];
}

/** A sourced proposal on a cell (Istio 1.16.1 mTLS unless `at` says otherwise), based on its current head. */
export function propose(db: TempDatabase, options: ProposeOptions) {
  const at = options.at ?? ISTIO_MTLS;
  const head = headOf(db, at);
  const isText = at[2] === 'license';
  return proposeCellChange(
    options.author,
    {
      mesh: at[0],
      version: at[1],
      feature: at[2],
      ...(isText ? { text: options.text ?? 'Apache-2.0' } : { support: options.support ?? 'partial' }),
      note: options.note ?? 'Permissive mode by default',
      sources: options.sources ?? [
        { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' },
      ],
      rationale: 'The docs say so.',
      baseRevisionId: options.baseRevisionId ?? head.id,
    },
    { limits: roomyLimits, now: options.now, db: db.db },
  );
}
