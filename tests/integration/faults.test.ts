import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Connection } from '@/db/client';
import { formStateFromError } from '@/lib/next/form-state';
import { answerRead, errorResponse } from '@/lib/next/http';
import { ServiceUnavailableError } from '@/lib/rules/errors';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { databaseFaultOf } from '@/lib/server/faults';
import { importHistory } from '@/lib/server/import/import-history';
import { importTable } from '@/lib/server/import/run-import';
import { openPreparedDatabase } from '@/lib/server/init';
import { checkDatabase } from '@/lib/server/operations';
import { approveProposal } from '@/lib/server/proposals/review';
import { seedDatabase } from '@/lib/server/seed/seed-database';
import { expectAppError, rejection } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { ISTIO_CB, ISTIO_MTLS, LINKERD_MTLS, type CellName } from '../support/lookups';
import { propose } from '../support/proposing';
import { createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

const tsx = path.resolve('node_modules/.bin/tsx');
const FULL_MESSAGE = /^The database is full; nothing was changed\. /;
const BUSY_MESSAGE = /^The database is busy with another change; nothing was changed\. /;

/** Fails the write that needs one more page, as a full disk does: every page the file has is in use. */
function fillDisk(db: TempDatabase): void {
  db.sqlite.exec('VACUUM');
  expect(db.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
  const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
  db.sqlite.pragma(`max_page_count = ${pages}`);
  expect(db.sqlite.pragma('max_page_count', { simple: true })).toBe(pages);
}

function freeDisk(db: TempDatabase): void {
  db.sqlite.pragma('max_page_count = 4294967294');
}

/** Five sources of the longest URL allowed: the revision an approval writes spills onto a page of its own. */
const longSources = Array.from({ length: 5 }, (_, i) => ({
  url: `https://example.org/${i}/${'x'.repeat(2000)}`,
  title: 't'.repeat(200),
}));

async function expect503(error: unknown, message: RegExp, retryAfter: number): Promise<void> {
  const fault = expectAppError(error, ServiceUnavailableError, 503);
  expect(fault.message).toMatch(message);
  expect(fault.code).toBe('unavailable');
  expect(fault.retryAfterSeconds).toBe(retryAfter);
  const response = errorResponse(fault, new Request('http://localhost/api/v1/proposals/1/approve', { method: 'POST' }));
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe(String(retryAfter));
  expect(await response.json()).toEqual({
    error: fault.message,
    code: 'unavailable',
    retryAfterSeconds: retryAfter,
  });
  expect(formStateFromError(fault, { id: '1' })).toMatchObject({ message: fault.message, values: { id: '1' } });
}

let logged: string[];
beforeAll(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
});
afterEach(() => {
  logged = [];
});
afterAll(() => vi.restoreAllMocks());

describe('databaseFaultOf', () => {
  const fault = (code: string) => databaseFaultOf(new Database.SqliteError(`sqlite said ${code}`, code));

  it('answers a full disk, a lock, an I/O error and an unwritable file with a 503, and logs each once', () => {
    expect(fault('SQLITE_FULL')).toMatchObject({
      status: 503,
      retryAfterSeconds: 60,
      message: expect.stringMatching(FULL_MESSAGE),
    });
    expect(fault('SQLITE_BUSY')).toMatchObject({
      status: 503,
      retryAfterSeconds: 5,
      message: expect.stringMatching(BUSY_MESSAGE),
    });
    expect(fault('SQLITE_BUSY_SNAPSHOT')).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect(fault('SQLITE_LOCKED')).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect(fault('SQLITE_IOERR_WRITE')).toMatchObject({ status: 503, retryAfterSeconds: 60 });
    expect(fault('SQLITE_READONLY_DBMOVED')).toMatchObject({ status: 503 });
    expect(logged.map((line) => JSON.parse(line).code)).toEqual([
      'SQLITE_FULL',
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_LOCKED',
      'SQLITE_IOERR_WRITE',
      'SQLITE_READONLY_DBMOVED',
    ]);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 'error',
      event: 'database_fault',
      message: 'sqlite said SQLITE_FULL',
    });
  });

  it('leaves everything else alone: a write past query_only is a bug (500), a constraint or plain error is not a fault', () => {
    expect(fault('SQLITE_READONLY')).toBeNull();
    expect(fault('SQLITE_CONSTRAINT_UNIQUE')).toBeNull();
    expect(fault('SQLITE_CORRUPT')).toBeNull();
    expect(databaseFaultOf(new Error('database is locked'))).toBeNull();
    expect(databaseFaultOf('SQLITE_BUSY')).toBeNull();
    expect(logged).toEqual([]);
  });

  it('a read in a route handler that meets a locked database answers 503 with Retry-After', async () => {
    const response = await answerRead(new Request('http://localhost/api/v1/matrix'), () => {
      throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await response.json()).code).toBe('unavailable');
  });
});

describe('the disk fills up', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('during an approval: 503 "the database is full", nothing changed; with room again the same approval goes through', async () => {
    const proposal = propose(db, { author: cast.alice, sources: longSources });
    fillDisk(db);
    const error = rejection(db, () => approveProposal(cast.mo, { id: proposal.id }, { db: db.db }));
    await expect503(error, FULL_MESSAGE, 60);
    expect(logged.some((line) => line.includes('"code":"SQLITE_FULL"'))).toBe(true);
    expect(checkDatabase(db.sqlite).ok).toBe(true);
    freeDisk(db);
    const approved = approveProposal(cast.mo, { id: proposal.id }, { db: db.db });
    expect(approved.id).toBe(proposal.id);
    expect(db.sqlite.prepare('SELECT status FROM proposals WHERE id = ?').get(proposal.id)).toEqual({
      status: 'approved',
    });
  });

  it('during an import: 503, not one of its revisions or releases written', async () => {
    const table = [
      '| Feature | Istio | Linkerd 2 |',
      '|---|---|---|',
      '| Current version | 1.99 | 2.99 |',
      '| mTLS | partial | partial |',
      '| Circuit Breaking | partial | partial |',
      '| Rate Limiting | partial | partial |',
      '| Retries | partial | partial |',
    ].join('\n');
    const input = { table, source: `https://example.org/${'t'.repeat(2000)}`, date: '2024-06-01' };
    fillDisk(db);
    const error = rejection(db, () => importTable(COMMAND_LINE, input, { db: db.db }));
    await expect503(error, FULL_MESSAGE, 60);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM mesh_versions WHERE label IN ('1.99', '2.99')").get()).toEqual({
      n: 0,
    });
    expect(checkDatabase(db.sqlite).ok).toBe(true);
    freeDisk(db);
    const report = importTable(COMMAND_LINE, input, { db: db.db });
    expect(report.written).toBe(true);
    expect(report.changes.length).toBeGreaterThan(0);
  });
});

describe('a writer holds the database past the busy timeout', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('the approval waits out the timeout, answers 503 with Retry-After and changes nothing; released, it succeeds', async () => {
    const proposal = propose(db, { author: cast.alice });
    const holder = new Database(db.path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      holder
        .prepare("INSERT INTO audit_events (action, object_type, object_id) VALUES ('test.hold', 'test', '1')")
        .run();
      db.sqlite.pragma('busy_timeout = 300');
      const started = performance.now();
      const error = rejection(db, () => approveProposal(cast.mo, { id: proposal.id }, { db: db.db }));
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      await expect503(error, BUSY_MESSAGE, 5);
      expect(logged.some((line) => line.includes('"code":"SQLITE_BUSY"'))).toBe(true);
      holder.exec('COMMIT');
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      db.sqlite.pragma('busy_timeout = 10000');
    }
    expect(checkDatabase(db.sqlite).ok).toBe(true);
    const approved = approveProposal(cast.mo, { id: proposal.id }, { db: db.db });
    expect(approved.id).toBe(proposal.id);
    expect(
      db.sqlite
        .prepare("SELECT count(*) AS n FROM audit_events WHERE action IN ('test.hold', 'proposal.approve')")
        .get(),
    ).toEqual({ n: 2 });
  });
});

/** Starts a tsx script in a process group of its own, so SIGKILL reaches tsx's node child too. */
function start(
  args: string[],
  env: Record<string, string> = {},
): ChildProcess & { exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(tsx, ['--conditions=react-server', ...args], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return Object.assign(child, { exited });
}

function killHard(child: ChildProcess): void {
  process.kill(-child.pid!, 'SIGKILL');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const count = (conn: Connection, query: string) => (conn.sqlite.prepare(query).get() as { n: number }).n;

/** What a restart must find after any crash: SQLite's checks pass and no decision is half-recorded. */
function expectRestartsClean(conn: Connection): void {
  expect(checkDatabase(conn.sqlite)).toMatchObject({ integrity: ['ok'], foreignKeys: [], ok: true });
  expect(
    count(
      conn,
      `SELECT count(*) AS n FROM proposals p WHERE p.status = 'approved'
         AND ((SELECT count(*) FROM revisions r WHERE r.proposal_id = p.id) <> 1
           OR p.result_revision_id IS NOT (SELECT id FROM revisions r WHERE r.proposal_id = p.id))`,
    ),
    'every approved proposal has exactly one revision',
  ).toBe(0);
  expect(
    count(
      conn,
      "SELECT count(*) AS n FROM revisions r JOIN proposals p ON p.id = r.proposal_id WHERE p.status <> 'approved'",
    ),
    'no undecided proposal has a revision',
  ).toBe(0);
  expect(
    count(
      conn,
      `SELECT count(*) AS n FROM cell_heads h WHERE h.revision_id <>
         (SELECT max(id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)`,
    ),
    'no head behind its newest revision',
  ).toBe(0);
}

describe('SIGKILL', () => {
  it('during an approval storm: the restart is clean, every approval is whole, and the storm finishes', async () => {
    const db = createTempDatabase();
    try {
      const cast = createCast(db);
      const cells: CellName[] = [ISTIO_MTLS, ISTIO_CB, LINKERD_MTLS];
      db.sqlite.exec('BEGIN');
      for (let i = 0; i < 300; i++)
        propose(db, { author: i % 2 ? cast.alice : cast.bob, at: cells[i % cells.length], note: `storm ${i}` });
      db.sqlite.exec('COMMIT');
      db.sqlite.close();

      const killAfter = randomInt(5, 60);
      const child = start(['tests/support/fault-worker.ts', 'approve', db.path, String(cast.mo.id)]);
      let printed = 0;
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('approved ')).length;
      });
      await waitFor(() => printed >= killAfter, `${killAfter} approvals`);
      await sleep(randomInt(0, 20));
      killHard(child);
      expect(await child.exited).toBe('SIGKILL');
      const seen = printed;

      const conn = openPreparedDatabase(db.path);
      try {
        expectRestartsClean(conn);
        const approved = count(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'approved'");
        // Printed after each commit: at most the one in flight committed without its line.
        expect(approved, `killed after ${killAfter} lines`).toBeGreaterThanOrEqual(seen);
        expect(approved).toBeLessThanOrEqual(seen + 1);
        expect(approved, 'killed before the storm ended').toBeLessThan(300);
        for (const { id } of conn.sqlite.prepare("SELECT id FROM proposals WHERE status = 'pending'").all() as {
          id: number;
        }[])
          approveProposal(cast.mo, { id, overConflict: true }, { db: conn.db });
        expect(count(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'approved'")).toBe(300);
        expectRestartsClean(conn);
      } finally {
        conn.sqlite.close();
      }
    } finally {
      db.cleanup();
    }
  }, 30_000);

  it('during a backup: no half backup under the name asked for, the database intact, and the backup runs again', async () => {
    const db = createTempDatabase();
    try {
      // A few years of audit log: enough pages that VACUUM INTO takes a moment to write.
      db.sqlite
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
           INSERT INTO audit_events (action, object_type, object_id, details)
           SELECT 'test.history', 'proposal', i, json_object('comment', hex(randomblob(150))) FROM n`,
        )
        .run();
      db.sqlite.close();
      const target = path.join(db.dir, 'backup.db');
      const partial = `${target}.partial`;

      const child = start(['lib/cli/backup.ts', target], { DATABASE_PATH: db.path });
      await waitFor(() => fs.existsSync(partial), 'the backup to start writing');
      await sleep(randomInt(0, 40));
      killHard(child);
      expect(await child.exited, 'killed while writing').toBe('SIGKILL');
      expect(fs.existsSync(target)).toBe(false);

      const conn = openPreparedDatabase(db.path);
      try {
        expectRestartsClean(conn);
        expect(count(conn, "SELECT count(*) AS n FROM audit_events WHERE action = 'test.history'")).toBe(100_000);
      } finally {
        conn.sqlite.close();
      }
      const again = spawnSync(tsx, ['--conditions=react-server', 'lib/cli/backup.ts', target], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: db.path },
      });
      expect(again.status, again.stderr).toBe(0);
      expect(fs.existsSync(partial)).toBe(false);
      const copy = openDatabase(target);
      try {
        expectRestartsClean(copy);
        expect(count(copy, "SELECT count(*) AS n FROM audit_events WHERE action = 'test.history'")).toBe(100_000);
      } finally {
        copy.sqlite.close();
      }
    } finally {
      db.cleanup();
    }
  }, 30_000);

  describe('during a history import (npm run import:history)', () => {
    const historyDir = path.resolve('../shared/data/servicemesh-es');
    let articles: TempDatabase;
    let manifest: string;
    let reference: { contents: Record<string, string>; imported: number };
    beforeAll(() => {
      // The seeded database already holds this history (the seed replays it), so an import there writes nothing:
      // start from the articles only, as a site that imports the table's history for the first time.
      articles = createTempDatabase({ seed: false });
      articles.db.transaction((tx) => seedDatabase(tx, { history: [] }));
      articles.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const versions = (
        JSON.parse(fs.readFileSync(path.join(historyDir, 'manifest.json'), 'utf8')) as {
          file: string;
          url: string;
          committedAt: string;
        }[]
      )
        .slice(0, 25)
        .map(({ file, url, committedAt }) => ({ file: path.join(historyDir, file), url, committedAt }));
      manifest = path.join(articles.dir, 'manifest.json');
      fs.writeFileSync(manifest, JSON.stringify(versions));
      // The same versions imported without a crash, on a copy, for the resumed import to match.
      const copy = path.join(articles.dir, 'reference.db');
      fs.copyFileSync(articles.path, copy);
      const conn = openDatabase(copy);
      try {
        const report = importHistory(
          COMMAND_LINE,
          { versions: versions.map((v) => ({ ...v, table: fs.readFileSync(v.file, 'utf8') })) },
          { db: conn.db },
        );
        expect(report.totals.problems).toBe(0);
        reference = { contents: snapshotContents(conn), imported: report.totals.imported };
      } finally {
        conn.sqlite.close();
      }
      expect(reference.imported).toBeGreaterThan(10);
    }, 120_000);
    afterAll(() => articles.cleanup());

    it('the restart is clean, each version is whole or absent, and the rerun resumes to what an uninterrupted import writes', async () => {
      const victim = path.join(articles.dir, 'victim.db');
      fs.copyFileSync(articles.path, victim);
      const killAfter = randomInt(2, 8);
      const child = start(['lib/cli/import-history.ts', manifest], { DATABASE_PATH: victim });
      const watcher = openDatabase(victim);
      let committed = 0;
      try {
        await waitFor(() => {
          committed = count(watcher, 'SELECT count(*) AS n FROM imports WHERE series IS NOT NULL');
          return committed >= killAfter;
        }, `${killAfter} versions`);
        await sleep(randomInt(0, 250));
      } finally {
        watcher.sqlite.close();
      }
      killHard(child);
      expect(await child.exited, 'killed during the import').toBe('SIGKILL');

      const conn = openPreparedDatabase(victim);
      let done: number;
      try {
        expectRestartsClean(conn);
        done = count(conn, 'SELECT count(*) AS n FROM imports WHERE series IS NOT NULL');
        expect(done).toBeGreaterThanOrEqual(committed);
        expect(done, `killed after ${killAfter} versions`).toBeLessThan(reference.imported);
        // Each version that committed wrote all it counted, and nothing of the one killed half way is left.
        expect(count(conn, "SELECT count(*) AS n FROM revisions WHERE kind = 'import'")).toBe(
          count(conn, 'SELECT coalesce(sum(revisions), 0) AS n FROM imports WHERE series IS NOT NULL'),
        );
      } finally {
        conn.sqlite.close();
      }

      const rerun = spawnSync(tsx, ['--conditions=react-server', 'lib/cli/import-history.ts', manifest, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: victim },
      });
      expect(rerun.status, rerun.stderr).toBe(0);
      const report = JSON.parse(rerun.stdout) as { totals: { imported: number; alreadyImported: number } };
      expect(report.totals.alreadyImported).toBe(done);
      expect(report.totals.imported).toBe(reference.imported - done);
      const resumed = openDatabase(victim);
      try {
        expectRestartsClean(resumed);
        expect(snapshotContents(resumed)).toEqual(reference.contents);
      } finally {
        resumed.sqlite.close();
      }
    }, 40_000);
  });
});
