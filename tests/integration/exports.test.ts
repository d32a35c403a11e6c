import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshVersions } from '@/db/schema';
import { appendRevision } from '@/lib/server/cells/cells';
import { CSV_COLUMNS, renderCsv } from '@/lib/server/exports/csv';
import { BadRequestError } from '@/lib/rules/errors';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { expectAppError, rejection } from '@/tests/support/assertions';
import { activeRowCount, featureId, ISTIO_RELEASES, SOURCE, versionOf } from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';
import { parseCsv } from '@/tests/support/csv';

describe('CSV export', () => {
  let db: TempDatabase;
  const messyNote = 'Opt-in, see "Security"\nsecond line';

  beforeAll(() => {
    db = createTempDatabase();
    const istio = versionOf(db, 'istio', '1.16.1');
    const base = { meshVersionId: istio.id, sources: [SOURCE], kind: 'import' as const, reason: 'csv fixture' };
    appendRevision(db.db, {
      ...base,
      featureId: featureId(db, 'mtls'),
      support: 'partial',
      text: null,
      note: messyNote,
    });
    appendRevision(db.db, {
      ...base,
      featureId: featureId(db, 'license'),
      support: null,
      text: '=HYPERLINK("https://evil.example","x")',
      note: null,
    });
    appendRevision(db.db, {
      ...base,
      featureId: featureId(db, 'developed-by'),
      support: null,
      text: '+cmd',
      note: '@SUM(A1)',
    });
    appendRevision(db.db, {
      ...base,
      featureId: featureId(db, 'governance'),
      support: null,
      text: '-2+3',
      note: '\ttabbed',
    });
  });
  afterAll(() => db.cleanup());

  it('has a header, then one line per mesh, release and active row', () => {
    const csv = renderCsv(listAllCells([], db.db));
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const releases = db.db.select().from(meshVersions).all().length;
    expect(rows.length - 1).toBe(releases * activeRowCount(db));
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const keys = new Set(rows.slice(1).map((r) => `${r[0]}@${r[3]}/${r[6]}`));
    expect(keys.size).toBe(rows.length - 1);
    // Archived meshes are exported too.
    expect(rows.some((r) => r[0] === 'open-service-mesh' && r[2] === 'archived')).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    const rows = parseCsv(renderCsv(listAllCells(['istio'], db.db)));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const find = (label: string, row: string) =>
      rows.find((r) => r[col('release')] === label && r[col('row')] === row)!;

    const mtls = find('1.16.1', 'mtls');
    expect(mtls[col('note')]).toBe(messyNote);
    expect(mtls[col('support')]).toBe('partial');
    expect(mtls[col('revision_kind')]).toBe('import');
    expect(mtls[col('sources')]).toBe(SOURCE.url);
    expect(mtls[col('carried_from')]).toBe('');
    expect(find('1.16.1', 'license')[col('text')]).toBe(`'=HYPERLINK("https://evil.example","x")`);
    expect(find('1.16.1', 'developed-by')[col('text')]).toBe("'+cmd");
    expect(find('1.16.1', 'developed-by')[col('note')]).toBe("'@SUM(A1)");
    expect(find('1.16.1', 'governance')[col('text')]).toBe("'-2+3");
    expect(find('1.16.1', 'governance')[col('note')]).toBe("'\ttabbed");
    for (const row of rows.slice(1)) {
      for (const value of row) expect(value, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const csv = renderCsv(listAllCells(['istio'], db.db));
    expect(csv).toContain('"Opt-in, see ""Security""\nsecond line"');

    // A carried value names the release it came from.
    const carried = rows.find((r) => r[col('revision_kind')] === 'carry_forward')!;
    expect(carried[col('carried_from')]).not.toBe('');
    expect(rows.slice(1).every((r) => r[col('mesh')] === 'istio')).toBe(true);
    expect(rows.length - 1).toBe(ISTIO_RELEASES.length * activeRowCount(db));
  });

  it('refuses unknown meshes', () => {
    const error = expectAppError(
      rejection(db, () => listAllCells(['istio', 'nosuchmesh'], db.db)),
      BadRequestError,
      400,
    );
    expect(error.message).toContain('nosuchmesh');
    expect(Object.keys(error.fieldErrors)).toEqual(['meshes']);
  });
});
