import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagError, parseGenerateFlags } from '@/tests/bench/generate-large-cli';
import { openDatabase, type Connection } from '@/db/client';
import {
  DEFAULT_GENERATE_OPTIONS,
  generateLargeDatabase,
  verifyGeneratedDatabase,
  type GenerateOptions,
  type GenerateResult,
} from '@/tests/bench/generate-large';
import { prepareDatabase } from '@/lib/server/init';
import type { Source } from '@/db/schema';
import { NotFoundError } from '@/lib/rules/errors';
import { columnsPerPage, getMatrix, pageMatrixColumns } from '@/lib/server/matrix/matrix';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { isPublishableSourceList } from '@/lib/rules/sources';
import { compareReleases, sortReleases, type ReleaseLike } from '@/lib/rules/versions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'tests/bench/generate-large-cli.ts');

const SMALL: GenerateOptions = { meshes: 3, rows: 12, releases: 3, revisions: 2000, pending: 20, seed: 42 };
const FINGERPRINTED: [string, string][] = [
  ['meshes', 'id'],
  ['mesh_aliases', 'id'],
  ['mesh_versions', 'id'],
  ['categories', 'id'],
  ['features', 'id'],
  ['users', 'id'],
  ['accounts', 'id'],
  ['revisions', 'id'],
  ['cell_heads', 'mesh_version_id, feature_id'],
  ['proposals', 'id'],
  ['audit_events', 'id'],
  ['meta', 'key'],
];

interface Generated {
  conn: Connection;
  result: GenerateResult;
}

let dir: string;
let main: Generated;
let same: Generated;
let other: Generated;

function generate(name: string, options: GenerateOptions): Generated {
  const conn = openDatabase(path.join(dir, name));
  prepareDatabase(conn, { seed: false });
  return { conn, result: generateLargeDatabase(conn, options) };
}

function fingerprint(conn: Connection): Record<string, string> {
  return Object.fromEntries(
    FINGERPRINTED.map(([table, order]) => {
      const rows = conn.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().all();
      return [table, crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')];
    }),
  );
}

function scalar(conn: Connection, sql: string): number {
  return (conn.sqlite.prepare(sql).get() as { n: number }).n;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-matrix-generate-'));
  main = generate('main.db', SMALL);
  same = generate('same.db', SMALL);
  other = generate('other.db', { ...SMALL, seed: 43 });
});

afterAll(() => {
  for (const g of [main, same, other]) if (g?.conn.sqlite.open) g.conn.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('generateLargeDatabase', () => {
  it('passes foreign_key_check, integrity_check and its own invariant checks', () => {
    expect(main.conn.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(main.conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(main.conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(main.conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(verifyGeneratedDatabase(main.conn.sqlite)).toMatchObject({
      ok: true,
      foreignKeyProblems: [],
      integrity: ['ok'],
      invariantProblems: [],
    });
  });

  it('matches the requested sizes', () => {
    const { conn, result } = main;
    expect(scalar(conn, 'SELECT count(*) AS n FROM meshes')).toBe(SMALL.meshes);
    expect(scalar(conn, 'SELECT count(*) AS n FROM features')).toBe(SMALL.rows);
    expect(scalar(conn, 'SELECT count(*) AS n FROM mesh_versions')).toBe(SMALL.meshes * SMALL.releases);
    expect(scalar(conn, 'SELECT count(*) AS n FROM revisions')).toBe(SMALL.revisions);
    expect(scalar(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'pending'")).toBe(SMALL.pending);
    expect(result.counts.revisions).toBe(SMALL.revisions);
    expect(Object.values(result.counts.revisionsByKind).reduce((a, b) => a + b, 0)).toBe(SMALL.revisions);
    expect(result.counts.proposals.approved).toBe(
      scalar(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'approved'"),
    );
    expect(result.counts.auditEvents).toBe(scalar(conn, 'SELECT count(*) AS n FROM audit_events'));
    expect(
      JSON.parse(conn.sqlite.prepare("SELECT value FROM meta WHERE key = 'generator'").pluck().get() as string),
    ).toEqual(SMALL);
  });

  it('writes every kind of revision, and the audit trail of decisions', () => {
    const kinds = conn().prepare('SELECT DISTINCT kind FROM revisions ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['carry_forward', 'proposal', 'revert', 'seed']);
    const actions = conn().prepare('SELECT DISTINCT action FROM audit_events ORDER BY action').pluck().all();
    expect(actions).toEqual(['cell.revert', 'proposal.approve', 'proposal.create', 'proposal.reject']);
    // Proposal revisions name who wrote and who approved them.
    expect(
      scalar(
        main.conn,
        "SELECT count(*) AS n FROM revisions WHERE kind = 'proposal' AND (author_id IS NULL OR approver_id IS NULL)",
      ),
    ).toBe(0);
  });

  it('points every cell head at the newest revision of its cell', () => {
    const { conn } = main;
    const cells = scalar(
      conn,
      'SELECT count(*) AS n FROM (SELECT DISTINCT mesh_version_id, feature_id FROM revisions)',
    );
    expect(scalar(conn, 'SELECT count(*) AS n FROM cell_heads')).toBe(cells);
    expect(
      scalar(
        conn,
        `SELECT count(*) AS n FROM cell_heads h
         WHERE h.revision_id = (SELECT max(r.id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)`,
      ),
    ).toBe(cells);
  });

  it('chains each revision to the previous one of its cell, never going back in time', () => {
    const rows = conn()
      .prepare(
        'SELECT id, mesh_version_id AS v, feature_id AS f, parent_revision_id AS parent, created_at AS at FROM revisions ORDER BY id',
      )
      .all() as { id: number; v: number; f: number; parent: number | null; at: string }[];
    const last = new Map<string, { id: number; at: string }>();
    for (const row of rows) {
      const key = `${row.v}/${row.f}`;
      const previous = last.get(key);
      expect(row.parent).toBe(previous?.id ?? null);
      if (previous) expect(row.at >= previous.at).toBe(true);
      last.set(key, row);
    }
  });

  it('carries values forward from an older release of the same mesh and row', () => {
    const wrong = scalar(
      main.conn,
      `SELECT count(*) AS n FROM revisions r
       JOIN mesh_versions v ON v.id = r.mesh_version_id
       JOIN revisions o ON o.id = r.carried_from_revision_id
       JOIN mesh_versions ov ON ov.id = o.mesh_version_id
       WHERE r.kind = 'carry_forward' AND (o.feature_id <> r.feature_id OR ov.mesh_id <> v.mesh_id OR ov.id >= v.id OR o.kind = 'carry_forward' OR o.created_at > r.created_at)`,
    );
    expect(wrong).toBe(0);
    expect(
      scalar(
        main.conn,
        "SELECT count(*) AS n FROM revisions WHERE kind = 'carry_forward' AND carried_from_revision_id IS NULL",
      ),
    ).toBe(0);
  });

  it('gives every revision at least one http(s) source', () => {
    const all = conn().prepare('SELECT sources FROM revisions').pluck().all() as string[];
    expect(all).toHaveLength(SMALL.revisions);
    expect(all.filter((json) => !isPublishableSourceList(JSON.parse(json) as Source[]))).toEqual([]);
  });

  it('ties each approved proposal to exactly one revision, and no other proposal to any', () => {
    const { conn } = main;
    expect(scalar(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'approved'")).toBeGreaterThan(0);
    expect(scalar(conn, "SELECT count(*) AS n FROM proposals WHERE status = 'rejected'")).toBeGreaterThan(0);
    const approved = conn.sqlite
      .prepare(
        `SELECT p.id, p.result_revision_id AS result, (SELECT count(*) FROM revisions r WHERE r.proposal_id = p.id) AS revisions,
                (SELECT r.id FROM revisions r WHERE r.proposal_id = p.id) AS revision
         FROM proposals p WHERE p.status = 'approved'`,
      )
      .all() as { id: number; result: number; revisions: number; revision: number }[];
    for (const p of approved) {
      expect(p.revisions).toBe(1);
      expect(p.result).toBe(p.revision);
    }
    expect(
      scalar(
        conn,
        "SELECT count(*) AS n FROM proposals p WHERE p.status <> 'approved' AND (p.result_revision_id IS NOT NULL OR EXISTS (SELECT 1 FROM revisions r WHERE r.proposal_id = p.id))",
      ),
    ).toBe(0);
    // Pending proposals are based on a revision of their own cell.
    expect(
      scalar(
        conn,
        `SELECT count(*) AS n FROM proposals p LEFT JOIN revisions b ON b.id = p.base_revision_id
         WHERE p.status = 'pending' AND (b.id IS NULL OR b.mesh_version_id <> p.mesh_version_id OR b.feature_id <> p.feature_id)`,
      ),
    ).toBe(0);
  });

  it('labels releases in increasing order and creates them in that order', () => {
    const releases = conn()
      .prepare(
        'SELECT mesh_id AS mesh, label, released_on AS releasedOn, created_at AS namedOn FROM mesh_versions ORDER BY mesh_id, id',
      )
      .all() as (ReleaseLike & { mesh: number })[];
    for (let i = 1; i < releases.length; i++) {
      const [a, b] = [releases[i - 1]!, releases[i]!];
      if (a.mesh !== b.mesh) continue;
      expect(compareReleases(a, b)).toBeLessThan(0);
      expect(a.namedOn < b.namedOn).toBe(true);
    }
  });

  it('is deterministic: the same seed gives the same content, another seed different content', () => {
    const first = fingerprint(main.conn);
    expect(fingerprint(same.conn)).toEqual(first);
    const different = fingerprint(other.conn);
    for (const table of ['meshes', 'mesh_versions', 'features', 'revisions', 'proposals'])
      expect(different[table]).not.toBe(first[table]);
  });

  it('serves the read model: the matrix shows the newest release of every active mesh, and cell pages show history', () => {
    const db = main.conn.db;
    const active = conn().prepare("SELECT slug FROM meshes WHERE status = 'active' ORDER BY position").pluck().all();
    const matrix = getMatrix({}, db);
    expect(matrix.columns.map((c) => c.mesh.slug)).toEqual(active);
    for (const column of matrix.columns) {
      const releases = conn()
        .prepare(
          'SELECT v.label, v.released_on AS releasedOn, v.created_at AS namedOn FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ?',
        )
        .all(column.mesh.slug) as ReleaseLike[];
      expect(column.version.label).toBe(sortReleases(releases).at(-1)?.label);
    }
    expect(matrix.categories.length).toBeGreaterThan(0);
    expect(Object.keys(matrix.cells[active[0] as string] ?? {}).length).toBeGreaterThan(0);

    const busiest = conn()
      .prepare(
        `SELECT m.slug, v.label, f.slug AS feature, count(*) AS n, max(r.id) AS head FROM revisions r
         JOIN mesh_versions v ON v.id = r.mesh_version_id JOIN meshes m ON m.id = v.mesh_id JOIN features f ON f.id = r.feature_id
         GROUP BY r.mesh_version_id, r.feature_id ORDER BY n DESC, r.mesh_version_id, r.feature_id LIMIT 1`,
      )
      .get() as { slug: string; label: string; feature: string; n: number; head: number };
    const page = getCellPage(busiest.slug, busiest.label, busiest.feature, db);
    expect(page.history).toHaveLength(busiest.n);
    expect(page.current?.revisionId).toBe(busiest.head);
    expect(page.history[0]?.revisionId).toBe(busiest.head);
  });

  it('cuts a matrix too big for one page into pages of meshes, loading only the page asked for', () => {
    const wide = generate('wide.db', { meshes: 24, rows: 400, releases: 2, revisions: 12_000, pending: 10, seed: 7 });
    try {
      const full = getMatrix({}, wide.conn.db);
      const rows = full.categories.reduce((n, c) => n + c.features.length, 0);
      const size = columnsPerPage(rows);
      expect(size).toBeLessThan(full.columns.length);
      const pages: string[] = [];
      for (let n = 1; n <= Math.ceil(full.columns.length / size); n++) {
        const page = getMatrix({ columnPage: n }, wide.conn.db);
        expect(page.columnPage).toMatchObject({ page: n, total: full.columns.length });
        expect(page.columns.length).toBeLessThanOrEqual(size);
        expect(Object.keys(page.cells)).toEqual(page.columns.map((c) => c.mesh.slug));
        for (const column of page.columns) expect(page.cells[column.mesh.slug]).toEqual(full.cells[column.mesh.slug]);
        pages.push(...page.columns.map((c) => c.mesh.slug));
      }
      expect(pages).toEqual(full.columns.map((c) => c.mesh.slug));
      expect(() => getMatrix({ columnPage: Math.ceil(full.columns.length / size) + 1 }, wide.conn.db)).toThrow(
        NotFoundError,
      );
      expect(pageMatrixColumns(full, 2)?.columns).toEqual(full.columns.slice(size, 2 * size));
    } finally {
      wide.conn.sqlite.close();
    }
  });

  it('refuses to fill a database that already holds data', () => {
    expect(() => generateLargeDatabase(main.conn, SMALL)).toThrow(/already holds data/);
  });
});

function conn() {
  return main.conn.sqlite;
}

describe('parseGenerateFlags', () => {
  it('defaults to the documented sizes and path', () => {
    expect(parseGenerateFlags([])).toEqual({
      options: DEFAULT_GENERATE_OPTIONS,
      out: './data/large.db',
      force: false,
      help: false,
    });
    expect(DEFAULT_GENERATE_OPTIONS).toEqual({
      meshes: 40,
      rows: 300,
      releases: 15,
      revisions: 1_000_000,
      pending: 2000,
      seed: 42,
    });
  });

  it('reads every flag, in both spellings', () => {
    const flags = parseGenerateFlags([
      '--meshes',
      '5',
      '--rows=20',
      '--releases',
      '4',
      '--revisions',
      '999',
      '--pending',
      '0',
      '--seed',
      '7',
      '--out',
      '/tmp/x.db',
      '--force',
    ]);
    expect(flags).toEqual({
      options: { meshes: 5, rows: 20, releases: 4, revisions: 999, pending: 0, seed: 7 },
      out: '/tmp/x.db',
      force: true,
      help: false,
    });
  });

  it.each([
    [['--meshes', '0'], '--meshes'],
    [['--meshes', 'abc'], '--meshes'],
    [['--meshes', '501'], '--meshes'],
    [['--meshes', '1.5'], '--meshes'],
    [['--meshes'], '--meshes'],
    [['--rows', '5001'], '--rows'],
    [['--releases', '0'], '--releases'],
    [['--revisions', '-5'], '--revisions'],
    [['--revisions', '1e6'], '--revisions'],
    [['--pending', '1000001'], '--pending'],
    [['--seed', '4294967296'], '--seed'],
    [['--out', ''], '--out'],
    [['--frobnicate', '1'], '--frobnicate'],
    [['--meshes', '2', '--meshes', '3'], '--meshes'],
  ])('rejects %j naming %s', (argv, flag) => {
    expect(() => parseGenerateFlags(argv)).toThrow(FlagError);
    expect(() => parseGenerateFlags(argv)).toThrow(flag);
  });
});

describe('the db:generate-large command', () => {
  const run = (args: string[]) =>
    spawnSync(tsx, ['--conditions=react-server', cli, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    });
  const tiny = ['--meshes', '2', '--rows', '5', '--releases', '2', '--revisions', '100', '--pending', '3'];

  it('writes a checked database, and refuses to overwrite it without --force', () => {
    const out = path.join(dir, 'cli.db');
    const first = run([...tiny, '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('foreign_key_check: ok');
    expect(first.stdout).toContain('integrity_check: ok');
    expect(first.stdout).toMatch(/100 revisions/);
    const size = fs.statSync(out).size;

    const again = run([...tiny, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(fs.statSync(out).size).toBe(size);

    const forced = run([...tiny, '--seed', '9', '--out', out, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
  }, 60_000);

  it('exits 2 with one line naming the flag for bad input', () => {
    const bad = run(['--meshes', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--meshes');

    const missingDir = run([...tiny, '--out', path.join(dir, 'no-such-dir', 'x.db')]);
    expect(missingDir.status).toBe(2);
    expect(missingDir.stderr).toMatch(/--out: directory .* does not exist/);
  }, 60_000);
});
