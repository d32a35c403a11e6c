import type { Metadata } from 'next';
import { proposalStatuses } from '@/db/schema';
import { listUsers, type UserList } from '@/lib/server/users/admin-users';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { BadRequestError } from '@/lib/rules/errors';
import { formatDate } from '@/lib/rules/format';
import { userLabel } from './user-record';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Cell, DataTable, HeadCell, RowHeader } from '@/app/_components/ui/data-table';
import { FieldError } from '@/app/_components/ui/field-error';
import { Notice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { usersQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field =
  'mt-1 rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

export default async function AdminUsersPage({ searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const reading = readQuery(usersQuerySchema, await searchParams);
  const query = reading.data ?? {};
  let list: UserList | null = null;
  let problem: BadRequestError | null = null;
  try {
    list = listUsers(admin, query);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    problem = error;
  }
  const pageLink = (n: number) =>
    `/admin/users?${new URLSearchParams({ ...(list?.q ? { q: list.q } : {}), page: String(n) })}`;
  const qError = problem?.fieldErrors.q?.join(' ');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Users</h1>
      <QueryProblems problems={reading.problems} />
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Users">
        <div>
          <label htmlFor="users-q" className="block text-sm font-medium">
            Name or email contains
          </label>
          <input
            id="users-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ''}
            aria-invalid={qError ? true : undefined}
            aria-describedby="users-q-error"
            className={field}
          />
        </div>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Search
        </button>
        <FieldError id="users-q-error" messages={qError} className="w-full" />
      </form>
      {problem && !qError ? (
        <Notice tone="problem" role="alert">
          {problem.message}
        </Notice>
      ) : null}
      {list ? (
        <>
          <p>
            {list.total} {list.total === 1 ? 'person' : 'people'}
            {list.q ? ` match “${list.q}”` : ''}, newest first{list.page > 1 ? `; page ${list.page}` : ''}.
          </p>
          <div className="overflow-x-auto">
            <DataTable
              caption="Users, newest sign-up first, with their role, ban, trust and proposals"
              head={
                <thead>
                  <tr>
                    {['Name', 'Email', 'Role', 'Status', 'Signed up'].map((label) => (
                      <HeadCell key={label} rowSpan={2} className="align-bottom">
                        {label}
                      </HeadCell>
                    ))}
                    <th scope="colgroup" colSpan={proposalStatuses.length} className="px-3 pt-2 text-center">
                      Proposals
                    </th>
                    <HeadCell rowSpan={2} className="align-bottom">
                      Audit
                    </HeadCell>
                  </tr>
                  <tr>
                    {proposalStatuses.map((status) => (
                      <HeadCell key={status} className="text-right font-medium">
                        {status}
                      </HeadCell>
                    ))}
                  </tr>
                </thead>
              }
            >
              {list.users.map((user) => (
                <tr key={user.id} className="align-top">
                  <RowHeader>
                    <TextAnchor href={`/admin/users/${user.id}`}>{userLabel(user)}</TextAnchor>
                  </RowHeader>
                  <Cell className="break-all">{user.email ?? ''}</Cell>
                  <Cell>{user.role}</Cell>
                  <Cell>
                    {user.banned ? <>banned: {user.banReason ?? 'no reason recorded'}</> : 'active'}
                    {user.trusted ? (
                      <>
                        {' · '}
                        <strong>Trusted</strong>
                      </>
                    ) : null}
                  </Cell>
                  <Cell className="whitespace-nowrap">
                    <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time>
                  </Cell>
                  {proposalStatuses.map((status) => (
                    <Cell key={status} className="text-right tabular-nums">
                      {user.proposals[status]}
                    </Cell>
                  ))}
                  <Cell>
                    <TextAnchor href={`/admin/audit?object=user:${user.id}`}>
                      Audit trail<span className="sr-only"> of {userLabel(user)}</span>
                    </TextAnchor>
                  </Cell>
                </tr>
              ))}
            </DataTable>
          </div>
          {list.users.length === 0 ? <p>Nobody matches.</p> : null}
          <nav aria-label="Pages" className="flex gap-4">
            {list.page > 1 ? (
              <a href={pageLink(list.page - 1)} className="underline">
                Newer
              </a>
            ) : null}
            {list.hasMore ? (
              <a href={pageLink(list.page + 1)} className="underline">
                Older
              </a>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
