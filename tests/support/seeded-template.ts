import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/db/client';
import { prepareDatabase } from '@/lib/server/init';

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: string;
  }
}

/**
 * Seeding replays the servicemesh.es history (seconds, not milliseconds), so
 * the suite seeds one database before any test file runs and every temporary
 * database starts as a copy of it; the seed itself has its own tests.
 */
export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-template-'));
  const file = path.join(dir, 'seeded.db');
  const conn = openDatabase(file);
  prepareDatabase(conn, { seed: true });
  conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  conn.sqlite.close();
  project.provide('seededTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
