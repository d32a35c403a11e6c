import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { accounts, auditEvents, users, type Role, type User } from '@/db/schema';
import { getDb } from './db';

export interface ProviderAccount {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null;
  name: string | null;
  image: string | null;
  /** Role for a brand-new user (demo accounts come with theirs). */
  initialRole?: Role;
}

/**
 * Finds or creates our user for a provider account (upsert by provider
 * account, never by email: two providers claiming one address must not merge
 * accounts). Profile fields follow the provider; the role stays ours, except
 * that ADMIN_EMAILS promotes at every sign-in.
 */
export function upsertUserFromAccount(account: ProviderAccount, adminEmails: string[], db: Queryable = getDb()): User {
  return (db as ReturnType<typeof getDb>).transaction(
    (tx) => {
      const email = account.email?.toLowerCase() ?? null;
      const listedAsAdmin = !!email && adminEmails.includes(email);
      const linked = tx
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)))
        .get()?.user;
      if (linked) {
        // Only the account that holds the address may claim ADMIN_EMAILS: another provider reporting the same email does not.
        const makeAdmin = listedAsAdmin && linked.email === email;
        const updated = tx
          .update(users)
          .set({ name: account.name ?? linked.name, image: account.image ?? linked.image, ...(makeAdmin && linked.role !== 'admin' ? { role: 'admin' } : {}) })
          .where(eq(users.id, linked.id))
          .returning()
          .get();
        if (makeAdmin && linked.role !== 'admin') {
          tx.insert(auditEvents)
            .values({ actorId: null, action: 'user.role', objectType: 'user', objectId: String(linked.id), details: { from: linked.role, to: 'admin', reason: 'ADMIN_EMAILS' } })
            .run();
        }
        return updated;
      }
      const emailTaken = email ? tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get() : undefined;
      const makeAdmin = listedAsAdmin && !emailTaken;
      const created = tx
        .insert(users)
        .values({
          name: account.name,
          email: emailTaken ? null : email,
          image: account.image,
          role: makeAdmin ? 'admin' : (account.initialRole ?? 'contributor'),
        })
        .returning()
        .get();
      tx.insert(accounts)
        .values({ userId: created.id, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId })
        .run();
      tx.insert(auditEvents)
        .values({ actorId: created.id, action: 'user.create', objectType: 'user', objectId: String(created.id), details: { provider: account.provider, role: created.role } })
        .run();
      return created;
    },
    { behavior: 'immediate' },
  );
}

export function getUserById(id: number, db: Queryable = getDb()): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}
