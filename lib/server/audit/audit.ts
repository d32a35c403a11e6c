import 'server-only';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { escapeLike, getDb } from '../db';
import { assertIsAdmin, type Actor } from '../../rules/permissions';

export interface AuditEventInput {
  actorId: number | null;
  action: string;
  objectType: string;
  objectId: string;
  details?: Record<string, unknown> | null;
  /** Defaults to the database's now; commands pass their own clock so the event and the write agree. */
  createdAt?: string;
}

/**
 * The one place an audit event is written: by the command pipeline for the
 * event a command records, and by the building blocks a command and the
 * importer share (a release, a row or a mesh created inside a larger change).
 */
export function recordAuditEvent(tx: Queryable, event: AuditEventInput): void {
  tx.insert(auditEvents)
    .values({ ...event, details: event.details ?? null })
    .run();
}

export interface AuditFilter {
  /** Actor name or email, exact match ignoring case. */
  user?: string;
  /** `proposal`, `proposal:12`, `cell:istio@1.3/mtls`, `user:4`; a numeric id matches exactly, any other id as a prefix. */
  object?: string;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, for admins. */
export function listAuditEvents(actor: Actor | null, filter: AuditFilter = {}, q: Queryable = getDb()) {
  assertIsAdmin(actor);
  const conditions: SQL[] = [];
  if (filter.user) {
    const name = filter.user.trim().toLowerCase();
    conditions.push(or(sql`lower(${users.name}) = ${name}`, eq(users.email, name))!);
  }
  if (filter.object) {
    const [type, ...rest] = filter.object.trim().split(':');
    if (type) conditions.push(eq(auditEvents.objectType, type));
    const id = rest.join(':');
    // A numeric id is complete (user:1 must not list user:12); other ids match as prefixes (cell:istio).
    if (/^\d+$/.test(id)) conditions.push(eq(auditEvents.objectId, id));
    else if (id) conditions.push(sql`${auditEvents.objectId} like ${`${escapeLike(id)}%`} escape '\\'`);
  }
  const page = Math.max(1, filter.page ?? 1);
  const rows = q
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return {
    page,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    events: rows.slice(0, AUDIT_PAGE_SIZE).map(({ event, actorName }) => ({ ...event, actorName })),
  };
}
