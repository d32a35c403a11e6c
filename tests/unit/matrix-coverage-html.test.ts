import { describe, expect, it } from 'vitest';
import { matrixTableHtml } from '@/app/_components/matrix-html';
import type { MatrixView } from '@/lib/server/matrix/matrix';

const column = (slug: string, known: number) => ({
  mesh: { slug, name: slug, status: 'active' as const, homepage: null },
  version: { id: known, label: '1.0', releasedOn: null, createdAt: '2024-01-01T00:00:00.000Z' },
  coverage: { known, rows: 10 },
});

function matrixOf(columns: ReturnType<typeof column>[], sparseCount?: number): MatrixView {
  return { columns, categories: [], cells: {}, pending: {}, ...(sparseCount === undefined ? {} : { sparseCount }) };
}

describe('coverage in the matrix headers', () => {
  it('shows every column its coverage and marks meshes with little data in words', () => {
    const html = matrixTableHtml(matrixOf([column('full', 9), column('thin', 2)]), 'caption');
    expect(html).toContain('9 of 10 rows known</span>');
    expect(html).toContain('2 of 10 rows known, little data yet</span>');
  });

  it('draws the divider before the first sparse column only when columns are grouped by coverage', () => {
    const grouped = matrixTableHtml(
      matrixOf([column('full', 9), column('half', 5), column('thin', 2), column('thinner', 1)], 2),
      'caption',
    );
    expect(grouped.match(/border-l-4/g)).toHaveLength(1);
    expect(grouped).toMatch(/<th scope="col" class="[^"]*border-l-4[^"]*"><a href="\/meshes\/thin"/);
    expect(matrixTableHtml(matrixOf([column('full', 9), column('thin', 2)]), 'caption')).not.toContain('border-l-4');
  });
});
