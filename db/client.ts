import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database handle or an open transaction. */
export type Queryable = Db | Tx;

export interface Connection {
  sqlite: Database.Database;
  db: Db;
  path: string;
}

export const DEFAULT_DATABASE_PATH = './data/mesh-matrix.db';

/** A problem with DATABASE_PATH that the operator must fix; printed as one line, never a stack trace. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/**
 * Checks the directory before SQLite does, because SQLite's own message
 * ("unable to open database file") does not say which path or why.
 */
export function checkDatabasePath(file: string): string {
  if (file === ':memory:') return file;
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  if (path.resolve(file) === path.resolve(DEFAULT_DATABASE_PATH)) fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(dir)) {
    throw new DatabaseConfigError(
      `DATABASE_PATH: directory ${dir} does not exist (create it or point DATABASE_PATH at a writable location)`,
    );
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new DatabaseConfigError(`DATABASE_PATH: ${dir} is not a directory`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(resolved)) fs.accessSync(resolved, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new DatabaseConfigError(
      `DATABASE_PATH: ${fs.existsSync(resolved) ? resolved : dir} is not writable by this process`,
    );
  }
  return resolved;
}

/** Statements kept per connection; the site's queries are a few hundred texts, IN lists of varying length aside. */
export const STATEMENT_CACHE_SIZE = 512;

/**
 * Keeps prepared statements by SQL text, as drizzle prepares every query again each time it runs: compiling the SQL was
 * about half of what an approval's queries cost on the large data set. A statement comes back in its default mode
 * (drizzle switches some to raw arrays, a caller may pluck), and one still iterating is never handed out twice.
 */
export function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const found = kept.get(source);
    if (found && !found.busy) {
      kept.delete(source);
      kept.set(source, found);
      if (found.reader) found.raw(false).pluck(false).expand(false);
      return found;
    }
    const statement = prepare(source);
    if (found) return statement;
    kept.set(source, statement);
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}

export function openDatabase(file: string): Connection {
  const resolved = checkDatabasePath(file);
  const sqlite = new Database(resolved);
  cacheStatements(sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('synchronous = NORMAL');
  return { sqlite, db: drizzle(sqlite, { schema }), path: resolved };
}
