import path from 'node:path';
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

/**
 * Applies drizzle-kit's migrations using drizzle's own bookkeeping table, but
 * inside the caller's IMMEDIATE transaction: `next build` prerenders in several
 * processes at once, and two of them must not both migrate a new file.
 */
export function applyMigrations(sqlite: Database.Database, folder = MIGRATIONS_FOLDER): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
  );
  const last = sqlite
    .prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1')
    .get() as { created_at: number } | undefined;
  let applied = 0;
  for (const migration of migrations) {
    if (last && Number(last.created_at) >= migration.folderMillis) continue;
    for (const statement of migration.sql) {
      if (statement.trim()) sqlite.exec(statement);
    }
    sqlite
      .prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)')
      .run(migration.hash, migration.folderMillis);
    applied++;
  }
  return applied;
}

/** When each of this code's migrations was made, oldest first: a database recording a later one was written by newer code. */
export function migrationTimes(folder = MIGRATIONS_FOLDER): number[] {
  return readMigrationFiles({ migrationsFolder: folder }).map((migration) => migration.folderMillis);
}
