import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, type Revision } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import { BadRequestError, ForbiddenError, UnauthorizedError } from '@/lib/rules/errors';
import { importTable } from '@/lib/server/import/run-import';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { MAX_PASTE_BYTES } from '@/lib/server/import/schemas';
import { expectAppError, rejection, snapshotState } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { countRows, createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

const servicemeshEs = fs.readFileSync(path.resolve(process.cwd(), '../shared/seeds/000_85b1770fffa73aa2.txt'), 'utf8');
const wikipediaStyle = fs.readFileSync(
  path.resolve(process.cwd(), 'tests/fixtures/import/wikipedia-style.html'),
  'utf8',
);
const SERVICEMESH_ES = 'https://servicemesh.es';
const WIKIPEDIA = 'https://en.wikipedia.org/wiki/Comparison_of_service_meshes';

function versionId(db: TempDatabase, mesh: string, label: string): number | undefined {
  const row = db.sqlite
    .prepare('SELECT v.id FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ? AND v.label = ?')
    .get(mesh, label) as { id: number } | undefined;
  return row?.id;
}

function headOf(db: TempDatabase, mesh: string, label: string, feature: string): Revision | undefined {
  const featureId = (db.sqlite.prepare('SELECT id FROM features WHERE slug = ?').get(feature) as { id: number }).id;
  return getCellHead(db.db, versionId(db, mesh, label)!, featureId);
}

function revisionById(db: TempDatabase, id: number) {
  return db.sqlite.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as { kind: string; created_at: string };
}

const countOf = (db: TempDatabase, sql: string, ...params: unknown[]) =>
  (db.sqlite.prepare(sql).get(...params) as { n: number }).n;

describe('the servicemesh.es 2019 Markdown table onto the seeded database', () => {
  let db: TempDatabase;
  let cast: Cast;
  const input = (dryRun: boolean) => ({ table: servicemeshEs, source: SERVICEMESH_ES, date: '2019-11-01', dryRun });
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('dry run: maps every column and row, reports what it would change, and writes nothing', () => {
    const before = snapshotState(db);
    const report = importTable(cast.ada, input(true), { db: db.db });
    expect(snapshotState(db)).toEqual(before);
    expect(report).toMatchObject({
      dryRun: true,
      written: false,
      format: 'markdown',
      tableLine: 44,
      problems: [],
      newReleases: [],
    });
    expect(report.rows.filter((r) => !r.row)).toEqual([]);
    expect(report.columns.map((c) => [c.heading, c.mesh, c.release, c.releaseFrom])).toEqual([
      ['Istio', 'istio', '1.3', 'version row'],
      ['Linkerd 2', 'linkerd', '2.6', 'version row'],
      ['AWS App Mesh', 'aws-app-mesh', 'managed', 'newest release'],
      ['Consul', 'consul', '1.6', 'version row'],
      ['m√¶sh', 'traefik-mesh', '0.7', 'version row'],
      ['Kuma', 'kuma', '0.2', 'version row'],
    ]);
    expect(report.rows).toHaveLength(29);
    const rowFor = (heading: string) => report.rows.find((r) => r.heading === heading)?.row;
    expect(rowFor('"Golden Signal" Metrics Generation')).toBe('golden-signal-metrics');
    expect(rowFor('Integrated, pre-configured Prometheus')).toBe('prometheus-integration');
    expect(rowFor('Compatible Tracing-Backends')).toBe('distributed-tracing');
    expect(rowFor('Retry & Timeout')).toBe('retry-and-timeout');
    expect(rowFor('HTTP/1.1+')).toBe('http-1-1');
    expect(rowFor('Platform')).toBe('platforms');
    expect(report.categories.map((c) => c.heading)).toContain('Service Mesh Interface compatibility');
    expect(report.notes).toEqual(['line 44: row above the mesh names, ignored']);
    // 29 rows x 6 meshes: every cell is a change, unchanged, or empty.
    expect(report.changes.length + report.unchanged.length + report.emptyCells).toBe(29 * 6);
    expect(report.emptyCells).toBe(12);

    const change = (mesh: string, feature: string) =>
      report.changes.find((c) => c.mesh === mesh && c.feature === feature);
    // The seed's replay of the table's history already wrote a later version of this cell (2019-11-06); this older table says otherwise.
    expect(change('kuma', 'circuit-breaking')).toMatchObject({
      before: { support: 'no', note: 'Might be possible through manual configuration/templating of proxy.' },
      after: { support: 'no', text: null, note: 'might be possible through manual configuration/templating of proxy' },
      replacesNewer: true,
    });
    // The same value as the seed's history, which cites the table's commit on GitHub: the import adds this source.
    expect(change('linkerd', 'access-log-generation')).toMatchObject({
      line: 64,
      after: { support: 'no', text: null, note: 'tap-Feature instead' },
      sameValue: true,
      sources: [
        { url: SERVICEMESH_ES, title: 'Comparison table at servicemesh.es (2019-11-01)' },
        { url: 'https://linkerd.io/2/reference/cli/tap/', title: 'tap' },
      ],
    });
    // The New Stack (2020) wrote a newer value into this cell; the report says so.
    expect(change('aws-app-mesh', 'http-2')).toMatchObject({
      after: { support: 'partial', note: 'in preview' },
      before: { support: 'yes' },
      replacesNewer: true,
    });
    expect(change('consul', 'retry-and-timeout')).toMatchObject({
      after: {
        support: 'partial',
        note: 'Timeout yes, Retry no; might be possible through manual configuration/templating of proxy',
      },
      guessed: true,
    });
    expect(change('istio', 'load-balancing')).toMatchObject({
      after: { support: 'yes', note: 'Round Robin, Random, Least Connction' },
      sameValue: true,
      replacesNewer: false,
    });
    // The seed already holds these values from this very article (which cites https://servicemesh.es).
    const unchanged = report.unchanged.map((c) => `${c.mesh}@${c.label}/${c.feature}`);
    expect(unchanged).toEqual(
      expect.arrayContaining([
        'istio@1.3/license',
        'istio@1.3/mtls',
        'linkerd@2.6/developed-by',
        'kuma@0.2/tcp',
        'traefik-mesh@0.7/traffic-split',
      ]),
    );
    expect(report.changes).toHaveLength(44);
    expect(report.unchanged).toHaveLength(118);
  });

  it('a real import appends import revisions citing the source and the links in the cell, with one audit event', () => {
    const revisionsBefore = countOf(db, 'SELECT count(*) AS n FROM revisions');
    const headBefore = headOf(db, 'kuma', '0.2', 'circuit-breaking')!;
    const importsBefore = countOf(db, "SELECT count(*) AS n FROM revisions WHERE kind = 'import'");
    const report = importTable(cast.ada, input(false), { db: db.db });
    expect(report.written).toBe(true);
    expect(report.changes).toHaveLength(44);
    expect(countOf(db, 'SELECT count(*) AS n FROM revisions')).toBe(revisionsBefore + report.changes.length);
    expect(countOf(db, "SELECT count(*) AS n FROM revisions WHERE kind = 'import'")).toBe(
      importsBefore + report.changes.length,
    );

    const head = headOf(db, 'kuma', '0.2', 'circuit-breaking')!;
    expect(head).toMatchObject({
      kind: 'import',
      support: 'no',
      note: 'might be possible through manual configuration/templating of proxy',
      authorId: cast.ada.id,
      approverId: null,
      parentRevisionId: headBefore.id,
      // It replaces a different value the history recorded on another day, and says so.
      reason: expect.stringMatching(
        /^Imported from https:\/\/servicemesh\.es \(table as of 2019-11-01\)\. Corrects no from servicemesh\.es comparison table, CC BY 4\.0 .* \(2019-11-06\)$/,
      ),
      sources: [{ url: SERVICEMESH_ES, title: 'Comparison table at servicemesh.es (2019-11-01)' }],
    });
    // Dated when imported, so it follows its parent in the history.
    expect(head.createdAt >= revisionById(db, headBefore.id).created_at).toBe(true);
    expect(headOf(db, 'linkerd', '2.6', 'access-log-generation')!.sources).toEqual([
      { url: SERVICEMESH_ES, title: 'Comparison table at servicemesh.es (2019-11-01)' },
      { url: 'https://linkerd.io/2/reference/cli/tap/', title: 'tap' },
    ]);
    expect(headOf(db, 'aws-app-mesh', 'managed', 'http-2')).toMatchObject({
      kind: 'import',
      support: 'partial',
      note: 'in preview',
    });

    // The seed's replay of the table's history logged its own runs, with no actor.
    const events = db.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.action === 'import.run' && e.actorId !== null);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: cast.ada.id, objectType: 'import', objectId: SERVICEMESH_ES });
    expect(events[0]!.details).toMatchObject({
      date: '2019-11-01',
      revisions: report.changes.length,
      unchanged: report.unchanged.length,
      via: 'web',
    });
  });

  it('importing the same table from the same source again changes nothing', () => {
    const before = snapshotState(db);
    const report = importTable(cast.ada, input(false), { db: db.db });
    expect(report.written).toBe(false);
    expect(report.changes).toEqual([]);
    expect(report.unchanged).toHaveLength(29 * 6 - 12);
    expect(snapshotState(db)).toEqual(before);
  });
});

describe('an HTML table with category rows, links, empty cells and a release the version row names', () => {
  let db: TempDatabase;
  let cast: Cast;
  const input = (dryRun: boolean) => ({
    table: wikipediaStyle,
    source: WIKIPEDIA,
    date: '2024-02-01',
    title: 'Wikipedia: Comparison of service meshes',
    dryRun,
  });
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('dry run: reports the new release, the categories, the row it cannot map and the empty cells, and writes nothing', () => {
    const before = snapshotContents(db);
    const report = importTable(cast.ada, input(true), { db: db.db });
    expect(snapshotContents(db)).toEqual(before);
    expect(report.problems).toEqual([]);
    expect(report.format).toBe('html');
    expect(report.columns.map((c) => [c.mesh, c.release, c.newRelease])).toEqual([
      ['istio', '1.3', false],
      ['linkerd', '2.6', false],
      ['kuma', '2.6', true],
    ]);
    // First named by this 2024 table, 2.6 comes after 2.0, the newest release the seed knows.
    expect(report.newReleases).toEqual([{ mesh: 'kuma', meshName: 'Kuma', label: '2.6', carriedFrom: '2.0' }]);
    expect(report.categories.map((c) => c.heading)).toEqual(['Security', 'General']);
    expect(report.rows.filter((r) => !r.row)).toMatchObject([
      { line: 28, heading: 'Teleportation', status: 'unknown', reason: 'no row of this name' },
    ]);
    expect(report.emptyCells).toBe(2);
    expect(report.notes).toEqual([
      'Table caption: Feature comparison of service meshes',
      'Only the first <table> was read; later tables were ignored.',
    ]);
    const kumaAuthz = report.changes.find((c) => c.mesh === 'kuma' && c.feature === 'authorization-rules');
    // Kuma 2.0 says yes; the new release would carry that over, then the import says partial.
    expect(kumaAuthz).toMatchObject({
      label: '2.6',
      before: { support: 'yes' },
      after: { support: 'partial', note: null },
    });
  });

  it('the real import creates the release (carried over from 2.0) and imports on top; links become sources', () => {
    const report = importTable(cast.ada, input(false), { db: db.db });
    expect(report.written).toBe(true);
    expect(versionId(db, 'kuma', '2.6')).toBeDefined();
    const carried = headOf(db, 'kuma', '2.6', 'tcp')!;
    expect(carried.kind).toBe('carry_forward');
    expect(carried.carriedFromRevisionId).toBe(headOf(db, 'kuma', '2.0', 'tcp')!.id);
    const authz = headOf(db, 'kuma', '2.6', 'authorization-rules')!;
    expect(authz).toMatchObject({ kind: 'import', support: 'partial' });
    expect(revisionById(db, authz.parentRevisionId!).kind).toBe('carry_forward');
    expect(headOf(db, 'kuma', '2.6', 'license')).toMatchObject({ kind: 'import', text: 'Apache License 2.0' });
    // "-" in a text row and an empty cell leave the carried value alone.
    expect(headOf(db, 'kuma', '2.6', 'mtls')!.kind).toBe('carry_forward');

    const source = { url: WIKIPEDIA, title: 'Wikipedia: Comparison of service meshes' };
    expect(headOf(db, 'istio', '1.3', 'governance')).toMatchObject({
      text: 'Istio Steering Committee & CNCF',
      sources: [source, { url: 'https://www.cncf.io/', title: 'CNCF' }],
    });
    expect(headOf(db, 'linkerd', '2.6', 'governance')!.sources).toEqual([
      source,
      { url: 'https://en.wikipedia.org/projects/linkerd/', title: 'CNCF' },
    ]);
    expect(headOf(db, 'linkerd', '2.6', 'mtls')).toMatchObject({ kind: 'import', support: 'yes', note: 'not for TCP' });
    expect(headOf(db, 'istio', '1.3', 'mtls')).toMatchObject({
      kind: 'import',
      support: 'yes',
      note: null,
      sources: [source],
    });

    // The seed's own releases and history runs are logged with no actor.
    const actions = db.db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => (e.action === 'release.create' || e.action === 'import.run') && e.actorId !== null);
    expect(actions.map((e) => [e.action, e.objectId, e.actorId])).toEqual([
      ['release.create', 'kuma@2.6', cast.ada.id],
      ['import.run', WIKIPEDIA, cast.ada.id],
    ]);
    expect(actions[0]!.details).toMatchObject({ carriedFrom: '2.0', via: 'import' });
  });

  it('is a no-op the second time: the release exists and every cell already cites the source', () => {
    const before = snapshotState(db);
    const report = importTable(cast.ada, input(false), { db: db.db });
    expect(report).toMatchObject({ written: false, changes: [], newReleases: [] });
    expect(report.columns.find((c) => c.mesh === 'kuma')).toMatchObject({ release: '2.6', newRelease: false });
    expect(snapshotState(db)).toEqual(before);
  });
});

describe('tables the importer refuses: a clear report, nothing written', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  const problemsOf = (table: string) => {
    const before = snapshotState(db);
    const report = importTable(
      cast.ada,
      { table, source: 'https://example.org/table', date: '2024-01-01' },
      { db: db.db },
    );
    expect(report.written).toBe(false);
    expect(snapshotState(db)).toEqual(before);
    return report.problems.map((p) => p.message);
  };
  const md = (...lines: string[]) => lines.join('\n');

  it('no table', () => {
    expect(problemsOf('Istio and Linkerd both do mTLS.')).toEqual([
      'no table found: expected a Markdown pipe table (a header row, then a row like | --- | --- |) or an HTML <table>',
    ]);
  });

  it('ragged rows, by line', () => {
    expect(
      problemsOf(md('| Feature | Istio | Kuma |', '|---|---|---|', '| mTLS | yes | yes |', '| TCP | yes |')),
    ).toEqual(['line 4: the row has 2 cells where the header has 3']);
  });

  it('a table that names no known mesh has nothing to import, and says which names it could not place', () => {
    const before = snapshotState(db);
    const report = importTable(
      cast.ada,
      {
        table: md('| Language | Typing |', '|---|---|', '| Rust | static |'),
        source: 'https://example.org/t',
        date: '2024-01-01',
      },
      { db: db.db },
    );
    expect(report).toMatchObject({ problems: [], written: false, changes: [] });
    expect(report.columns).toMatchObject([{ heading: 'Typing', mesh: null, status: 'unknown' }]);
    expect(snapshotState(db)).toEqual(before);
  });

  it('two columns for the same release, a bad release label, a row given twice', () => {
    expect(
      problemsOf(
        md(
          '| Feature | Istio 1.3 | Istio | Kuma |',
          '|---|---|---|---|',
          '| Version | | 1.3 | 0.2 beta/2 |',
          '| mTLS | yes | yes | yes |',
          '| MTLS | no | no | no |',
        ),
      ),
    ).toEqual([
      'column 2 and column 3 both import into Istio 1.3',
      'line 3, column 4: "0.2 beta/2" is not a release label for Kuma (a label may contain letters, digits, dots, hyphens, underscores and plus signs)',
      'line 5: "MTLS" is the row "mTLS" again (first on line 4); keep one',
    ]);
  });

  it('unknown rows alone are no problem: they are listed and skipped', () => {
    const report = importTable(
      cast.ada,
      {
        table: md('| Feature | Istio 1.99 |', '|---|---|', '| Teleportation | yes |', '| mTLS | yes |'),
        source: 'https://example.org/t',
        date: '2024-01-01',
      },
      { db: db.db },
    );
    expect(report.problems).toEqual([]);
    expect(report.rows.filter((r) => !r.row)).toMatchObject([
      { line: 3, heading: 'Teleportation', status: 'unknown', reason: 'no row of this name' },
    ]);
    // The heading names the release; Istio 1.99 did not exist, so it is created after 1.20, the newest the seed knows.
    expect(report.newReleases).toEqual([{ mesh: 'istio', meshName: 'Istio', label: '1.99', carriedFrom: '1.20' }]);
    expect(headOf(db, 'istio', '1.99', 'mtls')).toMatchObject({ kind: 'import', support: 'yes' });
  });
});

describe('who may import, and bad input', () => {
  let db: TempDatabase;
  let cast: Cast;
  const valid = {
    table: '| Feature | Kuma |\n|---|---|\n| mTLS | yes |',
    source: 'https://example.org/t',
    date: '2024-01-01',
  };
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('refuses contributors, moderators, banned admins and the signed out, writing nothing', () => {
    expectAppError(
      rejection(db, () => importTable(cast.alice, valid, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => importTable(cast.mo, valid, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => importTable({ ...cast.ada, banned: true }, valid, { db: db.db })),
      ForbiddenError,
      403,
    );
    expectAppError(
      rejection(db, () => importTable(null, valid, { db: db.db })),
      UnauthorizedError,
      401,
    );
    expectAppError(
      rejection(db, () => importTable(null, { ...valid, dryRun: true }, { db: db.db })),
      UnauthorizedError,
      401,
    );
  });

  it('names each bad field', () => {
    const error = expectAppError(
      rejection(db, () =>
        importTable(cast.ada, { table: '  ', source: 'ftp://example.org', date: '2999-01-01' }, { db: db.db }),
      ),
      BadRequestError,
      400,
    );
    expect(error.fieldErrors).toEqual({
      table: ['table is empty: upload a file or paste a table'],
      source: ['source must start with http:// or https://'],
      date: ['date is in the future; give the date the table was published or last checked'],
    });
    const missing = expectAppError(
      rejection(db, () => importTable(cast.ada, { table: valid.table }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(Object.keys(missing.fieldErrors)).toEqual(['source', 'date']);
  });

  it('refuses pasted text over 3 MB', () => {
    const error = expectAppError(
      rejection(db, () => importTable(cast.ada, { ...valid, table: 'x'.repeat(MAX_PASTE_BYTES + 1) }, { db: db.db })),
      BadRequestError,
      400,
    );
    expect(error.fieldErrors.table).toEqual(['table is 3.0 MB; pasted tables can be up to 3 MB']);
  });

  it('the command line acts without a user, audit-logged with no actor', () => {
    const report = importTable(COMMAND_LINE, valid, { db: db.db });
    expect(report.written).toBe(true);
    // No version row: the column goes to Kuma's newest release as of the table's date, and the value is marked as placed by inference.
    expect(report.columns[0]).toMatchObject({ mesh: 'kuma', release: '2.0', releaseFrom: 'newest release' });
    expect(headOf(db, 'kuma', '2.0', 'mtls')).toMatchObject({ kind: 'import', authorId: null, releaseInferred: true });
    // By its source: the seed's history runs are logged with no actor too.
    const event = db.db
      .select()
      .from(auditEvents)
      .all()
      .find((e) => e.action === 'import.run' && e.objectId === valid.source);
    expect(event).toMatchObject({ actorId: null, details: expect.objectContaining({ via: 'cli' }) });
  });
});

describe('npm run import', () => {
  let db: TempDatabase;
  let dir: string;
  const tsx = path.resolve('node_modules/.bin/tsx');
  const seedFile = path.resolve(process.cwd(), '../shared/seeds/000_85b1770fffa73aa2.txt');
  function cli(...args: string[]) {
    const result = spawnSync(tsx, ['--conditions=react-server', 'lib/cli/import.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: path.join(db.dir, 'test.db') },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr
        .split('\n')
        .filter((l) => l.trim() && !l.includes('npm warn'))
        .join('\n'),
    };
  }
  beforeAll(() => {
    db = createTempDatabase();
    dir = db.dir;
  });
  afterAll(() => db.cleanup());

  it('dry run prints the report and writes nothing; the real run imports; a second run is a no-op', () => {
    const before = snapshotContents(db);
    const beforeCounts = countRows(db);
    const dry = cli(seedFile, '--source', SERVICEMESH_ES, '--date', '2019-11-01', '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      'Import of https://servicemesh.es (Comparison table at servicemesh.es (2019-11-01)), table as of 2019-11-01: Markdown table at line 44',
    );
    expect(dry.stdout).toContain('m√¶sh -> Traefik Mesh 0.7 [mapped; release from version row]');
    expect(dry.stdout).toContain(
      'line 76: kuma@0.2/circuit-breaking: no (Might be possible through manual configuration/templating of proxy.) -> no (might be possible through manual configuration/templating of proxy) [the current value is newer than the table]',
    );
    const wouldAdd = Number(/importing would add (\d+) revisions/.exec(dry.stdout)?.[1]);
    expect(wouldAdd).toBe(44);
    expect(snapshotContents(db)).toEqual(before);

    const real = cli(seedFile, '--source', SERVICEMESH_ES, '--date=2019-11-01', '--title', 'INNOQ: servicemesh.es');
    expect(real.status).toBe(0);
    expect(real.stdout).toContain(`Imported ${wouldAdd} revisions`);
    expect(countRows(db).revisions).toBe(beforeCounts.revisions! + wouldAdd);
    expect(headOf(db, 'kuma', '0.2', 'circuit-breaking')).toMatchObject({
      kind: 'import',
      authorId: null,
      sources: [{ url: SERVICEMESH_ES, title: 'INNOQ: servicemesh.es' }],
    });

    const again = cli(seedFile, '--source', SERVICEMESH_ES, '--date', '2019-11-01', '--title', 'INNOQ: servicemesh.es');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to import: 162 cells unchanged, no new values.');
  }, 60_000);

  it('bad flags, a missing file and a malformed table: one clear line or a report, non-zero exit, nothing written', () => {
    const before = snapshotContents(db);
    expect(cli(seedFile, '--date', '2019-11-01')).toMatchObject({
      status: 2,
      stderr: 'mesh-matrix: --source is required: the URL where the table is published',
    });
    expect(cli(seedFile, '--source', 'servicemesh.es', '--date', '2019-11-31')).toMatchObject({
      status: 2,
      stderr: 'mesh-matrix: --source is not a valid URL; --date is not a real date',
    });
    expect(cli(seedFile, '--source', SERVICEMESH_ES, '--date')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^mesh-matrix: --date needs a value \(usage: npm run import -- <file>/),
    });
    expect(cli(seedFile, '--source', SERVICEMESH_ES, '--date', '2019-11-01', '--force')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^mesh-matrix: unknown flag --force/),
    });
    expect(cli('no-such-table.md', '--source', SERVICEMESH_ES, '--date', '2019-11-01')).toMatchObject({
      status: 2,
      stderr: 'mesh-matrix: file no-such-table.md does not exist',
    });

    const ragged = path.join(dir, 'ragged.md');
    fs.writeFileSync(ragged, '| Feature | Istio | Kuma |\n|---|---|---|\n| mTLS | yes |\n');
    const malformed = cli(ragged, '--source', 'https://example.org/t', '--date', '2024-01-01');
    expect(malformed.status).toBe(1);
    expect(malformed.stdout).toContain(
      'Problems, nothing written (1):\n  line 3: the row has 2 cells where the header has 3',
    );
    expect(malformed.stdout).toContain('The table has 1 problem; nothing was written.');
    expect(snapshotContents(db)).toEqual(before);
  }, 60_000);
});
