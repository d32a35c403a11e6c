import 'server-only';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Pages the write connection may leave in the WAL before it checkpoints on its own. The checkpointer thread keeps the
 * WAL far below this; it only counts if that thread is gone.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 20_000;
const CHECKPOINT_EVERY_MS = 500;

// Plain CommonJS run by the worker: Next does not bundle it, so it loads better-sqlite3 from the app's node_modules.
const checkpointerSource = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const Database = createRequire(path.join(process.cwd(), 'package.json'))('better-sqlite3');
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy database skips this round; the next one catches up.
  }
}, workerData.everyMs);
`;

/**
 * The first SQLite with the fix for the WAL-reset bug (https://sqlite.org/wal.html#walresetbug): from 3.7.0 through
 * 3.51.2 a checkpoint on one connection racing a commit on another that resets the WAL can lose pages, and the
 * database is corrupt. A checkpointer thread beside the writer is exactly that pattern: the bench's large set, with
 * 3.51.2 (better-sqlite3 12.6), ended two runs of four with approvals answering "database disk image is malformed".
 */
export const WAL_RESET_FIXED_IN = [3, 51, 3] as const;

/** Whether an SQLite version string ("3.51.3") is at or after WAL_RESET_FIXED_IN. */
export function hasWalResetFix(version: string): boolean {
  const parts = version.split('.').map(Number);
  for (const [i, fixed] of WAL_RESET_FIXED_IN.entries()) {
    const part = parts[i] ?? 0;
    if (!Number.isInteger(part)) return false;
    if (part !== fixed) return part > fixed;
  }
  return true;
}

/** The version of the SQLite library a connection runs on. */
export function sqliteVersionOf(sqlite: Database.Database): string {
  return String(sqlite.prepare('SELECT sqlite_version()').pluck().get());
}

const store = globalThis as unknown as { meshMatrixCheckpointers?: Map<string, Worker> };

/**
 * Moves WAL checkpoints off the request path. SQLite checkpoints inside the commit that crosses wal_autocheckpoint
 * pages: every fifteenth approval on the large set paid for copying a thousand pages back and an fsync (the approval
 * tail). A PASSIVE checkpoint on another connection in its own thread never blocks readers or the writer.
 *
 * Only on an SQLite with the WAL-reset fix (hasWalResetFix); on an older one the thread is not started and returns
 * false, and the caller leaves checkpoints to the writer's own connection, slower but safe.
 */
export function startWalCheckpointer(file: string, sqliteVersion: string): boolean {
  if (!hasWalResetFix(sqliteVersion)) return false;
  const running = (store.meshMatrixCheckpointers ??= new Map());
  if (running.has(file)) return true;
  const worker = new Worker(checkpointerSource, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  // Without it the backstop autocheckpoint does the work again, as before.
  worker.on('error', () => running.delete(file));
  worker.on('exit', () => running.delete(file));
  running.set(file, worker);
  return true;
}

/**
 * Stops every checkpointer thread; their connections close as their threads end. Called before the site's own
 * connection closes at shutdown (closeConnection, lib/server/db.ts): only the last connection to close folds the WAL
 * back into the database and removes it.
 */
export async function stopWalCheckpointers(): Promise<void> {
  const running = store.meshMatrixCheckpointers;
  if (!running) return;
  const workers = [...running.values()];
  running.clear();
  await Promise.all(workers.map((worker) => worker.terminate()));
}
