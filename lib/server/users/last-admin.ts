import 'server-only';
import { and, count, eq, ne } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { users, type Role, type User } from '@/db/schema';
import { ConflictError } from '../../rules/errors';

/**
 * The one place the last-admin rule lives, for the admin pages and the
 * `user:role` CLI alike: a role change or ban must not leave the site with no
 * un-banned admin, or nobody could manage roles again without shell access.
 * Call it inside the write's IMMEDIATE transaction, so two admins demoting
 * each other at once cannot both pass the count.
 */
export function assertAdminRemains(
  q: Queryable,
  user: Pick<User, 'id' | 'name' | 'email' | 'role' | 'banned'>,
  next: { role: Role; banned: boolean },
): void {
  const activeAdminNow = user.role === 'admin' && !user.banned;
  const activeAdminAfter = next.role === 'admin' && !next.banned;
  if (!activeAdminNow || activeAdminAfter) return;
  const others = q
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.banned, false), ne(users.id, user.id)))
    .get()!.n;
  if (others === 0) {
    const who = user.name ?? user.email ?? `user ${user.id}`;
    throw new ConflictError(
      `${who} is the only admin who is not banned; make someone else an admin first, or the site would be left without one.`,
      {
        reason: 'last_admin',
      },
    );
  }
}
