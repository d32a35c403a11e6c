import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { changeUserRole } from './users/admin-users';
import { parseInput } from '../rules/validation';
import { changeUserRoleSchema } from './users/schemas';
import { COMMAND_LINE } from '../rules/permissions';

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
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map(
    (row) => row.integrity_check,
  );
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
  return { integrity, foreignKeys, ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0 };
}

/**
 * Sets a user's role from the command line (the first admin of a new install
 * has nobody to promote them), through the same command as the admin page.
 */
export function setUserRoleByEmail(
  conn: Connection,
  email: string,
  role: string,
): { id: number; from: Role; to: Role } {
  // The role is checked first, with the command's own rule, so a typo is named before any lookup.
  parseInput(changeUserRoleSchema.pick({ role: true }), { role });
  const normalized = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(normalized)) throw new OperationError(`email "${email}" is not an email address`);
  const user = conn.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`)
    .get();
  if (!user) throw new OperationError(`no user with email ${normalized}; they must sign in once first`);
  const { before, user: updated } = changeUserRole(
    COMMAND_LINE,
    { userId: user.id, role, reason: 'set at the command line (npm run user:role)' },
    { db: conn.db },
  );
  return { id: updated.id, from: before.role, to: updated.role };
}
