import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { getTrustThreshold } from '@/lib/server/settings/settings';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { readQuery } from '@/lib/rules/query';
import { userQuerySchema } from '@/lib/rules/page-queries';
import { TrustThresholdForm } from './threshold-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSettingsPage({ searchParams }: Props) {
  await requirePageRole('admin');
  const query = readQuery(userQuerySchema, await searchParams);
  const threshold = getTrustThreshold();
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={query.data?.done === 'threshold' ? 'Trust threshold saved.' : null} />
      <section aria-labelledby="threshold-heading" className="space-y-3">
        <h2 id="threshold-heading" className="text-lg font-semibold">
          Automatic trust
        </h2>
        <p>
          A trusted contributor’s proposals publish at once, unless they conflict or are about a mesh they declared an
          affiliation with; moderators check them afterwards on the{' '}
          <TextAnchor href="/review/patrol">patrol list</TextAnchor>. Moderators and admins mark people trusted one by
          one. When this threshold is on, anyone with enough approved proposals and none of their values reverted in the
          window counts as trusted too.
        </p>
        <p>
          Now: <strong>{threshold.enabled ? 'on' : 'off'}</strong>
          {threshold.enabled
            ? `: ${threshold.minApproved} approved proposals and no reverted value in ${threshold.days} days.`
            : '. Nobody becomes trusted automatically.'}
        </p>
        <TrustThresholdForm threshold={threshold} />
      </section>
    </div>
  );
}
