import 'server-only';
import { count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { proposals, proposalStatuses, users, type ProposalStatus, type Role, type User } from '@/db/schema';
import { escapeLike, getDb } from '../db';
import { ConflictError, NotFoundError } from '../../rules/errors';
import { assertAdminRemains } from './last-admin';
import { allow, assertIsAdmin, COMMAND_LINE, type Actor } from '../../rules/permissions';
import { parseInput } from '../../rules/validation';
import { banUserSchema, changeUserRoleSchema, listUsersQuerySchema, unbanUserSchema } from './schemas';
import { defineCommand } from '../command';

export const USERS_PAGE_SIZE = 50;

export type ProposalRecord = Record<ProposalStatus, number>;

export interface UserSummary {
  id: number;
  name: string | null;
  email: string | null;
  role: Role;
  banned: boolean;
  banReason: string | null;
  trusted: boolean;
  trustedReason: string | null;
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
  const { id, name, email, role, banned, banReason, trusted, trustedReason, createdAt } = user;
  return { id, name, email, role, banned, banReason, trusted, trustedReason, createdAt, proposals: record };
}

/** Everyone who has signed in, newest first; `q` matches part of a name or email, ignoring case. */
export function listUsers(actor: Actor | null, query: unknown = {}, db: Queryable = getDb()): UserList {
  assertIsAdmin(actor);
  const { q, page } = parseInput(listUsersQuerySchema, query);
  let where: SQL | undefined;
  if (q) {
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    where = or(
      sql`lower(${users.name}) like ${pattern} escape '\\'`,
      sql`lower(${users.email}) like ${pattern} escape '\\'`,
    );
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
  const records = proposalRecords(
    db,
    shown.map((u) => u.id),
  );
  return {
    q: q ?? null,
    page,
    total,
    hasMore: rows.length > USERS_PAGE_SIZE,
    users: shown.map((u) => summarize(u, records.get(u.id)!)),
  };
}

/** One user's record for the admin page. */
export function getUserForAdmin(actor: Actor | null, userId: number, db: Queryable = getDb()): UserSummary {
  assertIsAdmin(actor);
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new NotFoundError(`There is no user ${userId}.`);
  return summarize(user, proposalRecords(db, [user.id]).get(user.id)!);
}

/**
 * The user an admin change is about. The acting admin is read again inside
 * the command's transaction, so an admin demoted or banned a moment ago
 * cannot finish a change they started before.
 */
function targetOfChange(tx: Queryable, actor: Actor | typeof COMMAND_LINE, userId: number): User {
  if (actor !== COMMAND_LINE) assertIsAdmin(tx.select().from(users).where(eq(users.id, actor.id)).get() ?? null);
  const target = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!target) throw new NotFoundError(`There is no user ${userId}.`);
  return target;
}

function displayName(user: User): string {
  return user.name ?? user.email ?? `user ${user.id}`;
}

// Roles and bans show on no cached page: every request reads them from the database.
const noCachedPage = () => ({});

/**
 * Makes someone a contributor, moderator or admin; effective on their next
 * request. The command line may do it too (the first admin of a new install
 * has nobody to promote them); like the admin page it refuses to demote the
 * last admin who is not banned.
 */
export const changeUserRole = defineCommand({
  name: 'user.role',
  authorize: allow.adminOrCommandLine,
  schema: changeUserRoleSchema,
  run: ({ actor, input, tx }) => {
    const target = targetOfChange(tx, actor, input.userId);
    if (target.role === input.role)
      throw new ConflictError(
        `${displayName(target)} is already ${input.role === 'admin' ? 'an' : 'a'} ${input.role}.`,
      );
    assertAdminRemains(tx, target, { role: input.role, banned: target.banned });
    const updated = tx.update(users).set({ role: input.role }).where(eq(users.id, target.id)).returning().get();
    return { before: target, user: updated, via: actor === COMMAND_LINE ? ('cli' as const) : undefined };
  },
  audit: ({ before, user, via }, { input }) => ({
    objectType: 'user',
    objectId: String(user.id),
    details: { from: before.role, to: user.role, reason: input.reason, ...(via ? { via } : {}) },
  }),
  changes: noCachedPage,
});

/** Bans someone: they keep reading and seeing their own proposals, but can no longer propose, review or administer. */
export const banUser = defineCommand({
  name: 'user.ban',
  authorize: allow.admin,
  schema: banUserSchema,
  run: ({ actor, input, tx }) => {
    const target = targetOfChange(tx, actor, input.userId);
    if (target.banned) throw new ConflictError(`${displayName(target)} is already banned.`);
    assertAdminRemains(tx, target, { role: target.role, banned: true });
    return tx
      .update(users)
      .set({ banned: true, banReason: input.reason })
      .where(eq(users.id, target.id))
      .returning()
      .get();
  },
  audit: (user, { input }) => ({
    objectType: 'user',
    objectId: String(user.id),
    details: { from: 'active', to: 'banned', reason: input.reason },
  }),
  changes: noCachedPage,
});

/** Lifts a ban; the earlier ban reason stays in the audit log. */
export const unbanUser = defineCommand({
  name: 'user.unban',
  authorize: allow.admin,
  schema: unbanUserSchema,
  run: ({ actor, input, tx }) => {
    const target = targetOfChange(tx, actor, input.userId);
    if (!target.banned) throw new ConflictError(`${displayName(target)} is not banned.`);
    const user = tx
      .update(users)
      .set({ banned: false, banReason: null })
      .where(eq(users.id, target.id))
      .returning()
      .get();
    return { user, banReason: target.banReason };
  },
  audit: ({ user, banReason }, { input }) => ({
    objectType: 'user',
    objectId: String(user.id),
    details: { from: 'banned', to: 'active', reason: input.reason, banReason },
  }),
  changes: noCachedPage,
});
