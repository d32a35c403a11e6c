import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRevision, getCellHead } from '@/lib/server/cells/cells';
import { importHistory } from '@/lib/server/import/import-history';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { seedDatabase } from '@/lib/server/seed/seed-database';
import { snapshotState } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { createTempDatabase, snapshotContents, type TempDatabase } from '../support/temp-db';

function versionIdOf(db: TempDatabase, mesh: string, label: string): number | undefined {
  const row = db.sqlite
    .prepare('SELECT v.id FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ? AND v.label = ?')
    .get(mesh, label) as { id: number } | undefined;
  return row?.id;
}

function headOf(db: TempDatabase, mesh: string, label: string, feature: string) {
  const featureId = (db.sqlite.prepare('SELECT id FROM features WHERE slug = ?').get(feature) as { id: number }).id;
  const versionId = versionIdOf(db, mesh, label);
  return versionId === undefined ? undefined : getCellHead(db.db, versionId, featureId);
}

const md = (...lines: string[]) => lines.join('\n');
const url = (n: number) => `https://example.org/comparison/blob/v${n}/table.md`;

/** Four versions of one small table: a release bump, a changed value, an unchanged version, a value back-dated behind the seed. */
const series = [
  {
    file: 'v1.md',
    url: url(1),
    committedAt: '2024-01-10T12:00:00+01:00',
    table: md(
      '| Feature | Istio | Linkerd 2 |',
      '|---|---|---|',
      '| Current version | 1.21 | 2.14 |',
      '| mTLS | yes | yes |',
      '| Circuit Breaking | yes | no |',
    ),
  },
  {
    file: 'v2.md',
    url: url(2),
    committedAt: '2024-03-01T09:30:00Z',
    table: md(
      '| Feature | Istio | Linkerd 2 |',
      '|---|---|---|',
      '| Current version | 1.22 | 2.14 |',
      '| mTLS | yes | yes |',
      '| Circuit Breaking | yes | partial |',
    ),
  },
  {
    file: 'v3.md',
    url: url(3),
    committedAt: '2024-04-01T09:30:00Z',
    table: md(
      '| Feature | Istio | Linkerd 2 |',
      '|---|---|---|',
      '| Current version | 1.22 | 2.14 |',
      '| mTLS | yes | yes |',
      '| Circuit Breaking | yes | partial |',
    ),
  },
  {
    file: 'v4.md',
    url: url(4),
    committedAt: '2024-05-01T00:00:00Z',
    table: md(
      '| Feature | Istio | Linkerd 2 |',
      '|---|---|---|',
      '| Current version | 1.22 | 2.15 |',
      '| mTLS | no | yes |',
      '| Circuit Breaking | yes | partial |',
    ),
  },
];

describe('a synthetic history: dated revisions, new releases, back-dated versions, resuming', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('a dry run reports every version as the real run would, and writes nothing', () => {
    const before = snapshotState(db);
    const report = importHistory(cast.ada, { versions: series, dryRun: true }, { db: db.db });
    expect(snapshotState(db)).toEqual(before);
    expect(report.versions.map((v) => [v.file, v.status, v.releases])).toEqual([
      ['v1.md', 'imported', 2],
      ['v2.md', 'imported', 1],
      ['v3.md', 'unchanged', 0],
      ['v4.md', 'imported', 1],
    ]);
    expect(report.totals).toMatchObject({ versions: 4, imported: 3, releases: 4, problems: 0 });
  });

  it('a run stopped after two versions resumes where it stopped; the whole replay writes what the dry run said', () => {
    const dry = importHistory(cast.ada, { versions: series, dryRun: true }, { db: db.db });
    const first = importHistory(cast.ada, { versions: series.slice(0, 2) }, { db: db.db });
    expect(first.versions.map((v) => v.status)).toEqual(['imported', 'imported']);
    const rest = importHistory(cast.ada, { versions: series }, { db: db.db });
    expect(rest.versions.map((v) => v.status)).toEqual([
      'already imported',
      'already imported',
      'unchanged',
      'imported',
    ]);
    expect(first.totals.revisions + rest.totals.revisions).toBe(dry.totals.revisions);
    expect(first.totals.releases + rest.totals.releases).toBe(4);

    // Each revision is dated by its version and cites it.
    const cb = headOf(db, 'linkerd', '2.14', 'circuit-breaking')!;
    expect(cb).toMatchObject({ support: 'partial', kind: 'import', createdAt: '2024-03-01T09:30:00.000Z' });
    expect(cb.sources[0]!.url).toBe(url(2));
    expect(headOf(db, 'istio', '1.22', 'mtls')).toMatchObject({ support: 'no', createdAt: '2024-05-01T00:00:00.000Z' });
    // Istio 1.21 keeps what v1 said of it; v4 spoke of 1.22.
    expect(headOf(db, 'istio', '1.21', 'mtls')).toMatchObject({
      support: 'yes',
      createdAt: '2024-01-10T11:00:00.000Z',
    });
    // A release the version row names is created the way a moderator would, dated by the version, carried from the one before.
    const release = db.sqlite
      .prepare(
        "SELECT v.created_at FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = 'istio' AND v.label = '1.21'",
      )
      .get();
    expect(release).toEqual({ created_at: '2024-01-10T11:00:00.000Z' });
    // Linkerd 2.15 starts from 2.14 as it stood on the version's date; v4 is the first source to state its values, so it confirms them.
    const carried = headOf(db, 'linkerd', '2.15', 'circuit-breaking')!;
    expect(carried).toMatchObject({ support: 'partial', kind: 'import', createdAt: '2024-05-01T00:00:00.000Z' });
    expect(db.sqlite.prepare('SELECT kind FROM revisions WHERE id = ?').get(carried.parentRevisionId)).toEqual({
      kind: 'carry_forward',
    });
    expect(carried.sources[0]!.url).toBe(url(4));
  });

  it('re-running adds nothing', () => {
    const before = snapshotContents(db);
    const again = importHistory(cast.ada, { versions: series }, { db: db.db });
    expect(again.versions.map((v) => v.status)).toEqual([
      'already imported',
      'already imported',
      'unchanged',
      'already imported',
    ]);
    expect(again.totals.revisions).toBe(0);
    expect(snapshotContents(db)).toEqual(before);
  });

  it('a back-dated version never overwrites a value recorded after its date: the cell is reported and left alone', () => {
    // The seed records Istio 1.3's mTLS in 2019-11; a version dated before that says otherwise.
    const seeded = headOf(db, 'istio', '1.3', 'mtls')!;
    const early = {
      file: 'early.md',
      url: url(0),
      committedAt: '2019-06-01T00:00:00Z',
      table: md('| Feature | Istio |', '|---|---|', '| Current version | 1.3 |', '| mTLS | partial |'),
    };
    const report = importHistory(cast.ada, { versions: [early] }, { db: db.db });
    expect(report.totals.leftNewer).toBe(1);
    expect(report.versions[0]!.report!.leftNewer).toMatchObject([
      { mesh: 'istio', label: '1.3', feature: 'mtls', recordedAt: seeded.createdAt },
    ]);
    expect(headOf(db, 'istio', '1.3', 'mtls')!.id).toBe(seeded.id);
  });

  it('a later version that restates what the table said overrides a value another source gave since, and says what it corrects', () => {
    // An article dated between v4 and v5 says Linkerd 2.15 breaks circuits; v5 still says partial, as v4 did. The latest claim is the current value.
    const featureId = (
      db.sqlite.prepare("SELECT id FROM features WHERE slug = 'circuit-breaking'").get() as { id: number }
    ).id;
    const article = appendRevision(db.db, {
      meshVersionId: versionIdOf(db, 'linkerd', '2.15')!,
      featureId,
      support: 'yes',
      text: null,
      note: null,
      sources: [{ url: 'https://example.org/article', title: 'An article' }],
      kind: 'seed',
      createdAt: '2024-06-01T00:00:00.000Z',
    });
    const v5 = {
      file: 'v5.md',
      url: url(5),
      committedAt: '2024-07-01T00:00:00Z',
      table: md(
        '| Feature | Istio | Linkerd 2 |',
        '|---|---|---|',
        '| Current version | 1.22 | 2.15 |',
        '| mTLS | no | yes |',
        '| Circuit Breaking | no | partial |',
      ),
    };
    const report = importHistory(cast.ada, { versions: [...series, v5] }, { db: db.db });
    expect(report.versions.map((v) => v.status)).toEqual([
      'already imported',
      'already imported',
      'unchanged',
      'already imported',
      'imported',
    ]);
    const own = report.versions[4]!.report!;
    expect(own.changes.map((c) => `${c.mesh}@${c.label}/${c.feature}`)).toEqual([
      'istio@1.22/circuit-breaking',
      'linkerd@2.15/circuit-breaking',
    ]);
    expect(own.unchanged.map((c) => `${c.mesh}@${c.label}/${c.feature}`)).toEqual([
      'istio@1.22/mtls',
      'linkerd@2.15/mtls',
    ]);
    expect(headOf(db, 'linkerd', '2.15', 'circuit-breaking')).toMatchObject({
      support: 'partial',
      kind: 'import',
      parentRevisionId: article.id,
      createdAt: '2024-07-01T00:00:00.000Z',
      reason: `Imported from ${url(5)} (table as of 2024-07-01). Corrects yes from An article (2024-06-01)`,
    });
    // A value the table itself changes is written the same way, dated by the version.
    expect(headOf(db, 'istio', '1.22', 'circuit-breaking')).toMatchObject({
      support: 'no',
      kind: 'import',
      createdAt: '2024-07-01T00:00:00.000Z',
    });
    expect(headOf(db, 'istio', '1.22', 'circuit-breaking')!.reason).toMatch(
      /^Imported from https:\/\/example\.org\/comparison\/blob\/v5\/table\.md \(table as of 2024-07-01\)\. Corrects yes from Comparison table at example\.org\/comparison\/blob\/v2\/table\.md \(2024-03-01\)/,
    );
  });
});

const historyDir = path.resolve(process.cwd(), '../shared/data/servicemesh-es');
const manifest = JSON.parse(fs.readFileSync(path.join(historyDir, 'manifest.json'), 'utf8')) as {
  file: string;
  url: string;
  committedAt: string;
}[];

const readVersions = () =>
  manifest.map((v) => ({
    file: v.file,
    url: v.url,
    committedAt: v.committedAt,
    table: fs.readFileSync(path.join(historyDir, v.file), 'utf8'),
  }));

describe('the servicemesh.es table, all 107 versions, onto a database seeded with the articles only', () => {
  let db: TempDatabase;
  let report: ReturnType<typeof importHistory>;
  beforeAll(() => {
    // The seed itself replays this history; without it the replay has the whole table to write.
    db = createTempDatabase({ seed: false });
    db.db.transaction((tx) => seedDatabase(tx, { history: [] }));
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM revisions WHERE kind = 'import'").get()).toEqual({ n: 0 });
    report = importHistory(COMMAND_LINE, { versions: readVersions() }, { db: db.db });
  }, 300_000);
  afterAll(() => db.cleanup());

  it('goes in whole: every column and row placed with no questions, no problem', () => {
    expect(report.totals.problems).toBe(0);
    expect(report.versions).toHaveLength(107);
    expect(report.versions.filter((v) => v.unplaced.length > 0).map((v) => [v.file, v.unplaced])).toEqual([]);
    expect(report.versions[0]!.status).toBe('no table');
    // The seed's remembered names and rows cover the whole table: nothing is created.
    expect(report.totals).toMatchObject({ versions: 107, meshes: 0, rows: 0, categories: 0, aliases: 0 });
    // Versions that changed nothing the database holds (a typo fix, a layout change) write nothing.
    expect(report.versions.filter((v) => v.status === 'unchanged')).toHaveLength(16);
    expect(report.totals).toMatchObject({ imported: 90, revisions: 2344, releases: 51, leftNewer: 2453 });
  });

  it('names the releases the table named, each dated when the table first named it', () => {
    const labels = (mesh: string) =>
      (
        db.sqlite
          .prepare('SELECT label FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ?')
          .all(mesh) as { label: string }[]
      ).map((r) => r.label);
    expect(labels('istio')).toEqual(expect.arrayContaining(['1.3', '1.20']));
    expect(labels('linkerd')).toContain('2.13');
    expect(labels('consul')).toContain('1.16');
    expect(labels('kuma')).toContain('2.0');
    expect(labels('cilium')).toContain('1.12');
  });

  it('cites the exact version of the table for each value', () => {
    const head = headOf(db, 'istio', '1.20', 'mtls');
    expect(head?.sources[0]?.url).toMatch(
      /^https:\/\/github\.com\/servicemesh-es\/servicemesh\.es\/blob\/[0-9a-f]{40}\/_includes\/comparison\.html$/,
    );
  });

  it('re-running the whole history adds nothing', () => {
    const before = snapshotContents(db);
    const again = importHistory(COMMAND_LINE, { versions: readVersions() }, { db: db.db });
    expect(again.totals.revisions).toBe(0);
    expect(snapshotContents(db)).toEqual(before);
  }, 300_000);
});

describe('the servicemesh.es table replayed onto the seeded database, which already holds it', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('finds every version the seed wrote already imported (same series), and the rest change nothing', () => {
    const before = snapshotContents(db);
    const seeded = (
      db.sqlite.prepare('SELECT series FROM imports WHERE series IS NOT NULL ORDER BY id').all() as { series: string }[]
    ).map((r) => r.series);
    const report = importHistory(COMMAND_LINE, { versions: readVersions() }, { db: db.db });
    expect(report.versions.filter((v) => v.status === 'already imported').map((v) => v.file)).toEqual(seeded);
    // Versions the seed's replay wrote nothing for have no import record; replayed again they still change nothing.
    expect(report.versions[0]!.status).toBe('no table');
    expect(report.versions.filter((v) => v.status === 'unchanged')).toHaveLength(12);
    // Those old versions meet cells a later version of the table has changed since: reported, left alone.
    expect(report.totals).toMatchObject({
      versions: 107,
      imported: 0,
      alreadyImported: 94,
      revisions: 0,
      releases: 0,
      leftNewer: 130,
      problems: 0,
    });
    expect(snapshotContents(db)).toEqual(before);
  }, 300_000);
});

describe('npm run import:history', () => {
  let db: TempDatabase;
  const tsx = path.resolve('node_modules/.bin/tsx');
  function cli(...args: string[]) {
    const result = spawnSync(tsx, ['--conditions=react-server', 'lib/cli/import-history.ts', ...args], {
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
  function writeManifest(name: string, entries: unknown): string {
    const file = path.join(db.dir, name);
    fs.writeFileSync(file, JSON.stringify(entries));
    return file;
  }
  beforeAll(() => {
    db = createTempDatabase();
    for (const v of series) fs.writeFileSync(path.join(db.dir, v.file), v.table);
  });
  afterAll(() => db.cleanup());

  it('bad manifests and flags name the version or the flag, exit 2, and write nothing', () => {
    const before = snapshotContents(db);
    const good = series.map(({ file, url: u, committedAt }) => ({ file, url: u, committedAt }));
    const missing = writeManifest('missing.json', [
      ...good,
      { file: 'gone.md', url: url(9), committedAt: '2020-06-01T00:00:00Z' },
    ]);
    expect(cli(missing)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('version 5 (gone.md): file gone.md does not exist'),
    });
    const badDate = writeManifest('bad-date.json', [{ ...good[0], committedAt: '2020-13-45' }]);
    expect(cli(badDate)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('version 1 (v1.md): committedAt must be a date and time'),
    });
    const badUrl = writeManifest('bad-url.json', [{ ...good[0], url: 'javascript:alert(1)' }]);
    expect(cli(badUrl)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('version 1 (v1.md): url must start with http:// or https://'),
    });
    fs.writeFileSync(path.join(db.dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const binary = writeManifest('binary.json', [{ ...good[0], file: 'binary.md' }]);
    expect(cli(binary)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('version 1 (binary.md): file binary.md is not a text file'),
    });
    const manifestFile = writeManifest('manifest.json', good);
    expect(cli(manifestFile, '--map', 'Linkerd 2=no-such-mesh')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        '--map "Linkerd 2=no-such-mesh": there is no mesh or row with the slug "no-such-mesh"',
      ),
    });
    expect(cli(manifestFile, '--frobnicate')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown flag --frobnicate'),
    });
    expect(cli(path.join(db.dir, 'nope.json'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('does not exist'),
    });
    expect(snapshotContents(db)).toEqual(before);
  }, 120_000);

  it('--json prints one object with per-version reports; the real run then writes, exit 0', () => {
    const manifestFile = writeManifest(
      'manifest.json',
      series.map(({ file, url: u, committedAt }) => ({ file, url: u, committedAt, subject: 'ignored' })),
    );
    const dry = cli(manifestFile, '--dry-run', '--json');
    expect(dry.status).toBe(0);
    const parsed = JSON.parse(dry.stdout);
    expect(parsed.totals).toMatchObject({ versions: 4, imported: 3, releases: 4, problems: 0 });
    expect(parsed.versions[0].report).toMatchObject({
      orientation: 'meshes as columns',
      columns: [
        { heading: 'Istio', mesh: 'istio', release: '1.21', status: 'mapped' },
        { heading: 'Linkerd 2', mesh: 'linkerd', release: '2.14', status: 'mapped' },
      ],
      problems: [],
      wouldWrite: { releases: 2 },
    });
    const real = cli(manifestFile);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/Imported 3 of 4 versions: \d+ revisions, 4 releases/);
  }, 120_000);
});
