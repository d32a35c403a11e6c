import 'server-only';
import path from 'node:path';
import type { Connection, Db } from '@/db/client';
import { openPreparedDatabase } from '@/lib/server/init';
import { parseEnv } from './env';
import {
  BACKSTOP_AUTOCHECKPOINT_PAGES,
  sqliteVersionOf,
  startWalCheckpointer,
  stopWalCheckpointers,
} from './wal-checkpointer';

// Cached on globalThis so dev-mode module reloads reuse one connection.
const store = globalThis as unknown as {
  meshMatrixConnection?: Connection;
  meshMatrixCloseDatabase?: () => Promise<void>;
};

export function getConnection(): Connection {
  const wanted = path.resolve(parseEnv().DATABASE_PATH);
  const cached = store.meshMatrixConnection;
  if (cached && cached.path === wanted && cached.sqlite.open) return cached;
  if (cached?.sqlite.open) cached.sqlite.close();
  const connection = openPreparedDatabase(wanted);
  // Every write goes through a command (lib/server/command.ts), which lifts this for its transaction; anything else fails.
  connection.sqlite.pragma('query_only = ON');
  // Under Next, checkpoints run in their own thread (lib/server/wal-checkpointer.ts), not inside a request's commit.
  if (process.env.NEXT_RUNTIME === 'nodejs' && startWalCheckpointer(wanted, sqliteVersionOf(connection.sqlite)))
    connection.sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  store.meshMatrixConnection = connection;
  return connection;
}

/**
 * Closes the site's database at shutdown, checkpointer threads first: the last connection to close folds the WAL into
 * the database file and removes it, so a stopped server leaves one file, which can be copied as it is. A -wal left
 * beside a file is replayed into whatever file next has that name, a copied-over one included.
 */
export async function closeConnection(): Promise<void> {
  await stopWalCheckpointers();
  const connection = store.meshMatrixConnection;
  store.meshMatrixConnection = undefined;
  if (connection?.sqlite.open) connection.sqlite.close();
}

// The production server (lib/next/start-server.ts) is bundled apart from this module and finds it here.
store.meshMatrixCloseDatabase = closeConnection;

export function getDb(): Db {
  return getConnection().db;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `escape '\'`, so typed text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
