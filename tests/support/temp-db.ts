import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Connection } from '@/db/client';
import { prepareDatabase } from '@/lib/server/init';

export interface TempDatabase extends Connection {
  dir: string;
  cleanup(): void;
}

/** A real SQLite file in a fresh temporary directory, migrated and (by default) seeded: a copy of the suite's seeded template. */
export function createTempDatabase(options: { seed?: boolean; migrate?: boolean } = {}): TempDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-test-'));
  const file = path.join(dir, 'test.db');
  const seeded = options.migrate !== false && options.seed !== false;
  if (seeded) fs.copyFileSync(inject('seededTemplate'), file);
  const conn = openDatabase(file);
  // On a copy of the seeded template this only checks that nothing is left to migrate or seed.
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

/** Row counts of every table, for a write that must add exactly so many rows; "changed nothing" compares contents instead. */
export function countRows(conn: Connection): Record<string, number> {
  const tables = conn.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (conn.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/**
 * A digest of every row of every table (in rowid order), to prove an
 * operation changed nothing at all: an UPDATE that keeps the row count passes
 * a count check but not this one.
 */
export function snapshotContents(conn: Connection): Record<string, string> {
  const tables = conn.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const hash = createHash('sha256');
      for (const row of conn.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate())
        hash.update(JSON.stringify(row));
      return [name, hash.digest('hex')];
    }),
  );
}
