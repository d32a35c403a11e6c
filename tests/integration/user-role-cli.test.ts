/**
 * `npm run user:role`: the first admin of a new install, from the command line, through the same `changeUserRole`
 * command as the admin page (audit-logged with `via: cli`).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '@/db/schema';
import { cli } from '../support/cli';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

let db: TempDatabase;
beforeAll(() => {
  db = createTempDatabase();
  db.db
    .insert(users)
    .values([
      { name: 'writer-1', email: 'writer-1@example.org', role: 'contributor' },
      { name: 'first-admin', email: 'First.Admin@example.org', role: 'contributor' },
    ])
    .run();
});
afterAll(() => db.cleanup());

describe('user:role', () => {
  it('makes the first admin of a new install, audit-logged', () => {
    const result = cli('user-role', ['first.admin@example.org', 'admin'], path.join(db.dir, 'test.db'));
    expect(result.status, result.stderr.join('\n')).toBe(0);
    expect(result.stdout[0]).toMatch(/: contributor -> admin$/);
    const user = db.sqlite.prepare("SELECT role FROM users WHERE email = 'First.Admin@example.org'").get() as {
      role: string;
    };
    expect(user.role).toBe('admin');
    const audit = db.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.action === 'user.role');
    expect(audit.at(-1)?.details).toMatchObject({ from: 'contributor', to: 'admin', via: 'cli' });
  });

  it('names a bad role, a bad email and an unknown user in one line, changing nothing', () => {
    const dbPath = path.join(db.dir, 'test.db');
    const before = db.sqlite.prepare('SELECT id, role FROM users ORDER BY id').all();
    for (const [args, message] of [
      [['writer-1@example.org', 'overlord'], /role must be one of contributor, moderator, admin/],
      [['not-an-email', 'admin'], /is not an email address/],
      [['nobody@example.org', 'admin'], /no user with email nobody@example.org/],
      [['first.admin@example.org', 'admin'], /is already an admin/],
      [[], /usage: npm run user:role/],
    ] as const) {
      const result = cli('user-role', [...args], dbPath);
      expect(result.status).toBe(2);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(message);
    }
    expect(db.sqlite.prepare('SELECT id, role FROM users ORDER BY id').all()).toEqual(before);
  });
});
