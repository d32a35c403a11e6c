import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { backupDatabase, checkDatabase } from '@/lib/server/operations';
import { users } from '@/db/schema';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { cli, tsx } from '../support/cli';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

let db: TempDatabase;
beforeAll(() => {
  db = createTempDatabase();
  db.db
    .insert(users)
    .values([
      { name: 'writer-1', email: 'writer-1@example.org', role: 'contributor' },
      { name: 'writer-2', email: 'writer-2@example.org', role: 'contributor' },
      { name: 'approver', email: 'approver@example.org', role: 'moderator' },
    ])
    .run();
});
afterAll(() => db.cleanup());

describe('db:backup', () => {
  it('writes a consistent copy while another process keeps writing', async () => {
    const dbPath = path.join(db.dir, 'test.db');
    const author = db.db
      .select()
      .from(users)
      .all()
      .find((u) => u.role === 'contributor')!;
    // Proposals on the cell the matrix shows: Kuma's newest release.
    const version = getMatrix({ meshes: ['kuma'] }, db.db).columns[0]!.version.label;
    for (let i = 0; i < 150; i++) {
      const head = getMatrix({ meshes: ['kuma'] }, db.db).cells.kuma?.['rate-limiting'];
      proposeCellChange(
        author,
        {
          mesh: 'kuma',
          version,
          feature: 'rate-limiting',
          support: 'yes',
          note: `backup ${i}`,
          sources: [{ url: `https://example.org/${i}` }],
          rationale: 'x',
          baseRevisionId: head?.revisionId ?? null,
        },
        { db: db.db, limits: { maxPending: 1e6, maxPerHour: 1e6 } },
      );
    }
    const approved = () =>
      (db.sqlite.prepare("SELECT count(*) AS n FROM proposals WHERE status = 'approved'").get() as { n: number }).n;
    // A separate process approves (and so writes) until the stop file appears.
    const writer = spawn(
      tsx,
      ['--conditions=react-server', 'tests/support/concurrency-worker.ts', dbPath, 'approve', '3'],
      { stdio: 'ignore' },
    );
    const finished = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    const started = Date.now();
    while (approved() === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const atStart = approved();
    expect(atStart).toBeGreaterThan(0);
    const target = path.join(db.dir, 'backup.db');
    backupDatabase(db, target);
    // The writer went on during and after the backup; wait for its next write rather than for a fixed time.
    const waitedFrom = Date.now();
    while (approved() === atStart && Date.now() - waitedFrom < 30_000) await new Promise((r) => setTimeout(r, 50));
    const afterBackup = approved();
    fs.writeFileSync(`${dbPath}.stop`, '');
    expect(await finished).toBe(0);
    expect(afterBackup).toBeGreaterThan(atStart);

    const copy = openDatabase(target);
    try {
      expect(checkDatabase(copy.sqlite).ok).toBe(true);
      const stale = copy.sqlite
        .prepare(
          `SELECT count(*) AS n FROM cell_heads h
           WHERE h.revision_id <> (SELECT max(id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)`,
        )
        .get() as { n: number };
      expect(stale.n).toBe(0);
      const unpaired = copy.sqlite
        .prepare(
          `SELECT count(*) AS n FROM proposals p WHERE p.status = 'approved' AND (SELECT count(*) FROM revisions r WHERE r.proposal_id = p.id) <> 1`,
        )
        .get() as { n: number };
      expect(unpaired.n).toBe(0);
      const copied = (
        copy.sqlite.prepare("SELECT count(*) AS n FROM proposals WHERE status = 'approved'").get() as { n: number }
      ).n;
      expect(copied).toBeGreaterThanOrEqual(atStart);
      expect(copied).toBeLessThanOrEqual(approved());
    } finally {
      copy.sqlite.close();
    }
  }, 60_000);

  it('refuses to overwrite a file or to run without a target, in one line', () => {
    const dbPath = path.join(db.dir, 'test.db');
    const existing = path.join(db.dir, 'exists.db');
    fs.writeFileSync(existing, '');
    const overwrite = cli('backup', [existing], dbPath);
    expect(overwrite.status).toBe(2);
    expect(overwrite.stderr).toEqual([`mesh-matrix: backup target ${existing} already exists; choose a new file`]);
    const usage = cli('backup', [], dbPath);
    expect(usage.status).toBe(2);
    expect(usage.stderr[0]).toMatch(/^mesh-matrix: usage: npm run db:backup/);
    const fresh = cli('backup', [path.join(db.dir, 'cli-backup.db')], dbPath);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout.at(-1)).toMatch(/^backup written to /);
  });
});

describe('db:check', () => {
  it('reports a healthy database', () => {
    const result = cli('check', [], path.join(db.dir, 'test.db'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  integrity_check: ok');
    expect(result.stdout).toContain('  foreign_key_check: ok');
  });

  it('reports foreign-key problems and exits 1', () => {
    const broken = path.join(db.dir, 'broken.db');
    fs.copyFileSync(path.join(db.dir, 'cli-backup.db'), broken);
    const conn = openDatabase(broken);
    conn.sqlite.pragma('foreign_keys = OFF');
    conn.sqlite.prepare('INSERT INTO mesh_aliases (mesh_id, slug, name) VALUES (99999, ?, ?)').run('ghost', 'Ghost');
    conn.sqlite.close();
    const result = cli('check', [], broken);
    expect(result.status).toBe(1);
    expect(result.stdout.join('\n')).toMatch(/foreign_key_check: 1 problem/);
  });

  it('refuses a missing file instead of creating an empty one', () => {
    const missing = path.join(db.dir, 'missing.db');
    const result = cli('check', [], missing);
    expect(result.status).toBe(2);
    expect(result.stderr).toEqual([`mesh-matrix: DATABASE_PATH: ${missing} does not exist`]);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
