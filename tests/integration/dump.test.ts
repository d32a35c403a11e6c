import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readDataVersion } from '@/lib/next/http-cache';
import { streamDump, type Dump } from '@/lib/server/exports/dump';
import { loadDump } from '@/lib/server/exports/load-dump';
import { getCellPage } from '@/lib/server/cells/cell-page';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { getReleaseDiff, listMeshes } from '@/lib/server/matrix/meshes';
import { approveProposal } from '@/lib/server/proposals/review';
import { COMMAND_LINE } from '@/lib/rules/permissions';
import { BadRequestError, ConflictError } from '@/lib/rules/errors';
import { createCast } from '@/tests/support/cast';
import { propose } from '@/tests/support/proposing';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { countRows, createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';
import { ISTIO_LICENSE, ISTIO_MTLS } from '@/tests/support/lookups';

function dumpOf(db: TempDatabase): { text: string; dump: Dump } {
  const text = [...streamDump(readDataVersion(db.db), db.db)].join('');
  return { text, dump: JSON.parse(text) as Dump };
}

/**
 * The histories of every cell of some meshes (all of them takes minutes on a busy machine), as the site shows them;
 * proposal ids point at proposals, which are not part of the open data.
 */
function histories(db: TempDatabase, meshSlugs: string[]) {
  const cells = db.sqlite
    .prepare(
      `SELECT m.slug AS mesh, v.label AS label, f.slug AS feature FROM cell_heads h
       JOIN mesh_versions v ON v.id = h.mesh_version_id JOIN meshes m ON m.id = v.mesh_id
       JOIN features f ON f.id = h.feature_id
       WHERE m.slug IN (${meshSlugs.map(() => '?').join(',')}) ORDER BY m.slug, v.label, f.slug`,
    )
    .all(...meshSlugs) as { mesh: string; label: string; feature: string }[];
  expect(cells.length).toBeGreaterThan(100);
  return cells.map(({ mesh, label, feature }) => ({
    cell: `${mesh}/${label}/${feature}`,
    history: getCellPage(mesh, label, feature, db.db).history.map((revision) => ({ ...revision, proposalId: null })),
  }));
}

describe('the dump', () => {
  let source: TempDatabase;
  let target: TempDatabase;
  let text: string;
  let dump: Dump;
  const awkward = 'Note with "quotes", </script>, a line\nbreak and ünïcode';

  beforeAll(() => {
    source = createTempDatabase();
    const cast = createCast(source);
    const first = propose(source, { author: cast.alice, note: awkward });
    approveProposal(cast.mo, { id: first.id }, { db: source.db });
    const second = propose(source, { author: cast.bob, at: ISTIO_LICENSE, text: 'Apache-2.0 <b>' });
    approveProposal(cast.mia, { id: second.id }, { db: source.db });
    ({ text, dump } = dumpOf(source));
    target = createTempDatabase({ seed: false });
    loadDump(COMMAND_LINE, JSON.parse(text), { db: target.db });
  }, 120_000);
  afterAll(() => {
    source.cleanup();
    target.cleanup();
  });

  it('carries the licence, the attribution and the data version it was read at', () => {
    const version = readDataVersion(source.db);
    expect(dump.licence).toMatch(/CC BY 4\.0/);
    expect(dump.attribution).toMatch(/Mesh Matrix contributors/);
    expect(dump.dataVersion).toBe(version.tag);
    expect(Date.parse(dump.generatedAt)).toBe(version.writtenAt);
    expect(dump.revisions.length).toBe(countRows(source).revisions);
  });

  it('names people only by their display name: no e-mail address, no user id', () => {
    expect(text).not.toMatch(/@example\.org/);
    expect(text).not.toMatch(/"(authorId|approverId|userId|email)"/);
    const mtls = dump.revisions.filter(
      (r) => r.mesh === ISTIO_MTLS[0] && r.release === ISTIO_MTLS[1] && r.row === 'mtls',
    );
    expect(mtls.at(-1)).toMatchObject({ author: 'alice', approver: 'mo', note: awkward, kind: 'proposal' });
  });

  it(
    'loads into an empty database and gives the same matrix, releases, diffs and cell histories',
    { timeout: 180_000 },
    () => {
      expect(getMatrix({}, target.db)).toEqual(getMatrix({}, source.db));
      expect(getMatrix({ at: '2021-06-01' }, target.db)).toEqual(getMatrix({ at: '2021-06-01' }, source.db));
      expect(getMatrix({ meshes: ['open-service-mesh'] }, target.db)).toEqual(
        getMatrix({ meshes: ['open-service-mesh'] }, source.db),
      );
      expect(listMeshes(target.db)).toEqual(listMeshes(source.db));
      expect(getReleaseDiff('istio', '1.3', '1.16.1', target.db)).toEqual(
        getReleaseDiff('istio', '1.3', '1.16.1', source.db),
      );
      const sampled = ['istio', 'linkerd', 'open-service-mesh'];
      expect(histories(target, sampled)).toEqual(histories(source, sampled));
    },
  );

  it('dumps the loaded database back to the same data', () => {
    const again = dumpOf(target).dump;
    expect({ ...again, generatedAt: dump.generatedAt, dataVersion: dump.dataVersion }).toEqual(dump);
  });

  it('refuses a database that is not empty, and writes nothing', () => {
    const error = expectAppError(
      rejection(target, () => loadDump(COMMAND_LINE, JSON.parse(text), { db: target.db })),
      ConflictError,
      409,
    );
    expect(error.message).toMatch(/not empty/);
  });

  it('refuses a bad dump with a message naming the field, and writes nothing', { timeout: 120_000 }, () => {
    const empty = createTempDatabase({ seed: false });
    try {
      const cases: [string, (d: Dump) => void][] = [
        ['revisions.0.sources.0.url', (d) => (d.revisions[0]!.sources[0]!.url = 'javascript:alert(1)')],
        ['revisions.1.support', (d) => ((d.revisions[1] as { support: string }).support = 'maybe')],
        ['meshes.0.releases.0.releasedOn', (d) => (d.meshes[0]!.releases[0]!.releasedOn = '31/12/2020')],
        ['format', (d) => ((d as { format: string }).format = 'something-else')],
        ['revisions.2.release', (d) => (d.revisions[2]!.release = 'no-such-release')],
        ['revisions.3.parentRevisionId', (d) => (d.revisions[3]!.parentRevisionId = 999_999_999)],
        ['categories.1.slug', (d) => (d.categories[1]!.slug = d.categories[0]!.slug)],
      ];
      for (const [field, spoil] of cases) {
        const bad = JSON.parse(text) as Dump;
        spoil(bad);
        const error = expectAppError(
          rejection(empty, () => loadDump(COMMAND_LINE, bad, { db: empty.db })),
          BadRequestError,
          400,
        );
        expect(Object.keys(error.fieldErrors), field).toContain(field);
        expect(error.message).toContain(field);
      }
      expect(empty.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM revisions`)?.n).toBe(0);
    } finally {
      empty.cleanup();
    }
  });
});
