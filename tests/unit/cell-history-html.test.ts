import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cellHistoryTableHtml } from '@/app/_components/cell-history-html';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { formatDate, revisionKindLabels } from '@/lib/rules/format';
import type { CellPage, RevisionView } from '@/lib/server/cells/cell-page';
import { cellValue } from '../support/cell-value';

const hostile = '<script>alert(1)</script>"\'&';

function revision(overrides: Partial<RevisionView> = {}): RevisionView {
  // A matrix value's extra fields (confirmedOn, stale) are not read by the history.
  return {
    ...cellValue(),
    createdAt: '2024-01-01T00:00:00.000Z',
    authorName: null,
    approverName: null,
    proposalId: null,
    reason: null,
    ...overrides,
  } as RevisionView;
}

const pageOf = (history: RevisionView[], kind: 'support' | 'text' = 'support') =>
  ({ history, feature: { kind } }) as unknown as CellPage;

/** The history as the React kit (data-table, source-links, support-badge, text-link) draws it. */
function historyWithReact(page: CellPage): string {
  const small = (text: string) => h('span', { className: 'block text-xs' }, text);
  const rows = page.history.map((r, i) =>
    h(
      'tr',
      { key: r.revisionId, className: 'align-top' },
      h(
        RowHeader,
        { className: 'font-normal whitespace-nowrap' },
        h('time', { dateTime: r.createdAt }, formatDate(r.createdAt)),
        i === 0 ? h('span', { className: 'block text-xs font-semibold' }, 'current') : null,
      ),
      h(
        Cell,
        null,
        page.feature.kind === 'text' || r.support === null
          ? h('span', null, r.text)
          : h(SupportBadge, { support: r.support }),
        r.note ? h('p', { className: 'mt-1 text-xs' }, r.note) : null,
      ),
      h(
        Cell,
        null,
        h('span', { id: `revision-${r.revisionId}` }, revisionKindLabels[r.kind]),
        r.carriedFrom ? small(`from ${r.carriedFrom}, not re-checked`) : null,
        r.releaseInferred ? small('release inferred from the source’s date') : null,
        r.authorName ? small(`proposed by ${r.authorName}`) : null,
        r.approverName && r.kind === 'proposal' ? small(`approved by ${r.approverName}`) : null,
        r.proposalId
          ? h(
              TextAnchor,
              { href: `/proposals/${r.proposalId}`, className: 'block text-xs' },
              `proposal ${r.proposalId}`,
            )
          : null,
        r.reason ? small(r.reason) : null,
      ),
      h(Cell, null, h(SourceList, { sources: r.sources })),
    ),
  );
  const table = h(DataTable, {
    caption: 'Every value this cell has had, newest first',
    columns: ['Date', 'Value', 'How it got here', 'Sources'],
    children: rows as ReactNode,
  });
  // React keeps the property's casing (`dateTime`); HTML attribute names are case-insensitive.
  return renderToStaticMarkup(table).replaceAll('dateTime=', 'datetime=');
}

describe('cell history markup', () => {
  it('is what the React table kit draws, row for row', () => {
    const page = pageOf([
      revision({ revisionId: 3, kind: 'proposal', authorName: 'Alice', approverName: 'Mo', proposalId: 7, note: 'GA' }),
      revision({ revisionId: 2, kind: 'carry_forward', carriedFrom: '1.2', releaseInferred: true, sources: [] }),
      revision({
        revisionId: 1,
        kind: 'revert',
        reason: 'wrong release',
        support: 'partial',
        sources: [
          { url: 'https://istio.io/a', title: null },
          { url: 'ftp://example.org/x', title: 'FTP' },
        ],
      }),
    ]);
    expect(cellHistoryTableHtml(page)).toBe(historyWithReact(page));
    const text = pageOf([revision({ support: null, text: 'Envoy 1.29' })], 'text');
    expect(cellHistoryTableHtml(text)).toBe(historyWithReact(text));
  });

  it('keeps stored text text: notes, reasons, names, free text, source titles and addresses', () => {
    const html = cellHistoryTableHtml(
      pageOf(
        [
          revision({
            kind: 'proposal',
            support: null,
            text: hostile,
            note: hostile,
            reason: hostile,
            authorName: hostile,
            approverName: hostile,
            carriedFrom: hostile,
            sources: [{ url: 'https://example.org/"onmouseover="x', title: hostile }],
          }),
        ],
        'text',
      ),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"onmouseover');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;/g)?.length).toBe(7);
  });

  it('never links a stored non-http source', () => {
    const html = cellHistoryTableHtml(pageOf([revision({ sources: [{ url: 'javascript:alert(1)', title: null }] })]));
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<li class="break-words"><span>javascript:alert(1)</span></li>');
  });
});
