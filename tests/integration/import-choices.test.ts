import { decideChangeset } from '@/lib/server/changesets/changesets';
import { getChangeset } from '@/lib/server/changesets/changeset-views';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, importAliases, imports, proposals } from '@/db/schema';
import { getCellHead } from '@/lib/server/cells/cells';
import { BadRequestError, ForbiddenError } from '@/lib/rules/errors';
import { listImportAliases, removeImportAlias } from '@/lib/server/import/aliases';
import { importTable } from '@/lib/server/import/run-import';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { expectAppError, rejection, snapshotState } from '../support/assertions';
import { createCast, type Cast } from '../support/cast';
import { prepareDatabase } from '@/lib/server/init';
import { seedDatabase } from '@/lib/server/seed/seed-database';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

const SOURCE = 'https://example.org/mesh-comparison';

/** A table as people publish it: a renamed mesh with a parenthetical, an unknown mesh, a near-miss, row explanations in <small>, a tfoot footnote. */
const published = `
<table>
  <thead>
    <tr><th></th><th>Istio</th><th>Traefik Mesh (formerly Maesh)</th><th>Kong Mesh</th><th>Gloo Edge</th></tr>
  </thead>
  <tbody>
    <tr><th>Current version</th><td>1.3</td><td>0.7</td><td>1.0</td><td>1.0</td></tr>
    <tr><th>mTLS<small>Mutual TLS between workloads</small></th><td>yes</td><td>no*</td><td>yes</td><td>no</td></tr>
    <tr><th>Zone Egress<small>Traffic leaves a zone through a dedicated proxy</small></th><td>no</td><td>no</td><td>yes</td><td>no</td></tr>
  </tbody>
  <tfoot><tr><td colspan="5">*Might be possible through manual configuration</td></tr></tfoot>
</table>`;

const laterVersion = published.replace(
  '<td>yes</td><td>no*</td><td>yes</td><td>no</td>',
  '<td>yes</td><td>no*</td><td>partial</td><td>no</td>',
);

function columnsOf(report: ReturnType<typeof importTable>) {
  return report.columns.map((c) => ({
    heading: c.heading,
    mesh: c.mesh,
    status: c.status,
    suggestions: c.suggestions.map((s) => s.slug),
  }));
}

describe('names the importer cannot place: reported with suggestions, settled by choices, remembered', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('a dry run places exact names, suggests near ones without applying them, and never refuses the table for them', () => {
    const before = snapshotState(db);
    const report = importTable(
      cast.ada,
      { table: published, source: SOURCE, date: '2024-01-01', dryRun: true },
      { db: db.db },
    );
    expect(snapshotState(db)).toEqual(before);
    expect(report.problems).toEqual([]);
    expect(report.orientation).toBe('meshes as columns');
    const columns = columnsOf(report);
    expect(columns[0]).toMatchObject({ heading: 'Istio', mesh: 'istio', status: 'mapped' });
    expect(columns[1]).toMatchObject({
      heading: 'Traefik Mesh (formerly Maesh)',
      mesh: 'traefik-mesh',
      status: 'mapped',
    });
    expect(columns[2]).toMatchObject({ heading: 'Kong Mesh', mesh: null });
    expect(['unknown', 'suggested']).toContain(columns[2]!.status);
    // The misleading near-match: Gloo Edge is an API gateway, not Gloo Mesh. Suggested, never applied.
    expect(columns[3]).toMatchObject({ heading: 'Gloo Edge', mesh: null, status: 'suggested' });
    expect(columns[3]!.suggestions[0]).toBe('gloo-mesh');
    expect(report.changes.some((c) => c.mesh === 'gloo-mesh')).toBe(false);

    expect(report.rows.map((r) => [r.heading, r.row, r.status])).toEqual([
      ['mTLS', 'mtls', 'mapped'],
      ['Zone Egress', null, expect.stringMatching(/unknown|suggested/)],
    ]);
    expect(report.rows[1]!.explanation).toBe('Traffic leaves a zone through a dedicated proxy');
    const traefik = report.changes.find((c) => c.mesh === 'traefik-mesh' && c.feature === 'mtls');
    expect(traefik?.after).toEqual({
      support: 'no',
      text: null,
      note: 'Might be possible through manual configuration',
    });
  });

  it('choices map a column, create a row from the table (explanation as definition) and are remembered as names', () => {
    const choices = {
      columns: { 'Kong Mesh': { action: 'map', slug: 'kuma' }, 'Gloo Edge': { action: 'skip' } },
      rows: { 'Zone Egress': { action: 'create' } },
    };
    const dry = importTable(
      cast.ada,
      { table: published, source: SOURCE, date: '2024-01-01', dryRun: true, choices },
      { db: db.db },
    );
    expect(columnsOf(dry).map((c) => [c.heading, c.mesh, c.status])).toEqual([
      ['Istio', 'istio', 'mapped'],
      ['Traefik Mesh (formerly Maesh)', 'traefik-mesh', 'mapped'],
      ['Kong Mesh', 'kuma', 'mapped'],
      ['Gloo Edge', null, 'skipped'],
    ]);
    expect(dry.created.rows).toEqual([
      { slug: 'zone-egress', name: 'Zone Egress', category: expect.any(String), kind: 'support' },
    ]);
    expect(dry.aliases).toEqual([{ target: 'mesh', name: 'Kong Mesh', slug: 'kuma' }]);

    const report = importTable(
      cast.ada,
      { table: published, source: SOURCE, date: '2024-01-01', choices },
      { db: db.db },
    );
    expect(report.written).toBe(true);
    const row = db.sqlite.prepare("SELECT * FROM features WHERE slug = 'zone-egress'").get() as {
      definition: string;
      kind: string;
    };
    expect(row).toMatchObject({ definition: 'Traffic leaves a zone through a dedicated proxy', kind: 'support' });
    const alias = db.db
      .select()
      .from(importAliases)
      .all()
      .find((a) => a.name === 'Kong Mesh');
    expect(alias).toMatchObject({ target: 'mesh', key: 'kongmesh', createdById: cast.ada.id });
    const events = db.db.select().from(auditEvents).all();
    expect(events.find((e) => e.action === 'alias.create')).toMatchObject({
      actorId: cast.ada.id,
      objectType: 'mesh',
      objectId: 'kuma',
    });
    expect(events.find((e) => e.action === 'feature.create' && e.objectId === 'zone-egress')).toBeDefined();
    // The seed's own table imports have no actor; the dry run recorded nothing, the write one import.
    expect(
      db.db
        .select()
        .from(imports)
        .all()
        .filter((i) => i.actorId === cast.ada.id),
    ).toHaveLength(1);
  });

  it('the next version of the same table asks nothing: the remembered name maps it', () => {
    const report = importTable(
      cast.ada,
      { table: laterVersion, source: `${SOURCE}?v=2`, date: '2024-02-01', dryRun: true },
      { db: db.db },
    );
    expect(report.problems).toEqual([]);
    const unplaced = [...report.columns, ...report.rows].filter((x) => x.status !== 'mapped');
    // Only the column skipped last time is asked about again; everything else maps.
    expect(unplaced.map((x) => x.heading)).toEqual(['Gloo Edge']);
    expect(report.columns.find((c) => c.heading === 'Kong Mesh')).toMatchObject({ mesh: 'kuma', matchedBy: 'alias' });
    expect(report.rows.find((r) => r.heading === 'Zone Egress')).toMatchObject({
      row: 'zone-egress',
      status: 'mapped',
    });
    expect(report.changes.find((c) => c.mesh === 'kuma' && c.feature === 'mtls')?.after.support).toBe('partial');
  });

  it('remembered names are listed per mesh and can be forgotten by an admin, audit-logged; others are refused', () => {
    const names = listImportAliases(cast.ada, { mesh: 'kuma' }, db.db);
    expectAppError(
      rejection(db, () => listImportAliases(cast.mo, { mesh: 'kuma' }, db.db)),
      ForbiddenError,
      403,
    );
    expect(names.map((n) => n.name)).toContain('Kong Mesh');
    const id = names.find((n) => n.name === 'Kong Mesh')!.id;
    expectAppError(
      rejection(db, () => removeImportAlias(cast.mo, { alias: id }, { db: db.db })),
      ForbiddenError,
      403,
    );
    expect(removeImportAlias(cast.ada, { alias: id }, { db: db.db })).toEqual({
      target: 'mesh',
      slug: 'kuma',
      name: 'Kong Mesh',
    });
    expect(
      db.db
        .select()
        .from(auditEvents)
        .all()
        .find((e) => e.action === 'alias.remove'),
    ).toMatchObject({ actorId: cast.ada.id, objectId: 'kuma' });
    const again = importTable(
      cast.ada,
      { table: laterVersion, source: `${SOURCE}?v=2`, date: '2024-02-01', dryRun: true },
      { db: db.db },
    );
    expect(again.columns.find((c) => c.heading === 'Kong Mesh')?.mesh).toBeNull();
  });

  it('a choice naming a slug that does not exist is refused by name, and nothing is written', () => {
    const before = snapshotState(db);
    const report = importTable(
      cast.ada,
      {
        table: published,
        source: SOURCE,
        date: '2024-01-01',
        choices: { columns: { 'Kong Mesh': { action: 'map', slug: 'no-such-mesh' } } },
      },
      { db: db.db },
    );
    expect(report.problems.map((p) => p.message)).toEqual([
      'column 4 (line 4) "Kong Mesh" is to be mapped to "no-such-mesh", which is not a mesh',
    ]);
    expect(snapshotState(db)).toEqual(before);
    const malformed = expectAppError(
      rejection(db, () =>
        importTable(
          cast.ada,
          { table: published, source: SOURCE, date: '2024-01-01', choices: { rows: { x: { action: 'rename' } } } },
          { db: db.db },
        ),
      ),
      BadRequestError,
      400,
    );
    expect(Object.keys(malformed.fieldErrors)).toEqual(['choices.rows.x.action']);
  });

  it('a heading named like an object property is just an unknown name (__x__ is Markdown bold)', () => {
    const table = [
      '| Feature | constructor | __proto__ | Istio |',
      '|---|---|---|---|',
      '| mTLS | yes | yes | yes |',
    ].join('\n');
    const report = importTable(
      cast.ada,
      {
        table,
        source: SOURCE,
        date: '2024-01-01',
        dryRun: true,
        choices: { columns: { Istio: { action: 'map', slug: 'istio' } } },
      },
      { db: db.db },
    );
    expect(report.problems).toEqual([]);
    expect(report.columns.map((c) => [c.heading, c.mesh])).toEqual([
      ['constructor', null],
      ['proto', null],
      ['Istio', 'istio'],
    ]);
  });

  it('create makes a mesh with its first release named by the version row', () => {
    const report = importTable(
      cast.ada,
      {
        table: published,
        source: `${SOURCE}?v=3`,
        date: '2024-03-01',
        choices: { columns: { 'Gloo Edge': { action: 'create' }, 'Kong Mesh': { action: 'map', slug: 'kuma' } } },
      },
      { db: db.db },
    );
    expect(report.written).toBe(true);
    expect(report.created.meshes).toEqual([{ slug: 'gloo-edge', name: 'Gloo Edge' }]);
    expect(report.columns.find((c) => c.heading === 'Gloo Edge')).toMatchObject({
      mesh: 'gloo-edge',
      release: '1.0',
      status: 'created',
    });
    const version = db.sqlite
      .prepare(
        "SELECT v.id FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = 'gloo-edge' AND v.label = '1.0'",
      )
      .get() as { id: number };
    const mtls = db.sqlite.prepare("SELECT id FROM features WHERE slug = 'mtls'").get() as { id: number };
    expect(getCellHead(db.db, version.id, mtls.id)).toMatchObject({ support: 'no', kind: 'import' });
  });
});

describe('sending an import to the review queue', () => {
  let db: TempDatabase;
  let cast: Cast;
  const table = [
    '| Feature | Kuma |',
    '| --- | --- |',
    '| Version | 0.2 |',
    '| mTLS | partial (only on Kubernetes) |',
    '| TCP | no |',
  ].join('\n');
  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('turns every changed cell into a pending proposal by the admin, grouped under the import; values stay until approved', () => {
    // The seed replays the servicemesh.es history, so import revisions exist before; review mode adds none.
    const importRevisions = () => db.sqlite.prepare("SELECT count(*) AS n FROM revisions WHERE kind = 'import'").get();
    const before = importRevisions();
    expect(before).toEqual({ n: expect.any(Number) });
    const report = importTable(cast.ada, { table, source: SOURCE, date: '2024-01-01', mode: 'review' }, { db: db.db });
    expect(report).toMatchObject({ written: true, mode: 'review', proposals: 2 });
    expect(report.importId).toEqual(expect.any(Number));
    const sent = db.db
      .select()
      .from(proposals)
      .all()
      .filter((p) => p.importId === report.importId);
    expect(sent).toHaveLength(2);
    expect(
      sent.every((p) => p.status === 'pending' && p.authorId === cast.ada.id && p.sources[0]!.url === SOURCE),
    ).toBe(true);
    expect(importRevisions()).toEqual(before);

    // One changeset for the whole import, so the queue shows it as one item.
    const changesetId = sent[0]!.changesetId!;
    expect(sent.every((p) => p.changesetId === changesetId)).toBe(true);
    expect(getChangeset(changesetId, db.db)).toMatchObject({ importId: report.importId, authorId: cast.ada.id });

    // No self-approval; a moderator approves one.
    expectAppError(
      rejection(db, () => decideChangeset(cast.ada, { id: changesetId, approve: [sent[0]!.id] }, { db: db.db })),
      ForbiddenError,
      403,
    );
    const approved = decideChangeset(cast.mo, { id: changesetId, approve: [sent[0]!.id] }, { db: db.db });
    expect(approved.approved).toEqual([sent[0]!.id]);
    expect(
      db.db
        .select()
        .from(proposals)
        .all()
        .find((p) => p.id === sent[1]!.id)?.status,
    ).toBe('pending');
  });

  it('the command line cannot send to review: it has no user to propose as', () => {
    const error = expectAppError(
      rejection(db, () =>
        importTable(COMMAND_LINE, { table, source: SOURCE, date: '2024-01-01', mode: 'review' }, { db: db.db }),
      ),
      BadRequestError,
      400,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(['mode']);
  });
});

describe('the names and rows the curated tables need ship with the seed', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('a fresh database remembers the names articles and servicemesh.es use', () => {
    const names = db.sqlite.prepare('SELECT target, name FROM import_aliases ORDER BY id').all() as {
      target: string;
      name: string;
    }[];
    expect(names).toEqual(
      expect.arrayContaining([
        { target: 'mesh', name: 'Linkerd 2' },
        { target: 'feature', name: 'Multi-cluster Mesh' },
        { target: 'feature', name: 'Initiated by' },
      ]),
    );
    expect(db.sqlite.prepare("SELECT kind FROM features WHERE slug = 'mtls-permissive-mode'").get()).toEqual({
      kind: 'support',
    });
  });

  it('a database seeded before these names existed gets them once; a name an admin forgot stays forgotten', () => {
    // Such a database holds the articles only: the servicemesh.es history (which puts values on cloud-integrations) came with these names.
    const old = createTempDatabase({ seed: false });
    try {
      old.db.transaction((tx) => seedDatabase(tx, { history: [] }));
      old.sqlite.exec(
        "DELETE FROM import_aliases; DELETE FROM features WHERE slug = 'cloud-integrations'; DELETE FROM meta WHERE key = 'seed_names_version'",
      );
      expect(old.sqlite.prepare("SELECT count(*) AS n FROM features WHERE slug = 'cloud-integrations'").get()).toEqual({
        n: 0,
      });
      prepareDatabase(old);
      expect(old.sqlite.prepare("SELECT count(*) AS n FROM features WHERE slug = 'cloud-integrations'").get()).toEqual({
        n: 1,
      });
      const linkerd2 = old.sqlite.prepare("SELECT id FROM import_aliases WHERE name = 'Linkerd 2'").get() as {
        id: number;
      };
      expect(linkerd2).toBeDefined();
      old.sqlite.prepare('DELETE FROM import_aliases WHERE id = ?').run(linkerd2.id);
      prepareDatabase(old);
      expect(old.sqlite.prepare("SELECT count(*) AS n FROM import_aliases WHERE name = 'Linkerd 2'").get()).toEqual({
        n: 0,
      });
    } finally {
      old.cleanup();
    }
  });
});
