import type { Metadata } from 'next';
import { listAuditEvents } from '@/lib/audit';
import { requirePageRole } from '@/lib/auth/page-guards';
import { formatDate } from '@/lib/format';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

function objectLink(type: string, id: string): string | null {
  if (type === 'proposal') return `/proposals/${id}`;
  if (type === 'user' && /^\d+$/.test(id)) return `/admin/users/${id}`;
  if (type === 'cell') {
    const match = /^([^@]+)@([^/]+)\/(.+)$/.exec(id);
    return match ? `/meshes/${match[1]}/${encodeURIComponent(match[2]!)}/${match[3]}` : null;
  }
  return null;
}

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requirePageRole('admin');
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
  const filter = { user: text('user') || undefined, object: text('object') || undefined, page: Number(text('page')) || 1 };
  const { events, hasMore, page } = listAuditEvents(admin, filter);
  const pageLink = (n: number) => `/admin/audit?${new URLSearchParams({ ...(filter.user ? { user: filter.user } : {}), ...(filter.object ? { object: filter.object } : {}), page: String(n) })}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit log</h1>
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
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900">
          Filter
        </button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-left text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead>
            <tr>
              {['When', 'Who', 'What', 'Object', 'Details'].map((h) => (
                <th key={h} scope="col" className="border-b border-slate-300 px-3 py-2 dark:border-slate-700">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const link = objectLink(event.objectType, event.objectId);
              return (
                <tr key={event.id} className="align-top">
                  <th scope="row" className="border-b border-slate-200 px-3 py-2 font-normal whitespace-nowrap dark:border-slate-800">
                    <time dateTime={event.createdAt}>{formatDate(event.createdAt)}</time>
                    <span className="block text-xs">{event.createdAt.slice(11, 19)} UTC</span>
                  </th>
                  <td className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">{event.actorName ?? 'system'}</td>
                  <td className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">{event.action}</td>
                  <td className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
                    {link ? (
                      <a href={link} className="text-blue-700 underline dark:text-blue-300">
                        {event.objectType} {event.objectId}
                      </a>
                    ) : (
                      `${event.objectType} ${event.objectId}`
                    )}
                  </td>
                  <td className="border-b border-slate-200 px-3 py-2 font-mono text-xs break-all dark:border-slate-800">
                    {event.details ? JSON.stringify(event.details) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
