import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { orNotFound } from '@/lib/next/pages';
import { getContributorTrust } from '@/lib/server/users/trust';
import { TrustForm } from '@/app/admin/users/[id]/user-forms';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { readQuery } from '@/lib/rules/query';
import { userQuerySchema } from '@/lib/rules/page-queries';
import { setContributorTrustAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Contributor' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const notices: Record<string, string> = {
  trust: 'Trusted. Their proposals now publish at once when they have no conflict and no declared affiliation.',
  untrust: 'No longer trusted. Their proposals wait for review again.',
};

/** A contributor as moderators see them: their record and whether their proposals publish without review. */
export default async function ContributorPage({ params, searchParams }: Props) {
  const moderator = await requirePageRole('moderator');
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const person = orNotFound(() => getContributorTrust(moderator, Number(id)));
  const query = readQuery(userQuerySchema, await searchParams);
  const done = query.data?.done;
  const who = person.name ?? `user ${person.id}`;
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{who}</h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={done ? notices[done] : null} />
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">Role</dt>
        <dd>{person.role}</dd>
        <dt className="font-medium">Status</dt>
        <dd>{person.banned ? 'banned' : 'active'}</dd>
        <dt className="font-medium">Trust</dt>
        <dd>
          {person.trusted
            ? `trusted: ${person.trustedReason ?? 'no reason recorded'}`
            : person.byThreshold
              ? 'trusted by the automatic threshold'
              : 'not trusted'}
        </dd>
        <dt className="font-medium">Record</dt>
        <dd>
          {person.record.approved} approved, {person.rejected} rejected
          {person.threshold.enabled
            ? `; ${person.record.revertedRecently} of their values reverted in the last ${person.threshold.days} days`
            : ''}
        </dd>
      </dl>
      <section aria-labelledby="trust-heading" className="space-y-3">
        <h2 id="trust-heading" className="text-lg font-semibold">
          {person.trusted ? 'Stop trusting' : 'Trust'}
        </h2>
        <p className="text-sm">
          A trusted contributor’s proposals publish at once unless they conflict or are about a mesh they declared an
          affiliation with; moderators check them afterwards on the{' '}
          <TextAnchor href="/review/patrol">patrol list</TextAnchor>.
        </p>
        {person.id === moderator.id ? (
          <p>Nobody changes their own trust: another moderator or admin must.</p>
        ) : (
          <TrustForm
            key={String(person.trusted)}
            userId={person.id}
            trusted={person.trusted}
            who={who}
            action={setContributorTrustAction}
          />
        )}
      </section>
    </div>
  );
}
