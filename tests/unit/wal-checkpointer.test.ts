import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  WAL_RESET_FIXED_IN,
  hasWalResetFix,
  sqliteVersionOf,
  startWalCheckpointer,
} from '@/lib/server/wal-checkpointer';

describe('the WAL checkpointer thread and the WAL-reset bug', () => {
  it('tells the versions with the fix from those without', () => {
    expect(WAL_RESET_FIXED_IN).toEqual([3, 51, 3]);
    for (const version of ['3.7.0', '3.46.1', '3.50.4', '3.51.0', '3.51.2', 'garbage', '3.x.9'])
      expect(hasWalResetFix(version), version).toBe(false);
    for (const version of ['3.51.3', '3.51.10', '3.52.0', '3.53.2', '3.100.0', '4.0.0'])
      expect(hasWalResetFix(version), version).toBe(true);
  });

  it('runs on an SQLite that has the fix, so the site gets its checkpointer thread', () => {
    // better-sqlite3 bundles its own SQLite: 12.6 shipped 3.51.2, which corrupted the large set's database under load.
    const sqlite = new Database(':memory:');
    try {
      const version = sqliteVersionOf(sqlite);
      expect(hasWalResetFix(version), `SQLite ${version}`).toBe(true);
    } finally {
      sqlite.close();
    }
  });

  it('starts no second connection on an SQLite without the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
    const file = path.join(dir, 'site.db');
    try {
      new Database(file).close();
      expect(startWalCheckpointer(file, '3.51.2')).toBe(false);
      const running = (globalThis as { meshMatrixCheckpointers?: Map<string, unknown> }).meshMatrixCheckpointers;
      expect(running?.has(file) ?? false).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
