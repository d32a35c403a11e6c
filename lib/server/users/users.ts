import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { accounts, roles, users, type Role, type User } from '@/db/schema';
import { defineCommand } from '../command';
import { getDb } from '../db';
import { allow, SIGN_IN } from '../../rules/permissions';

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

const providerAccountSchema = z
  .object({
    provider: z.string().min(1),
    providerAccountId: z.string().min(1),
    type: z.string().min(1),
    email: z.string().nullable(),
    name: z.string().nullable(),
    image: z.string().nullable(),
    initialRole: z.enum(roles).optional(),
    adminEmails: z.array(z.string()),
  })
  .strict();

/**
 * Finds or creates our user for a provider account (upsert by provider
 * account, never by email: two providers claiming one address must not merge
 * accounts). Profile fields follow the provider; the role stays ours, except
 * that ADMIN_EMAILS promotes at every sign-in. Run by the sign-in callback
 * once the provider has vouched for the account.
 */
export const signInUser = defineCommand({
  name: 'user.sign-in',
  authorize: allow.signIn,
  schema: providerAccountSchema,
  // A profile name with a stray control character must not lock its owner out: it is cleaned, not refused.
  text: 'strip',
  run: ({ input: account, tx }) => {
    const email = account.email?.toLowerCase() ?? null;
    const listedAsAdmin = !!email && account.adminEmails.includes(email);
    const linked = tx
      .select({ user: users })
      .from(accounts)
      .innerJoin(users, eq(users.id, accounts.userId))
      .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)))
      .get()?.user;
    if (linked) {
      // Only the account that holds the address may claim ADMIN_EMAILS: another provider reporting the same email does not.
      const promoted = listedAsAdmin && linked.email === email && linked.role !== 'admin';
      const user = tx
        .update(users)
        .set({
          name: account.name ?? linked.name,
          image: account.image ?? linked.image,
          ...(promoted ? { role: 'admin' } : {}),
        })
        .where(eq(users.id, linked.id))
        .returning()
        .get();
      return { user, created: false, promotedFrom: promoted ? linked.role : null };
    }
    const emailTaken = email ? tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get() : undefined;
    const makeAdmin = listedAsAdmin && !emailTaken;
    const user = tx
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
      .values({
        userId: user.id,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      })
      .run();
    return { user, created: true, promotedFrom: null };
  },
  audit: ({ user, created, promotedFrom }, { input }) => {
    if (created)
      return {
        action: 'user.create',
        actorId: user.id,
        objectType: 'user',
        objectId: String(user.id),
        details: { provider: input.provider, role: user.role },
      };
    if (promotedFrom)
      return {
        action: 'user.role',
        objectType: 'user',
        objectId: String(user.id),
        details: { from: promotedFrom, to: 'admin', reason: 'ADMIN_EMAILS' },
      };
    return null;
  },
  // A new user or a name shows on no cached page until they propose something.
  changes: () => ({}),
});

/** The sign-in callback's call: our user for a provider account. */
export function upsertUserFromAccount(account: ProviderAccount, adminEmails: string[], db?: Queryable): User {
  return signInUser(SIGN_IN, { ...account, adminEmails }, { db }).user;
}

export function getUserById(id: number, db: Queryable = getDb()): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}
