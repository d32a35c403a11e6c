import 'server-only';
import type { Source } from '@/db/schema';
import { formatDate, revisionKindLabels, supportBadgeClass, supportLabels, userLinkRel } from '@/lib/rules/format';
import { escapeHtml } from '@/lib/rules/escape-html';
import { sourceHref } from '@/lib/rules/sources';
import type { CellPage, RevisionView } from '@/lib/server/cells/cell-page';
import { textLinkClass } from './ui/text-link';

/*
 * A cell's history as one HTML string, drawn as app/_components/ui/data-table.tsx and source-links.tsx draw theirs:
 * a cell of the large data set has a hundred revisions or more, and as React elements they were rendered twice (HTML
 * and RSC payload), most of an uncached cell page's time. Every value goes through `escapeHtml`.
 */

const headCellClass = 'border-b border-slate-300 px-3 py-2 dark:border-slate-700';
const bodyCellClass = 'border-b border-slate-200 px-3 py-2 dark:border-slate-800';
const small = (text: string) => `<span class="block text-xs">${escapeHtml(text)}</span>`;

/** source-links.tsx's `SourceList`. */
function sourceListHtml(sources: Source[]): string {
  if (sources.length === 0) return '<p class="text-sm text-slate-600 dark:text-slate-300">No sources.</p>';
  const items = sources.map((source) => {
    const href = sourceHref(source);
    const label = escapeHtml(source.title ?? source.url);
    const link = href
      ? `<a href="${escapeHtml(href)}" rel="${userLinkRel}" class="hover:text-blue-900 dark:hover:text-blue-100 ${textLinkClass}">${label}</a>`
      : `<span>${label}</span>`;
    const address = source.title
      ? `<span class="block text-xs text-slate-600 dark:text-slate-400">${escapeHtml(source.url)}</span>`
      : '';
    return `<li class="break-words">${link}${address}</li>`;
  });
  return `<ol class="list-decimal space-y-1 pl-6 text-sm">${items.join('')}</ol>`;
}

function valueHtml(revision: RevisionView, kind: 'support' | 'text'): string {
  const value =
    kind === 'text' || revision.support === null
      ? `<span>${escapeHtml(revision.text ?? '')}</span>`
      : `<span class="${supportBadgeClass(revision.support)}">${supportLabels[revision.support]}</span>`;
  return revision.note ? `${value}<p class="mt-1 text-xs">${escapeHtml(revision.note)}</p>` : value;
}

function provenanceHtml(revision: RevisionView): string {
  return [
    `<span id="revision-${revision.revisionId}">${escapeHtml(revisionKindLabels[revision.kind])}</span>`,
    revision.carriedFrom ? small(`from ${revision.carriedFrom}, not re-checked`) : '',
    revision.releaseInferred ? small('release inferred from the source’s date') : '',
    revision.authorName ? small(`proposed by ${revision.authorName}`) : '',
    revision.approverName && revision.kind === 'proposal' ? small(`approved by ${revision.approverName}`) : '',
    revision.proposalId
      ? `<a href="/proposals/${revision.proposalId}" class="block text-xs ${textLinkClass}">proposal ${revision.proposalId}</a>`
      : '',
    revision.reason ? small(revision.reason) : '',
  ].join('');
}

/** Every value the cell has had (or one page of them), newest first: date, value and note, how it got there, sources. */
export function cellHistoryTableHtml(page: CellPage): string {
  const head = ['Date', 'Value', 'How it got here', 'Sources']
    .map((label) => `<th scope="col" class="${headCellClass}">${label}</th>`)
    .join('');
  const rows = page.history.map(
    (revision, i) =>
      `<tr class="align-top"><th scope="row" class="${bodyCellClass} font-normal whitespace-nowrap"><time datetime="${escapeHtml(revision.createdAt)}">${escapeHtml(formatDate(revision.createdAt))}</time>${i === 0 && (page.historyPage ?? 1) === 1 ? '<span class="block text-xs font-semibold">current</span>' : ''}</th><td class="${bodyCellClass}">${valueHtml(revision, page.feature.kind)}</td><td class="${bodyCellClass}">${provenanceHtml(revision)}</td><td class="${bodyCellClass}">${sourceListHtml(revision.sources)}</td></tr>`,
  );
  return `<table class="w-full border-separate border-spacing-0 text-left text-sm"><caption class="sr-only">Every value this cell has had, newest first</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
