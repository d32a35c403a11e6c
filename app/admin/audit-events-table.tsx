import type { AuditEvent } from '@/db/schema';
import { cellPath, formatDate } from '@/lib/rules/format';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';

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
export function AuditEventsTable({
  events,
  caption,
  showObject = true,
}: {
  events: (AuditEvent & { actorName: string | null })[];
  caption: string;
  showObject?: boolean;
}) {
  const headings = showObject ? ['When', 'Who', 'What', 'Object', 'Details'] : ['When', 'Who', 'What', 'Details'];
  return (
    <div className="overflow-x-auto">
      <DataTable caption={caption} columns={headings}>
        {events.map((event) => {
          const link = objectLink(event.objectType, event.objectId);
          return (
            <tr key={event.id} className="align-top">
              <RowHeader className="font-normal whitespace-nowrap">
                <time dateTime={event.createdAt}>{formatDate(event.createdAt)}</time>
                <span className="block text-xs">{event.createdAt.slice(11, 19)} UTC</span>
              </RowHeader>
              <Cell>{event.actorName ?? 'system'}</Cell>
              <Cell>{event.action}</Cell>
              {showObject ? (
                <Cell>
                  {link ? (
                    <TextAnchor href={link}>
                      {event.objectType} {event.objectId}
                    </TextAnchor>
                  ) : (
                    `${event.objectType} ${event.objectId}`
                  )}
                </Cell>
              ) : null}
              <Cell className="font-mono text-xs break-all">{event.details ? JSON.stringify(event.details) : ''}</Cell>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
