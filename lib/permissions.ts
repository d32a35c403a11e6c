import type { Role, User } from '@/db/schema';
import { ForbiddenError, UnauthorizedError } from './errors';

const rank: Record<Role, number> = { contributor: 1, moderator: 2, admin: 3 };

export type Actor = Pick<User, 'id' | 'role' | 'banned' | 'name'>;

export function hasRole(user: Actor | null | undefined, role: Role): boolean {
  return !!user && !user.banned && rank[user.role] >= rank[role];
}

export function assertSignedIn(user: Actor | null | undefined): asserts user is Actor {
  if (!user) throw new UnauthorizedError('Sign in first.');
}

/** Anonymous readers read; signed-in people propose unless banned. */
export function assertCanPropose(user: Actor | null | undefined): asserts user is Actor {
  if (!user) throw new UnauthorizedError('Sign in to propose a change.');
  if (user.banned) throw new ForbiddenError('This account is banned from proposing changes; it can still read everything.');
}

/** Moderators and admins decide proposals, revert cells and manage releases. */
export function assertCanModerate(user: Actor | null | undefined): asserts user is Actor {
  if (!user) throw new UnauthorizedError('Sign in as a moderator.');
  if (!hasRole(user, 'moderator')) throw new ForbiddenError('Only moderators and admins can do this.');
}

export function assertIsAdmin(user: Actor | null | undefined): asserts user is Actor {
  if (!user) throw new UnauthorizedError('Sign in as an admin.');
  if (!hasRole(user, 'admin')) throw new ForbiddenError('Only admins can do this.');
}
