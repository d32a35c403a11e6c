import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getUserForAdmin } from '@/lib/server/users/admin-users';
import { listAuditEvents } from '@/lib/server/audit/audit';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { formatDate } from '@/lib/rules/format';
import { orNotFound } from '@/lib/next/pages';
import { ProposalRecordList, userLabel } from '../user-record';
import { BanForm, ChangeRoleForm, TrustForm } from './user-forms';
import { setUserTrustAction } from '../actions';
import { AuditEventsTable } from '../../audit-events-table';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { userQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'User' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const notices: Record<string, string> = {
  role: 'Role changed. It applies from their next request.',
  ban: 'Banned. From their next request they can read but not propose, review or administer.',
  unban: 'Ban lifted.',
  trust: 'Trusted. Their proposals now publish at once when they have no conflict and no declared affiliation.',
  untrust: 'No longer trusted. Their proposals wait for review again.',
};

export default async function AdminUserPage({ params, searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const user = orNotFound(() => getUserForAdmin(admin, Number(id)));
  const events = listAuditEvents(admin, { object: `user:${user.id}` }).events.slice(0, 20);
  const query = readQuery(userQuerySchema, await searchParams);
  const done = query.data?.done;
  const notice = typeof done === 'string' ? notices[done] : undefined;
  const who = userLabel(user);
  return (
    <div className="max-w-4xl space-y-8">
      <p className="text-sm">
        {/* No prefetch: one racing a role change or ban made on this page would show the list as it was. */}
        <TextLink href="/admin/users" prefetch={false}>
          All users
        </TextLink>
      </p>
      <h1 className="text-2xl font-bold">{who}</h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={notice} />
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">Email</dt>
        <dd>{user.email ?? 'none given'}</dd>
        <dt className="font-medium">Role</dt>
        <dd>{user.role}</dd>
        <dt className="font-medium">Status</dt>
        <dd>{user.banned ? `banned: ${user.banReason ?? 'no reason recorded'}` : 'active'}</dd>
        <dt className="font-medium">Trust</dt>
        <dd>{user.trusted ? `trusted: ${user.trustedReason ?? 'no reason recorded'}` : 'not trusted'}</dd>
        <dt className="font-medium">Signed up</dt>
        <dd>
          <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time>
        </dd>
        <dt className="font-medium">Proposals</dt>
        <dd>
          <ProposalRecordList record={user.proposals} />
        </dd>
      </dl>

      <section aria-labelledby="role-heading" className="space-y-3">
        <h2 id="role-heading" className="text-lg font-semibold">
          Change role
        </h2>
        <p className="text-sm">
          Moderators work the review queue and manage releases; admins also manage people. The site always keeps one
          admin who is not banned.
        </p>
        <ChangeRoleForm key={user.role} userId={user.id} role={user.role} who={who} />
      </section>

      <section aria-labelledby="ban-heading" className="space-y-3">
        <h2 id="ban-heading" className="text-lg font-semibold">
          {user.banned ? 'Lift the ban' : 'Ban'}
        </h2>
        <p className="text-sm">
          {user.banned
            ? 'They will be able to propose again, and to use their role.'
            : 'A banned account can still read everything and see its own proposals, but cannot propose, review or administer.'}
        </p>
        <BanForm key={String(user.banned)} userId={user.id} banned={user.banned} who={who} />
      </section>

      <section aria-labelledby="trust-heading" className="space-y-3">
        <h2 id="trust-heading" className="text-lg font-semibold">
          {user.trusted ? 'Stop trusting' : 'Trust'}
        </h2>
        <p className="text-sm">
          {user.trusted
            ? 'Their proposals will wait for review again.'
            : 'A trusted contributor’s proposals publish at once unless they conflict or are about a mesh they declared an affiliation with; moderators check them afterwards on the patrol list.'}
        </p>
        <TrustForm
          key={String(user.trusted)}
          userId={user.id}
          trusted={user.trusted}
          who={who}
          action={setUserTrustAction}
        />
      </section>

      <section aria-labelledby="audit-heading" className="space-y-3">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Recent changes to this account
        </h2>
        {events.length ? (
          <AuditEventsTable events={events} caption={`Audit events about ${who}, newest first`} showObject={false} />
        ) : (
          <p>No changes recorded.</p>
        )}
        <p>
          <TextAnchor href={`/admin/audit?object=user:${user.id}`}>Full audit trail of {who}</TextAnchor>
          {user.email ? (
            <>
              {' · '}
              <TextAnchor href={`/admin/audit?${new URLSearchParams({ user: user.email })}`}>What {who} did</TextAnchor>
            </>
          ) : null}
        </p>
      </section>
    </div>
  );
}
