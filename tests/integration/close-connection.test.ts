import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeConnection, getConnection } from '@/lib/server/db';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

let db: TempDatabase;
const saved = { DATABASE_PATH: process.env.DATABASE_PATH, NEXT_RUNTIME: process.env.NEXT_RUNTIME };
beforeAll(() => {
  db = createTempDatabase();
  db.sqlite.close();
  // As under `next start`: the site's connection, with its checkpointer thread.
  Object.assign(process.env, { DATABASE_PATH: db.path, NEXT_RUNTIME: 'nodejs' });
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  db.cleanup();
});

it('a stopped server leaves one file: its checkpointer thread goes first, then its connection folds the WAL in', async () => {
  const { sqlite } = getConnection();
  const checkpointers = () =>
    (globalThis as { meshMatrixCheckpointers?: Map<string, unknown> }).meshMatrixCheckpointers;
  expect(checkpointers()?.has(db.path)).toBe(true);
  sqlite.pragma('query_only = OFF');
  sqlite.pragma('user_version = 7');
  expect(fs.statSync(`${db.path}-wal`).size).toBeGreaterThan(0);

  await closeConnection();
  expect(sqlite.open).toBe(false);
  expect(checkpointers()?.size ?? 0).toBe(0);
  expect(fs.existsSync(`${db.path}-wal`)).toBe(false);
});
