import type { Role, User } from '@/db/schema';
import { ForbiddenError, UnauthorizedError } from './errors';

const rank: Record<Role, number> = { contributor: 1, moderator: 2, admin: 3 };

export type Actor = Pick<User, 'id' | 'role' | 'banned' | 'name'>;

/**
 * The operator at the command line (`npm run import`, `npm run user:role`):
 * whoever can run it holds the database file already. Audit events and
 * revisions record no user.
 */
export const COMMAND_LINE: unique symbol = Symbol('command line');

/** The sign-in callback, once the identity provider has vouched for an account: the only one who creates users. */
export const SIGN_IN: unique symbol = Symbol('sign-in');

export type AnyActor = Actor | typeof COMMAND_LINE | typeof SIGN_IN;

/** A signed-in person; the command line and the sign-in callback are not one. */
function person(user: AnyActor | null | undefined): Actor | null | undefined {
  return typeof user === 'symbol' ? null : user;
}

export function hasRole(user: AnyActor | null | undefined, role: Role): boolean {
  return !!user && typeof user !== 'symbol' && !user.banned && rank[user.role] >= rank[role];
}

export function assertSignedIn(user: AnyActor | null | undefined): asserts user is Actor {
  if (!person(user)) throw new UnauthorizedError('Sign in first.');
}

/** Anonymous readers read; signed-in people propose unless banned. */
export function assertCanPropose(user: AnyActor | null | undefined): asserts user is Actor {
  if (!user || typeof user === 'symbol') throw new UnauthorizedError('Sign in to propose a change.');
  if (user.banned)
    throw new ForbiddenError('This account is banned from proposing changes; it can still read everything.');
}

/** Moderators and admins decide proposals, revert cells and manage releases. */
export function assertCanModerate(user: AnyActor | null | undefined): asserts user is Actor {
  if (!person(user)) throw new UnauthorizedError('Sign in as a moderator.');
  if (!hasRole(user, 'moderator')) throw new ForbiddenError('Only moderators and admins can do this.');
}

export function assertIsAdmin(user: AnyActor | null | undefined): asserts user is Actor {
  if (!person(user)) throw new UnauthorizedError('Sign in as an admin.');
  if (!hasRole(user, 'admin')) throw new ForbiddenError('Only admins can do this.');
}

/** The rule each command names as who may run it: returns the actor narrowed to who passed. */
export const allow = {
  proposer(user: AnyActor | null | undefined): Actor {
    assertCanPropose(user);
    return user;
  },
  /** Anyone signed in, banned or not: for what only takes away or reads one's own (unfollowing, a watchlist visit). */
  signedIn(user: AnyActor | null | undefined): Actor {
    assertSignedIn(user);
    return user;
  },
  moderator(user: AnyActor | null | undefined): Actor {
    assertCanModerate(user);
    return user;
  },
  admin(user: AnyActor | null | undefined): Actor {
    assertIsAdmin(user);
    return user;
  },
  /** An admin, or the operator at the command line (recorded as no user). */
  adminOrCommandLine(user: AnyActor | null | undefined): Actor | typeof COMMAND_LINE {
    if (user === COMMAND_LINE) return user;
    assertIsAdmin(user);
    return user;
  },
  signIn(user: AnyActor | null | undefined): typeof SIGN_IN {
    if (user !== SIGN_IN) throw new ForbiddenError('Only the sign-in callback creates and updates accounts.');
    return user;
  },
};

/** The user id a write records: null for the command line. */
export function actorIdOf(actor: AnyActor): number | null {
  return typeof actor === 'symbol' ? null : actor.id;
}
