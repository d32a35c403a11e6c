import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/client';
import { users, type User } from '@/db/schema';
import { ConflictError } from '@/lib/rules/errors';
import { listProposals } from '@/lib/server/proposals/proposals';
import { approveProposal, rejectProposal, resolveCell } from '@/lib/server/proposals/review';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const workerScript = path.join(root, 'tests/support/concurrency-worker.ts');

/** Must match the worker. */
const CELLS: [string, string, string][] = [
  ['istio', '1.16.1', 'mtls'],
  ['istio', '1.16.1', 'circuit-breaking'],
  ['linkerd', '2.12', 'mtls'],
];
const PROPOSERS = 2;
const APPROVERS = 3;
const PROPOSALS_PER_WORKER = 60;

interface Counts {
  ok: number;
  conflict: number;
  forbidden: number;
  busy: number;
  other: number;
  cellConflict: number;
  decided: number;
  overConflict: number;
  errors: string[];
}

interface WorkerRun {
  role: string;
  seed: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  counts?: Counts;
}

function runWorker(dbPath: string, role: 'propose' | 'approve', seed: number): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=react-server', workerScript, dbPath, role, String(seed)], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const run: WorkerRun = { role, seed, code, signal, stdout, stderr };
      const last = stdout.trim().split('\n').at(-1);
      try {
        if (last) run.counts = JSON.parse(last) as Counts;
      } catch {
        // left undefined; the test reports stdout and stderr
      }
      resolve(run);
    });
  });
}

type Row = Record<string, unknown>;

describe('several processes reviewing one SQLite file at once', () => {
  let temp: TempDatabase;
  let dbPath: string;
  let conn: Connection | undefined;
  const runs: WorkerRun[] = [];
  let initial: { revisions: number; perCell: Map<string, number> };
  const finalPass = { approved: 0, rejected: 0 };

  beforeAll(async () => {
    temp = createTempDatabase();
    dbPath = temp.path;
    const insert = (values: typeof users.$inferInsert) => temp.db.insert(users).values(values).returning().get();
    for (const name of ['cora', 'cyril', 'cleo']) insert({ name, email: `${name}@example.org` });
    for (const name of ['mona', 'milo', 'maud']) insert({ name, email: `${name}@example.org`, role: 'moderator' });
    const perCell = new Map<string, number>();
    for (const [mesh, label, feature] of CELLS) {
      const { meshVersionId, featureId } = resolveCell(mesh, label, feature, temp.db);
      const n = (
        temp.sqlite
          .prepare('SELECT count(*) AS n FROM revisions WHERE mesh_version_id = ? AND feature_id = ?')
          .get(meshVersionId, featureId) as { n: number }
      ).n;
      perCell.set(`${meshVersionId}:${featureId}`, n);
    }
    initial = {
      revisions: (temp.sqlite.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n,
      perCell,
    };
    temp.sqlite.close();

    const proposers = Array.from({ length: PROPOSERS }, (_, i) => runWorker(dbPath, 'propose', 11 + i));
    const approvers = Array.from({ length: APPROVERS }, (_, i) => runWorker(dbPath, 'approve', 21 + i));
    runs.push(...(await Promise.all(proposers)));
    // The proposers are done: tell the approvers to finish their round.
    fs.writeFileSync(`${dbPath}.stop`, '');
    runs.push(...(await Promise.all(approvers)));

    // Whatever is still pending: approve over the conflict or reject, alternately.
    conn = openDatabase(dbPath);
    const mods: User[] = conn.db
      .select()
      .from(users)
      .all()
      .filter((u) => u.role === 'moderator');
    const pending = listProposals(mods[0]!, { status: 'pending' }, conn.db);
    pending.forEach((proposal, i) => {
      const mod = mods[i % mods.length]!;
      if (i % 2 === 0) {
        approveProposal(mod, { id: proposal.id, overConflict: true }, { db: conn!.db });
        finalPass.approved++;
      } else {
        rejectProposal(mod, { id: proposal.id, reason: 'Outdated: the cell changed since' }, { db: conn!.db });
        finalPass.rejected++;
      }
    });
  }, 120_000);

  afterAll(() => {
    if (conn?.sqlite.open) conn.sqlite.close();
    temp?.cleanup();
  });

  const all = (sql: string, ...params: unknown[]) => conn!.sqlite.prepare(sql).all(...params) as Row[];
  const sum = (key: 'ok' | 'conflict' | 'forbidden' | 'busy' | 'other' | 'cellConflict' | 'decided', role?: string) =>
    runs.filter((r) => !role || r.role === role).reduce((n, r) => n + (r.counts?.[key] ?? 0), 0);

  it('ran every worker to the end, each reporting its counts', () => {
    expect(runs).toHaveLength(PROPOSERS + APPROVERS);
    for (const run of runs) {
      const where = `${run.role} worker ${run.seed}: exit ${run.code} ${run.signal ?? ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
      expect(run.code, where).toBe(0);
      expect(run.counts, where).toBeDefined();
      expect(run.counts?.errors, where).toEqual([]);
    }
  });

  it('never saw SQLITE_BUSY or an unexpected error', () => {
    expect(sum('busy'), JSON.stringify(runs.map((r) => r.counts))).toBe(0);
    expect(sum('other'), JSON.stringify(runs.map((r) => r.counts))).toBe(0);
    expect(sum('forbidden')).toBe(0);
  });

  it('recorded every proposal and approved some of them concurrently, with conflicts on the shared cells', () => {
    expect(sum('ok', 'propose')).toBe(PROPOSERS * PROPOSALS_PER_WORKER);
    expect(all('SELECT count(*) AS n FROM proposals')[0]?.n).toBe(PROPOSERS * PROPOSALS_PER_WORKER);
    expect(sum('ok', 'approve')).toBeGreaterThan(0);
    expect(sum('cellConflict', 'approve'), JSON.stringify(runs.map((r) => r.counts))).toBeGreaterThan(0);
    const approved = all("SELECT count(*) AS n FROM proposals WHERE status = 'approved'")[0]?.n;
    expect(approved).toBe(sum('ok', 'approve') + finalPass.approved);
  });

  it('left every proposal in exactly one valid, complete state', () => {
    expect(all("SELECT id, status FROM proposals WHERE status NOT IN ('approved', 'rejected')")).toEqual([]);
    expect(
      all(
        "SELECT id FROM proposals WHERE status = 'approved' AND (reviewer_id IS NULL OR decided_at IS NULL OR result_revision_id IS NULL)",
      ),
    ).toEqual([]);
    expect(
      all(
        "SELECT id FROM proposals WHERE status = 'rejected' AND (reviewer_id IS NULL OR decided_at IS NULL OR result_revision_id IS NOT NULL OR review_comment IS NULL)",
      ),
    ).toEqual([]);
    expect(all('SELECT id FROM proposals WHERE reviewer_id = author_id')).toEqual([]);
  });

  it('published each approved proposal exactly once, and nothing else', () => {
    expect(
      all(`SELECT p.id, count(r.id) AS n FROM proposals p LEFT JOIN revisions r ON r.proposal_id = p.id
           WHERE p.status = 'approved' GROUP BY p.id HAVING count(r.id) != 1`),
    ).toEqual([]);
    expect(
      all(`SELECT p.id, p.result_revision_id, r.id AS revision_id FROM proposals p JOIN revisions r ON r.proposal_id = p.id
           WHERE p.result_revision_id IS NOT r.id`),
    ).toEqual([]);
    expect(
      all(
        "SELECT r.id, p.status FROM revisions r JOIN proposals p ON p.id = r.proposal_id WHERE p.status != 'approved'",
      ),
    ).toEqual([]);
    expect(
      all(`SELECT r.id FROM revisions r JOIN proposals p ON p.id = r.proposal_id
           WHERE r.kind != 'proposal' OR r.author_id != p.author_id OR r.approver_id != p.reviewer_id
              OR r.mesh_version_id != p.mesh_version_id OR r.feature_id != p.feature_id
              OR r.support IS NOT p.support OR r.note IS NOT p.note OR r.sources != p.sources`),
    ).toEqual([]);
    const approved = all("SELECT count(*) AS n FROM proposals WHERE status = 'approved'")[0]?.n as number;
    expect(all('SELECT count(*) AS n FROM revisions')[0]?.n).toBe(initial.revisions + approved);
  });

  it('keeps every cell head on the newest revision of its cell, and every history a single chain', () => {
    expect(
      all(`SELECT h.mesh_version_id, h.feature_id, h.revision_id FROM cell_heads h
           WHERE h.revision_id != (SELECT max(r.id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)`),
    ).toEqual([]);
    expect(
      all(`SELECT DISTINCT r.mesh_version_id, r.feature_id FROM revisions r
           LEFT JOIN cell_heads h ON h.mesh_version_id = r.mesh_version_id AND h.feature_id = r.feature_id WHERE h.revision_id IS NULL`),
    ).toEqual([]);
    for (const [mesh, label, feature] of CELLS) {
      const { meshVersionId, featureId } = resolveCell(mesh, label, feature, conn!.db);
      const chain = all(
        'SELECT id, parent_revision_id FROM revisions WHERE mesh_version_id = ? AND feature_id = ? ORDER BY id',
        meshVersionId,
        featureId,
      );
      expect(chain.length).toBeGreaterThan(initial.perCell.get(`${meshVersionId}:${featureId}`)!);
      // No lost update: each revision's parent is the one before it in the same cell.
      chain.forEach((row, i) => {
        if (i > 0) expect(row.parent_revision_id, `revision ${String(row.id)}`).toBe(chain[i - 1]!.id);
      });
    }
  });

  it('leaves a sound database file', () => {
    expect(conn!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn!.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('still refuses a stale approval after the run', () => {
    const mods: User[] = conn!.db
      .select()
      .from(users)
      .all()
      .filter((u) => u.role === 'moderator');
    const decided = all("SELECT id FROM proposals WHERE status IN ('approved', 'rejected') ORDER BY id LIMIT 1")[0];
    expect(decided, 'the run decided at least one proposal').toBeDefined();
    expect(() =>
      approveProposal(mods[0]!, { id: decided!.id as number, overConflict: true }, { db: conn!.db }),
    ).toThrow(ConflictError);
  });
});
