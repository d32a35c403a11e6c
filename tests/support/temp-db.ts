import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Connection } from '@/db/client';
import { prepareDatabase } from '@/lib/init';

export interface TempDatabase extends Connection {
  dir: string;
  cleanup(): void;
}

/** A real SQLite file in a fresh temporary directory, migrated and (by default) seeded. */
export function createTempDatabase(options: { seed?: boolean; migrate?: boolean } = {}): TempDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-test-'));
  const conn = openDatabase(path.join(dir, 'test.db'));
  if (options.migrate !== false) prepareDatabase(conn, { seed: options.seed !== false });
  return {
    ...conn,
    dir,
    cleanup() {
      if (conn.sqlite.open) conn.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table, to prove an operation changed nothing. */
export function snapshotCounts(conn: Connection): Record<string, number> {
  const tables = conn.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (conn.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
}
