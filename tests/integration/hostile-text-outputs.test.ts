import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixTableHtml } from '@/app/_components/matrix-html';
import { appendRevision } from '@/lib/server/cells/cells';
import { renderAtomFeed } from '@/lib/server/changes/atom';
import { listChanges } from '@/lib/server/changes/changes';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { CSV_COLUMNS, renderCsv } from '@/lib/server/exports/csv';
import { matrixToJson } from '@/lib/server/exports/matrix-json';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { parseCsv } from '@/tests/support/csv';
import { featureId, versionOf } from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';
import { xmlWellFormedProblem } from '@/tests/support/xml-well-formed';

/*
 * Rows written before the text policy (or by another tool) may hold anything:
 * controls, lone surrogates, noncharacters, markup. These are written straight
 * into a real database, under the policy, and every format built from stored
 * text must still parse: the Atom feed as XML, the HTML-string matrix as
 * markup, the CSV as RFC 4180 and the JSON as JSON.
 */

const hostileStrings = [
  'a\u0001b',
  'nul\u0000here',
  'lone \uD800 surrogate',
  'low \uDC00 first',
  '\uFFFE\uFFFF',
  ']]><!-- --><![CDATA[',
  '<script>alert(1)</script>&amp;&#0;&#xD800;',
  '"\',=+-@\t\r\n',
  'right\u202Eleft',
];
const stored = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ unit: 'binary', maxLength: 24 }));

/** The HTML-string matrix uses HTML's void elements; written as XML's empty elements, it must be well-formed. */
function asXml(html: string): string {
  return `<div>${html.replace(/<(input|br|img|hr)\b([^>]*?)\/?>/g, '<$1$2/>')}</div>`;
}

describe('every format built from stored text parses, whatever was stored', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('the Atom feed, the HTML-string matrix, the CSV and the JSON', () => {
    const istio = versionOf(db, 'istio', '1.16.1');
    const mtls = featureId(db, 'mtls');
    const license = featureId(db, 'license');
    fc.assert(
      fc.property(stored, stored, (note, title) => {
        const sources = [{ url: 'https://istio.io/latest/', title: title || null }];
        const base = { meshVersionId: istio.id, sources, kind: 'import' as const, reason: note };
        appendRevision(db.db, { ...base, featureId: mtls, support: 'partial', text: null, note });
        appendRevision(db.db, { ...base, featureId: license, support: null, text: note || 'x', note: title });
        db.db.run(sql`UPDATE meshes SET name = ${`Istio ${title}`} WHERE slug = 'istio'`);

        const feed = renderAtomFeed(listChanges({ mesh: 'istio', pageSize: 5 }, db.db).entries, {
          siteUrl: 'https://meshmatrix.example',
          selfPath: '/changes/feed.xml',
          title: `Recent changes to Istio ${title}`,
        });
        expect(xmlWellFormedProblem(feed), feed).toBeNull();
        expect(feed).not.toMatch(/[\uD800-\uDFFF]/u);

        const matrix = getMatrix({ meshes: ['istio'] }, db.db);
        const html = matrixTableHtml(matrix, `Istio ${note}`);
        expect(xmlWellFormedProblem(asXml(html))).toBeNull();
        expect(html).not.toMatch(/[\uD800-\uDFFF]/u);

        const rows = parseCsv(renderCsv(listAllCells(['istio'], db.db)));
        expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);

        const json = JSON.stringify(matrixToJson(matrix));
        const roundTripped = JSON.parse(Buffer.from(json, 'utf8').toString('utf8')) as { meshes: unknown[] };
        expect(roundTripped.meshes.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
