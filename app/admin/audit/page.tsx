import type { Metadata } from 'next';
import { listAuditEvents } from '@/lib/server/audit/audit';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { AuditEventsTable } from '../audit-events-table';
import { QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { auditQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const query = readQuery(auditQuerySchema, await searchParams);
  const params = query.data ?? {};
  const text = (name: keyof typeof params) => params[name] ?? '';
  const filter = {
    user: text('user') || undefined,
    object: text('object') || undefined,
    page: Number(text('page')) || 1,
  };
  const { events, hasMore, page } = listAuditEvents(admin, filter);
  const pageLink = (n: number) =>
    `/admin/audit?${new URLSearchParams({ ...(filter.user ? { user: filter.user } : {}), ...(filter.object ? { object: filter.object } : {}), page: String(n) })}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <QueryProblems problems={query.problems} />
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="audit-user" className="block text-sm font-medium">
            User (name or email)
          </label>
          <input id="audit-user" name="user" defaultValue={filter.user ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="audit-object" className="block text-sm font-medium">
            Object (for example proposal:12 or cell:istio)
          </label>
          <input id="audit-object" name="object" defaultValue={filter.object ?? ''} className={field} />
        </div>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Filter
        </button>
      </form>
      <AuditEventsTable events={events} caption="Audit events, newest first" />
      {events.length === 0 ? <p>No events match.</p> : null}
      <nav aria-label="Pages" className="flex gap-4">
        {page > 1 ? (
          <a href={pageLink(page - 1)} className="underline">
            Newer
          </a>
        ) : null}
        {hasMore ? (
          <a href={pageLink(page + 1)} className="underline">
            Older
          </a>
        ) : null}
      </nav>
    </div>
  );
}
