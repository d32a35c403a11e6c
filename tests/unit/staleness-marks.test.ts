import { describe, expect, it } from 'vitest';
import { cellHtml } from '@/app/_components/matrix-html';
import { cellValue } from '../support/cell-value';
import type { CellValue } from '@/lib/server/matrix/matrix';

const value = (overrides: Partial<CellValue> = {}) =>
  cellValue({ updatedAt: '2021-03-01T00:00:00.000Z', confirmedOn: '2021-03-01', ...overrides });

const cell = { kind: 'support' as const, meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls', context: '' };

describe('matrix marks for staleness and inferred releases', () => {
  it('a fresh value with a named release carries neither mark', () => {
    const html = cellHtml(value(), cell);
    expect(html).not.toContain('class="st"');
    expect(html).not.toContain('class="ri"');
  });

  it('a stale value links to the explanation on its cell page, with text for screen readers', () => {
    const html = cellHtml(value({ stale: true }), cell);
    expect(html).toContain(
      '<a href="/meshes/istio/1.16.1/mtls#freshness" class="st" title="needs checking"><span aria-hidden="true">&#9719;</span><span class="sr-only">needs checking</span></a>',
    );
    // The value link keeps its plain name.
    expect(html).toMatch(/<a href="\/meshes\/istio\/1\.16\.1\/mtls" class="v badge sup-yes">yes<\/a>/);
  });

  it('an inferred release is marked, with text for screen readers', () => {
    const html = cellHtml(value({ releaseInferred: true }), cell);
    expect(html).toMatch(
      /<span class="ri" title="[^"]+"><span aria-hidden="true">&#8776;<\/span><span class="sr-only">release inferred from the source&#8217;s date<\/span><\/span>/,
    );
  });

  it('writes its marks and their labels in ASCII, so a table of plain data stays a one-byte string', () => {
    const html = cellHtml(value({ stale: true, releaseInferred: true, carriedFrom: '1.15' }), cell);
    expect(html).toMatch(/^[\x00-\x7f]*$/);
    expect(html).toContain('&#8635; 1.15');
  });
});
