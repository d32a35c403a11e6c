import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements, openDatabase } from '@/db/client';

/*
 * db/client.ts keeps prepared statements by SQL text. What could go wrong with a shared statement: a mode a caller
 * set (drizzle's raw arrays, a pluck) leaking to the next caller, two callers on one statement while it iterates, and
 * the cache growing without bound.
 */

function memory() {
  const sqlite = new Database(':memory:');
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')");
  return sqlite;
}

describe('statement cache', () => {
  it('hands out the same statement for the same SQL, in its default mode', () => {
    const sqlite = memory();
    cacheStatements(sqlite);
    const first = sqlite.prepare('SELECT id, name FROM t ORDER BY id');
    expect(first.raw().get()).toEqual([1, 'a']);
    const second = sqlite.prepare('SELECT id, name FROM t ORDER BY id');
    expect(second).toBe(first);
    expect(second.get()).toEqual({ id: 1, name: 'a' });
    second.pluck();
    expect(sqlite.prepare('SELECT id, name FROM t ORDER BY id').all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
  });

  it('prepares a fresh statement while the kept one is still iterating', () => {
    const sqlite = memory();
    cacheStatements(sqlite);
    const sql = 'SELECT name FROM t ORDER BY id';
    const seen: string[] = [];
    for (const row of sqlite.prepare(sql).iterate() as IterableIterator<{ name: string }>)
      seen.push(`${row.name}:${(sqlite.prepare(sql).all() as { name: string }[]).length}`);
    expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
  });

  it('keeps at most the given number of statements, dropping the least recently used', () => {
    const sqlite = memory();
    cacheStatements(sqlite, 2);
    const a = sqlite.prepare('SELECT 1');
    const b = sqlite.prepare('SELECT 2');
    expect(sqlite.prepare('SELECT 1')).toBe(a);
    sqlite.prepare('SELECT 3');
    expect(sqlite.prepare('SELECT 1')).toBe(a);
    expect(sqlite.prepare('SELECT 2')).not.toBe(b);
  });

  it('is on for every connection the app opens, and drizzle reads right through it', () => {
    const { sqlite, db } = openDatabase(':memory:');
    sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a')");
    const statement = sqlite.prepare('SELECT name FROM t');
    expect(sqlite.prepare('SELECT name FROM t')).toBe(statement);
    for (let i = 0; i < 3; i++) expect(db.all<{ name: string }>('SELECT name FROM t')).toEqual([{ name: 'a' }]);
    sqlite.close();
  });
});
