import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { openPreparedDatabase } from '@/lib/server/init';
import { checkDatabase } from '@/lib/server/operations';
import { approveProposal } from '@/lib/server/proposals/review';
import { runningServerPid, serverPidFileOf } from '@/lib/server/server-pid';
import { createCast, type Cast } from '../support/cast';
import { propose } from '../support/proposing';
import { cli, tsx } from '../support/cli';
import { createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

/** The contents of a database file, read by a connection opened and closed here so the file is left unlocked. */
function contentsOf(file: string): Record<string, string> {
  const conn = openDatabase(file);
  try {
    return snapshotContents(conn);
  } finally {
    conn.sqlite.close();
  }
}

const asides = (db: TempDatabase) => fs.readdirSync(db.dir).filter((name) => name.includes('.before-restore-'));

let db: TempDatabase;
let cast: Cast;
let backup: string;
beforeAll(() => {
  db = createTempDatabase();
  cast = createCast(db);
  db.db.insert(users).values({ name: 'in-the-backup', email: 'in-the-backup@example.org' }).run();
  backup = path.join(db.dir, 'backup.db');
  db.sqlite.close();
  const written = cli('backup', [backup], db.path);
  expect(written.status, written.stderr.join('\n')).toBe(0);
});
afterAll(() => db.cleanup());

describe('npm run db:restore', () => {
  it('brings the backup back: a change made since is gone, the database it replaced kept aside', () => {
    const conn = openDatabase(db.path);
    const proposal = propose({ ...db, ...conn }, { author: cast.alice });
    approveProposal(cast.mo, { id: proposal.id }, { db: conn.db });
    conn.db.insert(users).values({ name: 'after-the-backup', email: 'after@example.org' }).run();
    const changed = snapshotContents(conn);
    conn.sqlite.close();
    const backedUp = contentsOf(backup);
    expect(changed).not.toEqual(backedUp);

    const restored = cli('restore', [backup], db.path);
    expect(restored.status, restored.stderr.join('\n')).toBe(0);
    expect(restored.stdout[0]).toBe(`restored ${db.path} from ${backup} (${fs.statSync(db.path).size} bytes)`);
    expect(restored.stdout[1]).toMatch(/^ {2}the database it replaced is kept at .+\.before-restore-\d{4}-\d\d-\d\dT/);
    expect(fs.existsSync(`${db.path}-wal`) && fs.statSync(`${db.path}-wal`).size > 0).toBe(false);

    // The server's next start opens it as it opens any database.
    const after = openPreparedDatabase(db.path);
    try {
      expect(checkDatabase(after.sqlite).ok).toBe(true);
      const names = (after.sqlite.prepare('SELECT name FROM users').all() as { name: string }[]).map((u) => u.name);
      expect(names).toContain('in-the-backup');
      expect(names).not.toContain('after-the-backup');
      expect(after.sqlite.prepare('SELECT status FROM proposals WHERE id = ?').get(proposal.id)).toBeUndefined();
      expect(snapshotContents(after)).toEqual(backedUp);
    } finally {
      after.sqlite.close();
    }
    const kept = asides(db);
    expect(kept).toHaveLength(1);
    expect(contentsOf(path.join(db.dir, kept[0]!))).toEqual(changed);
  });

  describe('refuses, in one line with exit code 2, and touches nothing', () => {
    function expectRefused(args: string[], message: string | RegExp) {
      const before = contentsOf(db.path);
      const keptBefore = asides(db);
      const result = cli('restore', args, db.path);
      expect(result.status).toBe(2);
      expect(result.stderr).toHaveLength(1);
      if (typeof message === 'string') expect(result.stderr[0]).toBe(`mesh-matrix: ${message}`);
      else expect(result.stderr[0]).toMatch(message);
      expect(contentsOf(db.path)).toEqual(before);
      expect(asides(db)).toEqual(keptBefore);
      expect(fs.readdirSync(db.dir).filter((name) => name.includes('.restoring-'))).toEqual([]);
    }

    it('no file, or a file that is not there', () => {
      expectRefused([], /^mesh-matrix: usage: npm run db:restore -- <backup file/);
      const missing = path.join(db.dir, 'no-such-backup.db');
      expectRefused([missing], `backup ${missing} does not exist`);
    });

    it('a file that is not a database', () => {
      const text = path.join(db.dir, 'notes.txt');
      fs.writeFileSync(text, 'not a database, just some notes\n'.repeat(200));
      expectRefused([text], `backup ${text} is not a SQLite database`);
    });

    it('a corrupt database', () => {
      const corrupt = path.join(db.dir, 'corrupt.db');
      fs.copyFileSync(backup, corrupt);
      const pageSize = fs.readFileSync(corrupt).readUInt16BE(16);
      const fd = fs.openSync(corrupt, 'r+');
      // Scribble over a few pages in the middle of the file, past the schema on page 1.
      fs.writeSync(fd, Buffer.alloc(pageSize * 3, 0x5a), 0, pageSize * 3, pageSize * 20 + 8);
      fs.closeSync(fd);
      expectRefused(
        [corrupt],
        /^mesh-matrix: backup .*corrupt\.db (fails SQLite's integrity check|is corrupt) \(.+\)$/,
      );
    });

    it('a SQLite database that is not a Mesh Matrix one', () => {
      const other = path.join(db.dir, 'other.db');
      const sqlite = new Database(other);
      sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1)');
      sqlite.close();
      expectRefused(
        [other],
        `backup ${other} is not a Mesh Matrix database (no table __drizzle_migrations, meshes, mesh_versions, features, revisions, cell_heads)`,
      );
    });

    it('a backup from newer code, whose migrations this code does not know', () => {
      const newer = path.join(db.dir, 'newer.db');
      fs.copyFileSync(backup, newer);
      const sqlite = new Database(newer);
      sqlite
        .prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)')
        .run('future', 4102444800000);
      sqlite.close();
      expectRefused(
        [newer],
        `backup ${newer} was written by a newer Mesh Matrix (its migration of 2100-01-01T00:00:00.000Z is unknown to this code); upgrade the code first`,
      );
    });

    it('a backup that fails the foreign-key check', () => {
      const broken = path.join(db.dir, 'broken.db');
      fs.copyFileSync(backup, broken);
      const sqlite = new Database(broken);
      sqlite.pragma('foreign_keys = OFF');
      sqlite.prepare('INSERT INTO mesh_aliases (mesh_id, slug, name) VALUES (99999, ?, ?)').run('ghost', 'Ghost');
      sqlite.close();
      expectRefused([broken], `backup ${broken} fails the foreign-key check (1 problem(s))`);
    });

    it('while a server runs on the database; a pid file left by a killed server does not block', async () => {
      const server = spawn(tsx, ['--conditions=react-server', 'tests/support/fault-worker.ts', 'serve'], {
        env: { ...process.env, DATABASE_PATH: db.path },
        detached: true,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        server.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      try {
        await new Promise<void>((resolve, reject) => {
          server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
          server.on('exit', () => reject(new Error('the server exited before it was ready')));
        });
        const pidFile = serverPidFileOf(db.path);
        const pid = Number(fs.readFileSync(pidFile, 'utf8'));
        expect(pid).toBeGreaterThan(0);
        expectRefused(
          [backup],
          `a server (pid ${pid}) is running on ${db.path}; stop it before restoring (if none runs, delete ${pidFile})`,
        );
        // Killed, it cannot remove its pid file; the pid names no process any more.
        process.kill(-server.pid!, 'SIGKILL');
        expect(await exited).toBe('SIGKILL');
        // tsx's node child, which wrote the file, dies a moment after tsx itself.
        const deadline = Date.now() + 5000;
        while (runningServerPid(db.path) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(runningServerPid(db.path)).toBeNull();
        expect(fs.existsSync(pidFile)).toBe(true);
        const restored = cli('restore', [backup], db.path);
        expect(restored.status, restored.stderr.join('\n')).toBe(0);
      } finally {
        if (server.exitCode === null && server.signalCode === null) process.kill(-server.pid!, 'SIGKILL');
      }
    }, 30_000);

    it('a stopped server removes its pid file', async () => {
      const server = spawn(tsx, ['--conditions=react-server', 'tests/support/fault-worker.ts', 'serve'], {
        env: { ...process.env, DATABASE_PATH: db.path },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve) =>
        server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()),
      );
      expect(fs.existsSync(serverPidFileOf(db.path))).toBe(true);
      // tsx passes SIGTERM on to the script, which exits the way Next does.
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(serverPidFileOf(db.path))).toBe(false);
    }, 30_000);

    it('while another process has the database open (a server without its pid file, an import)', () => {
      const holder = openDatabase(db.path);
      try {
        holder.sqlite.prepare('SELECT count(*) FROM meshes').get();
        expectRefused(
          [backup],
          `another process has ${db.path} open (a server or a command such as an import); stop it before restoring`,
        );
      } finally {
        holder.sqlite.close();
      }
    });
  });
});
