import type { AuditEvent } from '@/db/schema';
import { cellPath, formatDate } from '@/lib/rules/format';
import { textLinkClass } from '@/app/_components/text-link';

const cell = 'border-b border-slate-200 px-3 py-2 dark:border-slate-800';

function objectLink(type: string, id: string): string | null {
  if (type === 'proposal') return `/proposals/${id}`;
  if (type === 'user' && /^\d+$/.test(id)) return `/admin/users/${id}`;
  if (type === 'cell') {
    const match = /^([^@]+)@([^/]+)\/(.+)$/.exec(id);
    return match ? cellPath(match[1]!, match[2]!, match[3]!) : null;
  }
  return null;
}

/** Audit events, newest first; `showObject` adds the column naming what each event is about. */
export function AuditEventsTable({ events, caption, showObject = true }: { events: (AuditEvent & { actorName: string | null })[]; caption: string; showObject?: boolean }) {
  const headings = showObject ? ['When', 'Who', 'What', 'Object', 'Details'] : ['When', 'Who', 'What', 'Details'];
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-0 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {headings.map((h) => (
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
                <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
                  <time dateTime={event.createdAt}>{formatDate(event.createdAt)}</time>
                  <span className="block text-xs">{event.createdAt.slice(11, 19)} UTC</span>
                </th>
                <td className={cell}>{event.actorName ?? 'system'}</td>
                <td className={cell}>{event.action}</td>
                {showObject ? (
                  <td className={cell}>
                    {link ? (
                      <a href={link} className={textLinkClass}>
                        {event.objectType} {event.objectId}
                      </a>
                    ) : (
                      `${event.objectType} ${event.objectId}`
                    )}
                  </td>
                ) : null}
                <td className={`${cell} font-mono text-xs break-all`}>{event.details ? JSON.stringify(event.details) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
