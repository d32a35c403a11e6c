import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { assertAdminRemains } from './last-admin';
import { auditEvents, users, type Role, roles } from '@/db/schema';

export class OperationError extends Error {
  override name = 'OperationError';
}

/**
 * Writes a consistent copy of a live database. `VACUUM INTO` copies one read
 * snapshot while writers carry on (WAL), whereas the page-by-page backup API
 * restarts on every write from another connection and may never finish on a
 * busy site. The copy is a single compacted file with no -wal.
 */
export function backupDatabase(conn: Connection, target: string): string {
  const resolved = path.resolve(target);
  if (resolved === conn.path) throw new OperationError('backup target must not be the database itself');
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir)) throw new OperationError(`backup target directory ${dir} does not exist`);
  if (fs.existsSync(resolved)) throw new OperationError(`backup target ${resolved} already exists; choose a new file`);
  conn.sqlite.prepare('VACUUM INTO ?').run(resolved);
  return resolved;
}

export interface CheckReport {
  integrity: string[];
  foreignKeys: unknown[];
  ok: boolean;
}

/** SQLite's own integrity and foreign-key checks. */
export function checkDatabase(sqlite: Database.Database): CheckReport {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
  return { integrity, foreignKeys, ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0 };
}

/**
 * Sets a user's role from the command line (the first admin of a new
 * install has nobody to promote them). The change is audit-logged with no actor,
 * and like the admin page it refuses to demote the last admin who is not banned.
 */
export function setUserRoleByEmail(conn: Connection, email: string, role: string): { id: number; from: Role; to: Role } {
  if (!(roles as readonly string[]).includes(role)) throw new OperationError(`role must be one of ${roles.join(', ')} (got "${role}")`);
  const normalized = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(normalized)) throw new OperationError(`email "${email}" is not an email address`);
  return conn.db.transaction(
    (tx) => {
      const user = tx.select().from(users).where(sql`lower(${users.email}) = ${normalized}`).get();
      if (!user) throw new OperationError(`no user with email ${normalized}; they must sign in once first`);
      if (user.role === role) throw new OperationError(`role: ${normalized} is already ${role}; nothing changed`);
      assertAdminRemains(tx, user, { role: role as Role, banned: user.banned });
      tx.update(users).set({ role: role as Role }).where(eq(users.id, user.id)).run();
      tx.insert(auditEvents)
        .values({ actorId: null, action: 'user.role', objectType: 'user', objectId: String(user.id), details: { from: user.role, to: role, via: 'cli' } })
        .run();
      return { id: user.id, from: user.role, to: role as Role };
    },
    { behavior: 'immediate' },
  );
}
