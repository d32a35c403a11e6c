import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { migrationTimes } from '@/db/migrate';
import { users, type Role } from '@/db/schema';
import { changeUserRole } from './users/admin-users';
import { parseInput } from '../rules/validation';
import { changeUserRoleSchema } from './users/schemas';
import { COMMAND_LINE } from '../rules/permissions';
import { runningServerPid, serverPidFileOf } from './server-pid';

export class OperationError extends Error {
  override name = 'OperationError';
}

/** Flushes a file (or a directory's entries) to the disk, so a rename that follows survives a power cut. */
function syncToDisk(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot open or sync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a consistent copy of a live database. `VACUUM INTO` copies one read
 * snapshot while writers carry on (WAL), whereas the page-by-page backup API
 * restarts on every write from another connection and may never finish on a
 * busy site. The copy is a single compacted file with no -wal. It is written
 * as `<target>.partial` and renamed when complete, so a backup killed half way
 * never leaves a truncated file under the name the operator asked for.
 */
export function backupDatabase(conn: Connection, target: string): string {
  const resolved = path.resolve(target);
  if (resolved === conn.path) throw new OperationError('backup target must not be the database itself');
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir)) throw new OperationError(`backup target directory ${dir} does not exist`);
  if (fs.existsSync(resolved)) throw new OperationError(`backup target ${resolved} already exists; choose a new file`);
  const partial = `${resolved}.partial`;
  // Left by a backup that was killed: VACUUM INTO refuses a file that exists.
  fs.rmSync(partial, { force: true });
  try {
    conn.sqlite.prepare('VACUUM INTO ?').run(partial);
    syncToDisk(partial);
    fs.renameSync(partial, resolved);
    syncToDisk(dir);
  } finally {
    fs.rmSync(partial, { force: true });
  }
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

function sqliteCodeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** Tables every Mesh Matrix database has had since its first migration. */
const MESH_MATRIX_TABLES = ['__drizzle_migrations', 'meshes', 'mesh_versions', 'features', 'revisions', 'cell_heads'];

/**
 * Checks a backup before it replaces anything: SQLite's integrity and
 * foreign-key checks, that it is a Mesh Matrix database, and that this code
 * knows every migration it records (an older backup is migrated at the next
 * start; a newer one would be misread). Returns how many migrations the next
 * start will apply. `shown` is the name the operator typed.
 */
export function checkBackupFile(file: string, shown: string): { migrationsToApply: number } {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    const report = checkDatabase(sqlite);
    if (report.integrity.length !== 1 || report.integrity[0] !== 'ok')
      throw new OperationError(`backup ${shown} fails SQLite's integrity check (${report.integrity[0]})`);
    const tables = new Set(
      (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const missing = MESH_MATRIX_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0)
      throw new OperationError(`backup ${shown} is not a Mesh Matrix database (no table ${missing.join(', ')})`);
    if (report.foreignKeys.length > 0)
      throw new OperationError(`backup ${shown} fails the foreign-key check (${report.foreignKeys.length} problem(s))`);
    const recorded = sqlite.prepare('SELECT max(created_at) AS last FROM "__drizzle_migrations"').get() as {
      last: number | null;
    };
    const known = migrationTimes();
    const last = Number(recorded.last ?? 0);
    if (last > Math.max(0, ...known))
      throw new OperationError(
        `backup ${shown} was written by a newer Mesh Matrix (its migration of ${new Date(last).toISOString()} is unknown to this code); upgrade the code first`,
      );
    return { migrationsToApply: known.filter((millis) => millis > last).length };
  } catch (error) {
    if (error instanceof OperationError) throw error;
    const code = sqliteCodeOf(error);
    if (code === 'SQLITE_NOTADB') throw new OperationError(`backup ${shown} is not a SQLite database`);
    if (code.startsWith('SQLITE_CORRUPT'))
      throw new OperationError(`backup ${shown} is corrupt (${(error as Error).message})`);
    throw error;
  } finally {
    sqlite?.close();
  }
}

/**
 * Refuses while anything has the database open: a server's pid file (a server
 * holds no connection until its first request) and then SQLite's own locks
 * (any process with a connection, a server that lost its pid file or an
 * import). An exclusive lock is only granted when no other connection exists;
 * closing the probe also folds a crashed server's -wal into the file.
 */
function assertNobodyUses(database: string): void {
  const pid = runningServerPid(database);
  if (pid !== null)
    throw new OperationError(
      `a server (pid ${pid}) is running on ${database}; stop it before restoring (if none runs, delete ${serverPidFileOf(database)})`,
    );
  if (!fs.existsSync(database)) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(database, { fileMustExist: true });
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    const code = sqliteCodeOf(error);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new OperationError(
        `another process has ${database} open (a server or a command such as an import); stop it before restoring`,
      );
    // A database too damaged to open is what a restore is for: it is kept aside as it is.
  } finally {
    probe?.close();
  }
}

export interface RestoreResult {
  database: string;
  bytes: number;
  /** Where the database that was replaced now is, or null when there was none. */
  keptAt: string | null;
  migrationsToApply: number;
}

/**
 * Puts a backup in place of the database. Nothing is touched until the copy
 * has passed checkBackupFile; the current database stays beside it as
 * `<database>.before-restore-<time>` (with its -wal, if a damaged file kept
 * one); the copy is written to a temporary file in the same directory, synced
 * and renamed over the database, so the path holds the old file or the whole
 * new one, never a half.
 */
export function restoreDatabase(databasePath: string, backupPath: string, now = new Date()): RestoreResult {
  const database = path.resolve(databasePath);
  const source = path.resolve(backupPath);
  if (!fs.existsSync(source)) throw new OperationError(`backup ${backupPath} does not exist`);
  if (!fs.statSync(source).isFile()) throw new OperationError(`backup ${backupPath} is not a file`);
  if (source === database) throw new OperationError(`backup ${backupPath} is the database itself; give a backup file`);
  // A backup from db:backup is one file; a file with a live -wal is a database someone copied while it ran.
  if (fs.existsSync(`${source}-wal`) && fs.statSync(`${source}-wal`).size > 0)
    throw new OperationError(
      `backup ${backupPath} has a write-ahead log beside it (${source}-wal), so the file alone is incomplete; make a backup with npm run db:backup`,
    );
  const dir = path.dirname(database);
  if (!fs.existsSync(dir)) throw new OperationError(`DATABASE_PATH: directory ${dir} does not exist`);
  assertNobodyUses(database);

  const temporary = path.join(dir, `.${path.basename(database)}.restoring-${process.pid}`);
  const leftovers = [temporary, `${temporary}-journal`, `${temporary}-wal`, `${temporary}-shm`];
  try {
    fs.copyFileSync(source, temporary);
    const { migrationsToApply } = checkBackupFile(temporary, backupPath);
    syncToDisk(temporary);
    let keptAt: string | null = null;
    if (fs.existsSync(database)) {
      keptAt = `${database}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      fs.copyFileSync(database, keptAt, fs.constants.COPYFILE_EXCL);
      if (fs.existsSync(`${database}-wal`)) fs.copyFileSync(`${database}-wal`, `${keptAt}-wal`);
      syncToDisk(keptAt);
    }
    // SQLite pairs a -wal with its database by name only: one left behind would be replayed into the restored file.
    fs.rmSync(`${database}-wal`, { force: true });
    fs.rmSync(`${database}-shm`, { force: true });
    fs.renameSync(temporary, database);
    syncToDisk(dir);
    return { database, bytes: fs.statSync(database).size, keptAt, migrationsToApply };
  } finally {
    for (const file of leftovers) fs.rmSync(file, { force: true });
  }
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
