import { expect } from 'vitest';
import type { AppError } from '@/lib/rules/errors';
import { snapshotContents, type TempDatabase } from './temp-db';

/** Everything a failed write could have touched: the contents of every table, with newest ids for readable diffs. */
export function snapshotState(db: TempDatabase) {
  const all = (query: string) => db.sqlite.prepare(query).all();
  return {
    contents: snapshotContents(db),
    meshes: all('SELECT * FROM meshes ORDER BY id'),
    versions: all('SELECT * FROM mesh_versions ORDER BY id'),
    proposals: all('SELECT * FROM proposals ORDER BY id'),
    heads: all('SELECT * FROM cell_heads ORDER BY mesh_version_id, feature_id'),
    maxRevisionId: (db.sqlite.prepare('SELECT max(id) AS id FROM revisions').get() as { id: number | null }).id,
    maxAuditId: (db.sqlite.prepare('SELECT max(id) AS id FROM audit_events').get() as { id: number | null }).id,
  };
}

/** Runs an operation that must fail and proves that it wrote nothing and left no transaction open. */
export function rejection(db: TempDatabase, run: () => unknown): unknown {
  const before = snapshotState(db);
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the operation should have thrown').toBeDefined();
  expect(snapshotState(db)).toEqual(before);
  expect(db.sqlite.inTransaction).toBe(false);
  return caught;
}

export function expectAppError<T extends AppError>(
  error: unknown,
  type: abstract new (...args: never[]) => T,
  status: number,
): T {
  expect(error).toBeInstanceOf(type);
  expect((error as T).status).toBe(status);
  return error as T;
}
