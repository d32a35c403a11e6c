import 'server-only';
import { count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/client';
import { auditEvents, proposals, proposalStatuses, users, type ProposalStatus, type Role, type User } from '@/db/schema';
import { escapeLike, getDb } from './db';
import { ConflictError, NotFoundError } from './errors';
import { assertAdminRemains } from './last-admin';
import { assertIsAdmin, type Actor } from './permissions';
import { banUserSchema, changeUserRoleSchema, listUsersQuerySchema, parseInput, unbanUserSchema } from './validation';

export const USERS_PAGE_SIZE = 50;

export type ProposalRecord = Record<ProposalStatus, number>;

export interface UserSummary {
  id: number;
  name: string | null;
  email: string | null;
  role: Role;
  banned: boolean;
  banReason: string | null;
  createdAt: string;
  proposals: ProposalRecord;
}

export interface UserList {
  q: string | null;
  page: number;
  total: number;
  hasMore: boolean;
  users: UserSummary[];
}

function emptyRecord(): ProposalRecord {
  return Object.fromEntries(proposalStatuses.map((status) => [status, 0])) as ProposalRecord;
}

/** Counted per page of users (the author/status index answers it), never by grouping every proposal on the site. */
function proposalRecords(q: Queryable, userIds: number[]): Map<number, ProposalRecord> {
  const records = new Map(userIds.map((id) => [id, emptyRecord()]));
  if (!userIds.length) return records;
  const rows = q
    .select({ authorId: proposals.authorId, status: proposals.status, n: count() })
    .from(proposals)
    .where(inArray(proposals.authorId, userIds))
    .groupBy(proposals.authorId, proposals.status)
    .all();
  for (const row of rows) records.get(row.authorId)![row.status] = row.n;
  return records;
}

function summarize(user: User, record: ProposalRecord): UserSummary {
  const { id, name, email, role, banned, banReason, createdAt } = user;
  return { id, name, email, role, banned, banReason, createdAt, proposals: record };
}

/** Everyone who has signed in, newest first; `q` matches part of a name or email, ignoring case. */
export function listUsers(actor: Actor | null, query: unknown = {}, db: Queryable = getDb()): UserList {
  assertIsAdmin(actor);
  const { q, page } = parseInput(listUsersQuerySchema, query);
  let where: SQL | undefined;
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    where = or(sql`lower(${users.name}) like ${pattern} escape '\\'`, sql`lower(${users.email}) like ${pattern} escape '\\'`);
  }
  const total = db.select({ n: count() }).from(users).where(where).get()!.n;
  const rows = db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(USERS_PAGE_SIZE + 1)
    .offset((page - 1) * USERS_PAGE_SIZE)
    .all();
  const shown = rows.slice(0, USERS_PAGE_SIZE);
  const records = proposalRecords(db, shown.map((u) => u.id));
  return { q: q ?? null, page, total, hasMore: rows.length > USERS_PAGE_SIZE, users: shown.map((u) => summarize(u, records.get(u.id)!)) };
}

/** One user's record for the admin page. */
export function getUserForAdmin(actor: Actor | null, userId: number, db: Queryable = getDb()): UserSummary {
  assertIsAdmin(actor);
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new NotFoundError(`There is no user ${userId}.`);
  return summarize(user, proposalRecords(db, [user.id]).get(user.id)!);
}

/**
 * Runs one admin change on a user in an IMMEDIATE transaction. The acting
 * admin is read again inside it, so an admin demoted or banned a moment ago
 * cannot finish a change they started before.
 */
function changeUser<T>(actor: Actor | null, userId: number, db: Db, change: (tx: Queryable, admin: User, target: User) => T): T {
  assertIsAdmin(actor);
  return db.transaction(
    (tx) => {
      const admin = tx.select().from(users).where(eq(users.id, actor.id)).get() ?? null;
      assertIsAdmin(admin);
      const target = tx.select().from(users).where(eq(users.id, userId)).get();
      if (!target) throw new NotFoundError(`There is no user ${userId}.`);
      return change(tx, admin, target);
    },
    { behavior: 'immediate' },
  );
}

function displayName(user: User): string {
  return user.name ?? user.email ?? `user ${user.id}`;
}

/** Makes someone a contributor, moderator or admin; effective on their next request. */
export function changeUserRole(actor: Actor | null, input: unknown, db: Db = getDb()): User {
  assertIsAdmin(actor);
  const data = parseInput(changeUserRoleSchema, input);
  return changeUser(actor, data.userId, db, (tx, admin, target) => {
    if (target.role === data.role) throw new ConflictError(`${displayName(target)} is already a ${data.role}.`);
    assertAdminRemains(tx, target, { role: data.role, banned: target.banned });
    const updated = tx.update(users).set({ role: data.role }).where(eq(users.id, target.id)).returning().get();
    tx.insert(auditEvents)
      .values({ actorId: admin.id, action: 'user.role', objectType: 'user', objectId: String(target.id), details: { from: target.role, to: data.role, reason: data.reason } })
      .run();
    return updated;
  });
}

/** Bans someone: they keep reading and seeing their own proposals, but can no longer propose, review or administer. */
export function banUser(actor: Actor | null, input: unknown, db: Db = getDb()): User {
  assertIsAdmin(actor);
  const data = parseInput(banUserSchema, input);
  return changeUser(actor, data.userId, db, (tx, admin, target) => {
    if (target.banned) throw new ConflictError(`${displayName(target)} is already banned.`);
    assertAdminRemains(tx, target, { role: target.role, banned: true });
    const updated = tx.update(users).set({ banned: true, banReason: data.reason }).where(eq(users.id, target.id)).returning().get();
    tx.insert(auditEvents)
      .values({ actorId: admin.id, action: 'user.ban', objectType: 'user', objectId: String(target.id), details: { from: 'active', to: 'banned', reason: data.reason } })
      .run();
    return updated;
  });
}

/** Lifts a ban; the earlier ban reason stays in the audit log. */
export function unbanUser(actor: Actor | null, input: unknown, db: Db = getDb()): User {
  assertIsAdmin(actor);
  const data = parseInput(unbanUserSchema, input);
  return changeUser(actor, data.userId, db, (tx, admin, target) => {
    if (!target.banned) throw new ConflictError(`${displayName(target)} is not banned.`);
    const updated = tx.update(users).set({ banned: false, banReason: null }).where(eq(users.id, target.id)).returning().get();
    tx.insert(auditEvents)
      .values({
        actorId: admin.id,
        action: 'user.unban',
        objectType: 'user',
        objectId: String(target.id),
        details: { from: 'banned', to: 'active', reason: data.reason, banReason: target.banReason },
      })
      .run();
    return updated;
  });
}
