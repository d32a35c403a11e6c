import { describe, expect, it } from 'vitest';
import { cellHtml, featureHeaderHtml, matrixTableHtml, SourceNotes } from '@/app/_components/matrix-html';
import { escapeHtml } from '@/lib/rules/escape-html';
import { cellValue } from '../support/cell-value';
import type { MatrixView } from '@/lib/server/matrix/matrix';
import { columnPageOf, columnsPerPage, MATRIX_CELLS_PER_PAGE } from '@/lib/server/matrix/matrix';

const hostile = '<script>alert(1)</script>"\'&';

const value = cellValue;

const cell = {
  kind: 'support' as const,
  meshSlug: 'istio',
  label: '1.16.1',
  featureSlug: 'mtls',
  context: 'mTLS in Istio 1.16.1',
};

describe('kept cell markup', () => {
  /** A frozen value, as the pages' read models keep them, that counts how often its note is read. */
  function countedValue() {
    const reads = { note: 0 };
    const base = value({ note: 'Alpha', sources: [{ url: 'https://example.org/a', title: 'A' }] });
    const counted = Object.defineProperty({ ...base }, 'note', {
      enumerable: true,
      get: () => {
        reads.note++;
        return 'Alpha';
      },
    });
    Object.freeze(counted.sources);
    return { value: Object.freeze(counted), reads };
  }

  it('writes a frozen value once per cell and gives the same markup as writing it again', () => {
    const { value: kept, reads } = countedValue();
    const first = cellHtml(kept, cell);
    const readsAfterFirst = reads.note;
    expect(readsAfterFirst).toBeGreaterThan(0);
    expect(cellHtml(kept, cell)).toBe(first);
    expect(reads.note).toBe(readsAfterFirst);
    expect(first).toBe(cellHtml({ ...kept }, cell));
  });

  it('writes it again for another cell, and never keeps a value that is not frozen or a cell with a pending count', () => {
    const { value: kept, reads } = countedValue();
    const first = cellHtml(kept, cell);
    const other = cellHtml(kept, { ...cell, label: '1.17.0' });
    expect(other).not.toBe(first);
    expect(other).toContain('/meshes/istio/1.17.0/mtls');
    const before = reads.note;
    expect(cellHtml(kept, { ...cell, pending: 2 })).toContain('2 pending');
    expect(reads.note).toBeGreaterThan(before);
    const loose = value({ note: 'one' });
    expect(cellHtml(loose, cell)).toContain('one');
    (loose as { note: string | null }).note = 'two';
    expect(cellHtml(loose, cell)).toContain('two');
  });
});

describe('matrix markup', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
  });

  it('renders user text (notes, free text, source titles, carried labels) as text', () => {
    const html = cellHtml(
      value({
        note: hostile,
        sources: [{ url: 'https://example.org/"onmouseover="x', title: hostile }],
        carriedFrom: hostile,
      }),
      cell,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('<span class="n">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</span>');
    expect(html).toContain('aria-label="Source 1: &lt;script&gt;');
    const text = cellHtml(value({ support: null, text: hostile }), { ...cell, kind: 'text' });
    expect(text).toContain('>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</a>');
  });

  it('never turns a stored non-http source into a link', () => {
    const html = cellHtml(
      value({
        sources: [
          { url: 'javascript:alert(1)', title: 'x' },
          { url: 'https://linkerd.io/', title: 'ok' },
        ],
      }),
      cell,
    );
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://linkerd.io/" rel="nofollow ugc noopener"');
    expect(html).toContain('>[2]</a>');
  });

  it('links the value to its history and labels pending proposals with the cell they belong to', () => {
    const html = cellHtml(value(), { ...cell, pending: 2 });
    expect(html).toContain('<a href="/meshes/istio/1.16.1/mtls" class="v badge sup-yes">yes</a>');
    expect(html).toContain('aria-label="2 pending proposals for mTLS in Istio 1.16.1"');
    expect(cellHtml(undefined, cell)).toContain('class="v badge sup-none">nothing recorded</a>');
  });

  it('escapes row names and definitions and drops unsafe reference links', () => {
    const html = featureHeaderHtml({ name: hostile, definition: hostile, referenceUrl: 'javascript:alert(1)' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
  });

  it('builds a table whose headers carry scope, so cells take their names from them', () => {
    const matrix: MatrixView = {
      columns: [
        {
          mesh: { slug: 'istio', name: hostile, status: 'active', homepage: null },
          version: { id: 1, label: '1.16.1', releasedOn: null } as never,
        },
      ],
      categories: [
        {
          slug: 'security',
          name: 'Security',
          features: [
            { id: 1, slug: 'mtls', name: 'mTLS', definition: 'Mutual TLS', referenceUrl: null, kind: 'support' },
          ],
        },
      ],
      cells: { istio: { mtls: value() } },
      pending: {},
    };
    const html = matrixTableHtml(matrix, hostile, 'compare-form');
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('<th scope="colgroup" colspan="2"');
    expect(html).not.toContain('<script');
    expect(html.match(/<td>/g)).toHaveLength(1);
  });
});

describe('numbered source notes', () => {
  it('writes a source cited by many cells once, and numbers sources in order of first citation', () => {
    const notes = new SourceNotes();
    const shared = { url: 'https://servicemesh.es/', title: 'servicemesh.es' };
    const a = cellHtml(value({ sources: [shared] }), { ...cell, notes });
    const b = cellHtml(value({ sources: [{ url: 'https://istio.io/docs', title: null }, shared] }), {
      ...cell,
      featureSlug: 'retries',
      notes,
    });
    expect(a).toContain('<a href="#src-1" class="s">[1]</a>');
    expect(b).toContain('<a href="#src-2" class="s">[2]</a><a href="#src-1" class="s">[1]</a>');
    expect(notes.size).toBe(2);
    const list = notes.html('Sources');
    expect(list.match(/<li /g)).toHaveLength(2);
    expect(list).toContain(
      '<li id="src-1"><a href="https://servicemesh.es/" rel="nofollow ugc noopener">servicemesh.es</a></li>',
    );
    // A source without a title is named by its address.
    expect(list).toContain('>https://istio.io/docs</a>');
  });

  it('keeps hostile titles as text and never numbers a source that may not be a link', () => {
    const notes = new SourceNotes();
    const html = cellHtml(
      value({
        sources: [
          { url: 'javascript:alert(1)', title: 'x' },
          { url: 'https://example.org/"onmouseover="x', title: hostile },
        ],
      }),
      { ...cell, notes },
    );
    expect(notes.size).toBe(1);
    expect(html).toContain('[1]');
    expect(html).not.toContain('[2]');
    const list = notes.html(hostile);
    expect(list).not.toContain('<script');
    expect(list).not.toContain('javascript:');
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('pages of meshes', () => {
  it('fits the seeded field on one page and cuts a large one by the cell budget', () => {
    expect(columnsPerPage(53)).toBe(16);
    expect(columnsPerPage(291)).toBe(Math.floor(MATRIX_CELLS_PER_PAGE / 291));
    expect(columnsPerPage(5000)).toBe(4);
  });

  it('windows the columns and refuses pages that do not exist', () => {
    expect(columnPageOf(36, 1, 6)).toEqual({ page: 1, pageCount: 6, first: 1, last: 6, total: 36 });
    expect(columnPageOf(37, 7, 6)).toEqual({ page: 7, pageCount: 7, first: 37, last: 37, total: 37 });
    expect(columnPageOf(36, 7, 6)).toBeNull();
    expect(columnPageOf(36, 0, 6)).toBeNull();
    expect(columnPageOf(0, 1, 6)).toMatchObject({ pageCount: 1, total: 0 });
  });
});
