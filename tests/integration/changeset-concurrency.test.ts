import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/client';
import { users, type User } from '@/db/schema';
import { proposeChangeset } from '@/lib/server/changesets/changesets';
import { getCellHead } from '@/lib/server/cells/cells';
import { resolveCell } from '@/lib/server/proposals/review';
import { roomyLimits } from '../support/proposing';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const workerScript = path.join(root, 'tests/support/changeset-worker.ts');

/** Every changeset changes these cells, from the same base: they overlap on all of them. */
const ROWS = ['open-source', 'production-ready', 'sidecar-proxy', 'sidecarless-mode', 'mtls'];
const CHANGESETS = 8;

interface Outcome {
  decisions: { id: number; approved: number[]; conflicts: number[]; ms: number }[];
  conflict: number;
  busy: number;
  other: string[];
}

function runWorker(
  dbPath: string,
  moderator: string,
  ids: number[],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=react-server', workerScript, dbPath, moderator, ids.join(',')], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

type Row = Record<string, unknown>;

describe('two moderators approving overlapping changesets at once', () => {
  let temp: TempDatabase;
  let conn: Connection | undefined;
  const outcomes: Outcome[] = [];
  const runs: { code: number | null; out: string; err: string }[] = [];
  let allProposals: number[] = [];

  beforeAll(async () => {
    temp = createTempDatabase();
    const insert = (values: typeof users.$inferInsert): User => temp.db.insert(users).values(values).returning().get();
    const authors = ['cora', 'cyril'].map((name) => insert({ name, email: `${name}@example.org` }));
    for (const name of ['mona', 'milo']) insert({ name, email: `${name}@example.org`, role: 'moderator' });
    const ids: number[] = [];
    for (let i = 0; i < CHANGESETS; i++) {
      const result = proposeChangeset(
        authors[i % authors.length]!,
        {
          title: `Istio 1.20 notes, reading ${i}`,
          sources: [{ url: `https://example.org/istio-1.20/${i}` }],
          rationale: 'concurrency test',
          changes: ROWS.map((feature) => {
            const { meshVersionId, featureId } = resolveCell('istio', '1.20', feature, temp.db);
            return {
              mesh: 'istio',
              version: '1.20',
              feature,
              support: (['yes', 'partial', 'no', 'unknown'] as const)[i % 4],
              note: `reading ${i}`,
              baseRevisionId: getCellHead(temp.db, meshVersionId, featureId)?.id ?? null,
            };
          }),
        },
        { db: temp.db, limits: roomyLimits },
      );
      ids.push(result.id);
      allProposals.push(...result.proposals);
    }
    temp.sqlite.close();
    // Opposite orders, so each worker reaches the other's first changesets while the other is still on them.
    const workers = [runWorker(temp.path, 'mona', ids), runWorker(temp.path, 'milo', [...ids].reverse())];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    fs.writeFileSync(`${temp.path}.go`, '');
    runs.push(...(await Promise.all(workers)));
    for (const run of runs) {
      const last = run.out.trim().split('\n').at(-1);
      if (last) outcomes.push(JSON.parse(last) as Outcome);
    }
    conn = openDatabase(temp.path);
  }, 120_000);

  afterAll(() => {
    if (conn?.sqlite.open) conn.sqlite.close();
    temp?.cleanup();
    allProposals = [];
  });

  const all = (sql: string) => conn!.sqlite.prepare(sql).all() as Row[];

  it('ran both moderators to the end without a busy database or an unexpected error', () => {
    expect(
      runs.map((r) => r.code),
      runs.map((r) => r.err).join('\n'),
    ).toEqual([0, 0]);
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(outcome.busy).toBe(0);
      expect(outcome.other).toEqual([]);
    }
  });

  it('decided each cell exactly once: one changeset’s value per cell approved, every other left pending as a conflict', () => {
    const approved = outcomes.flatMap((o) => o.decisions.flatMap((d) => d.approved));
    expect(new Set(approved).size).toBe(approved.length);
    expect(approved).toHaveLength(ROWS.length);
    expect(all("SELECT count(*) AS n FROM proposals WHERE status = 'approved'")[0]?.n).toBe(ROWS.length);
    expect(all("SELECT count(*) AS n FROM proposals WHERE status = 'pending'")[0]?.n).toBe(
      allProposals.length - ROWS.length,
    );
    // Each reported conflict is a pending proposal; nothing was lost between the two.
    const conflicts = new Set(outcomes.flatMap((o) => o.decisions.flatMap((d) => d.conflicts)));
    const pending = all("SELECT id FROM proposals WHERE status = 'pending'").map((r) => r.id as number);
    expect([...pending].every((id) => conflicts.has(id))).toBe(true);
  });

  it('published each approved cell once, and the heads hold the approved values', () => {
    expect(
      all(`SELECT p.id FROM proposals p LEFT JOIN revisions r ON r.proposal_id = p.id
           WHERE p.status = 'approved' GROUP BY p.id HAVING count(r.id) != 1`),
    ).toEqual([]);
    expect(
      all(`SELECT h.feature_id FROM cell_heads h JOIN proposals p ON p.result_revision_id = h.revision_id
           WHERE p.status = 'approved'`),
    ).toHaveLength(ROWS.length);
    expect(all('SELECT id FROM proposals WHERE reviewer_id = author_id')).toEqual([]);
  });

  it('kept one audit event per decision', () => {
    const decisions = outcomes.reduce((n, o) => n + o.decisions.length, 0);
    expect(all("SELECT count(*) AS n FROM audit_events WHERE action = 'changeset.decide'")[0]?.n).toBe(decisions);
  });
});
