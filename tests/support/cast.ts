import { users, type User } from '@/db/schema';
import type { TempDatabase } from './temp-db';

export function createUser(db: TempDatabase, values: Partial<typeof users.$inferInsert> & { name: string }): User {
  return db.db.insert(users).values(values).returning().get();
}

/** The people of the integration tests: contributors alice and Bob, moderators mo and mia, admin ada, banned moderator bert. */
export interface Cast {
  alice: User;
  bob: User;
  mo: User;
  mia: User;
  ada: User;
  bert: User;
}

export function createCast(db: TempDatabase): Cast {
  return {
    alice: createUser(db, { name: 'alice', email: 'alice@example.org' }),
    bob: createUser(db, { name: 'Bob', email: 'bob@example.org' }),
    mo: createUser(db, { name: 'mo', email: 'mo@example.org', role: 'moderator' }),
    mia: createUser(db, { name: 'mia', email: 'mia@example.org', role: 'moderator' }),
    ada: createUser(db, { name: 'ada', email: 'ada@example.org', role: 'admin' }),
    bert: createUser(db, {
      name: 'bert',
      email: 'bert@example.org',
      role: 'moderator',
      banned: true,
      banReason: 'abuse',
    }),
  };
}
