import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { generateLargeDatabase } from '@/tests/bench/generate-large';
import { prepareDatabase } from '@/lib/server/init';
import { planPublicQueries, type PlannedQuery } from '../support/query-plans';

let dir: string;
let plans: PlannedQuery[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-plans-'));
  const conn = openDatabase(path.join(dir, 'plans.db'));
  prepareDatabase(conn, { seed: false });
  generateLargeDatabase(conn, { meshes: 4, rows: 30, releases: 3, revisions: 5000, pending: 50, seed: 7 });
  conn.sqlite.close();
  plans = planPublicQueries(path.join(dir, 'plans.db'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('query plans of the public pages', () => {
  it('cover every public read model', () => {
    const views = new Set(plans.map((p) => p.view));
    for (const view of [
      '/',
      '/?at=2020-06-01',
      '/meshes/{slug}',
      '/meshes/{slug}/{version}/{feature}',
      '/meshes/{slug}/compare',
      '/changes',
      '/?sparse=1',
      '/about/data',
    ]) {
      expect(views).toContain(view);
    }
  });

  it('never scan the whole revisions table', () => {
    expect(plans.filter((p) => p.scansRevisions).map((p) => `${p.view}: ${p.plan.join(' | ')}`)).toEqual([]);
  });
});
