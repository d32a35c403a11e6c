import 'server-only';
import { Worker } from 'node:worker_threads';

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

const store = globalThis as unknown as { meshMatrixCheckpointers?: Map<string, Worker> };

/**
 * Moves WAL checkpoints off the request path. SQLite checkpoints inside the commit that crosses wal_autocheckpoint
 * pages: every fifteenth approval on the large set paid for copying a thousand pages back and an fsync (the approval
 * tail). A PASSIVE checkpoint on another connection in its own thread never blocks readers or the writer.
 */
export function startWalCheckpointer(file: string): void {
  const running = (store.meshMatrixCheckpointers ??= new Map());
  if (running.has(file)) return;
  const worker = new Worker(checkpointerSource, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  // Without it the backstop autocheckpoint does the work again, as before.
  worker.on('error', () => running.delete(file));
  worker.on('exit', () => running.delete(file));
  running.set(file, worker);
}
