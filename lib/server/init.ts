import type Database from 'better-sqlite3';
import { openDatabase, type Connection } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { seedDatabase, seedImportNames, type SeedResult } from './seed/seed-database';

export interface PrepareResult {
  migrationsApplied: number;
  seed: SeedResult;
}

/**
 * Brings a database file to the current schema and, when it has never been
 * seeded, loads the curated data set; one IMMEDIATE transaction, so
 * concurrent first starts wait for each other instead of racing.
 */
export function prepareDatabase(conn: Connection, options: { seed?: boolean } = {}): PrepareResult {
  const run = conn.sqlite.transaction((): PrepareResult => {
    const migrationsApplied = applyMigrations(conn.sqlite);
    const seed = options.seed === false ? { seeded: false, revisions: 0 } : seedDatabase(conn.db);
    if (options.seed !== false) seedImportNames(conn.db);
    return { migrationsApplied, seed };
  });
  // Seeding replays the table history (seconds, more on a busy machine): a second process starting at the same time
  // (build workers, a server beside a CLI) waits for it rather than failing after the usual busy timeout.
  const busyTimeout = conn.sqlite.pragma('busy_timeout', { simple: true }) as number;
  conn.sqlite.pragma('busy_timeout = 300000');
  let result: PrepareResult;
  try {
    result = run.immediate();
  } finally {
    conn.sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
  // Table rebuilds in migrations cannot switch foreign keys off inside a
  // transaction, so check them once afterwards.
  if (result.migrationsApplied > 0) assertForeignKeys(conn.sqlite);
  return result;
}

export function assertForeignKeys(sqlite: Database.Database): void {
  const problems = sqlite.pragma('foreign_key_check') as unknown[];
  if (problems.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(problems.slice(0, 3))}`);
}

export function openPreparedDatabase(file: string, options: { seed?: boolean } = {}): Connection {
  const conn = openDatabase(file);
  try {
    prepareDatabase(conn, options);
  } catch (error) {
    conn.sqlite.close();
    throw error;
  }
  return conn;
}
