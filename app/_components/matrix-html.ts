import 'server-only';
import { coverageLabel, isSparse } from '@/lib/rules/coverage';
import {
  carriedNotice,
  cellPath,
  releaseInferredMarkText,
  releasePath,
  staleMarkText,
  supportBadgeClass,
  supportLabels,
  userLinkRel,
} from '@/lib/rules/format';
import type { Source } from '@/db/schema';
import type { CellValue, FeatureView, MatrixView } from '@/lib/server/matrix/matrix';
import type { MeshPage, ReleaseDiff, ReleaseDiffRow } from '@/lib/server/matrix/meshes';
import type { RowChange } from '@/lib/rules/release-diff';
import { sourceHref, sourceUrlProblem } from '@/lib/rules/sources';
import { releaseKey } from '@/lib/rules/cell-keys';
import { escapeHtml } from '@/lib/rules/escape-html';

/*
 * The matrix is built as one HTML string instead of a React tree. At scale
 * (thousands of cells) React renders every element twice, once into the RSC
 * payload and once into HTML, which made an uncached `/` take seconds; a
 * string is serialised once and copied. Every value that reaches the markup
 * goes through `escapeHtml` or `attribute`, so user text stays text.
 */

function attribute(name: string, value: string): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

/**
 * Our own text in the tables (marks and their labels) as ASCII, non-ASCII characters as numeric references: one such
 * character makes V8 hold a whole table's string in two bytes per character, and every later step (hashing the
 * markup, encoding it, Next decoding and measuring the page) then costs about twice as much. Reader text keeps its
 * characters.
 */
function asciiHtml(text: string): string {
  return escapeHtml(text).replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

const carriedMark = asciiHtml('↻');
const inferredMark = asciiHtml('≈');
const staleMark = asciiHtml('◷');
const inferredMarkText = asciiHtml(releaseInferredMarkText);

export interface CellContext {
  kind: 'support' | 'text';
  meshSlug: string;
  label: string;
  featureSlug: string;
  /** Names the cell in the pending mark's label, which stands apart from the table. */
  context: string;
  pending?: number;
  /** Given, sources become numbered notes under the table: a source cited by hundreds of cells is written once. */
  notes?: SourceNotes;
}

/**
 * The sources of a whole table as numbered notes. In the matrix most cells cite one of a few dozen sources (the
 * servicemesh.es table at some commit, an article), and writing each link out per cell was most of the page.
 */
export class SourceNotes {
  private readonly numbers = new Map<string, number>();
  private readonly items: string[] = [];

  /** The note number of a source, or null for one that may not become a link. */
  numberOf(source: Source): number | null {
    const href = sourceHref(source);
    if (!href) return null;
    const key = `${href}\n${source.title ?? ''}`;
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.items.length + 1;
      this.numbers.set(key, n);
      this.items.push(
        `<li${attribute('id', `src-${n}`)}><a${attribute('href', href)}${attribute('rel', userLinkRel)}>${escapeHtml(source.title ?? source.url)}</a></li>`,
      );
    }
    return n;
  }

  get size(): number {
    return this.items.length;
  }

  /** The numbered list, headed so the notes' links land under a named section. */
  html(heading: string): string {
    return `<h2 id="sources-heading" class="text-base font-semibold">${escapeHtml(heading)}</h2><ol class="src-notes">${this.items.join('')}</ol>`;
  }
}

/**
 * One cell: the value (linking to its history), the qualifier note, numbered
 * sources and the carried mark. Inside the table a cell's links take their
 * purpose from the row and column headers (`th` with `scope`), so they carry
 * no per-cell labels repeating row, mesh and release: at thousands of cells
 * those labels were most of the page.
 */
export function cellHtml(value: CellValue | undefined, cell: CellContext): string {
  if (!value || cell.notes || cell.pending || !Object.isFrozen(value)) return writeCellHtml(value, cell);
  const key = `${cell.kind}\n${cell.meshSlug}\n${cell.label}\n${cell.featureSlug}`;
  const kept = keptCellMarkup.get(value);
  if (kept?.key === key) return kept.html;
  const html = writeCellHtml(value, cell);
  keptCellMarkup.set(value, { key, html });
  return html;
}

/**
 * Markup of kept cell values, by value. The pages' read models share frozen values between reads and read again only
 * the cells that moved (headValues, lib/server/matrix/matrix.ts), so after an approval a release diff meets one new
 * value and hundreds it has written before. A frozen value cannot change under its markup, and the markup depends on
 * nothing else but the key (no numbered notes, no pending count). Weak, so it goes when the value does.
 */
const keptCellMarkup = new WeakMap<CellValue, { key: string; html: string }>();

function writeCellHtml(value: CellValue | undefined, cell: CellContext): string {
  const href = cellPath(cell.meshSlug, cell.label, cell.featureSlug);
  const pending = cell.pending
    ? `<a${attribute('href', `${href}#pending`)} class="p"${attribute('aria-label', `${cell.pending} pending ${cell.pending === 1 ? 'proposal' : 'proposals'} for ${cell.context}`)}>${cell.pending} pending</a>`
    : '';
  if (!value) return `<a${attribute('href', href)} class="v badge sup-none">nothing recorded</a>${pending}`;
  const isText = cell.kind === 'text' || value.support === null;
  let html = isText
    ? `<a${attribute('href', href)} class="v">${escapeHtml(value.text ?? '')}</a>`
    : `<a${attribute('href', href)} class="v ${escapeHtml(supportBadgeClass(value.support!))}">${supportLabels[value.support!]}</a>`;
  if (value.note) html += `<span class="n">${escapeHtml(value.note)}</span>`;
  html += '<span class="srcs">';
  value.sources.forEach((source, i) => {
    if (cell.notes) {
      const n = cell.notes.numberOf(source);
      if (n !== null) html += `<a href="#src-${n}" class="s">[${n}]</a>`;
      return;
    }
    // Stored sources were checked on the way in; this keeps a bad row from ever becoming a live link.
    const href = sourceHref(source);
    if (!href) return;
    html += `<a${attribute('href', href)}${attribute('rel', userLinkRel)} class="s"${attribute('aria-label', `Source ${i + 1}: ${source.title ?? source.url}`)}>[${i + 1}]</a>`;
  });
  if (value.carriedFrom) {
    html += `<span class="c"><span aria-hidden="true">${carriedMark} ${escapeHtml(value.carriedFrom)}</span><span class="sr-only">${escapeHtml(carriedNotice(value.carriedFrom, cell.label))}</span></span>`;
  }
  if (value.releaseInferred)
    html += `<span class="ri" title="${inferredMarkText}"><span aria-hidden="true">${inferredMark}</span><span class="sr-only">${inferredMarkText}</span></span>`;
  // Its own link to the cell page's explanation, so the value link keeps its plain name.
  if (value.stale)
    html += `<a${attribute('href', `${href}#freshness`)} class="st"${attribute('title', staleMarkText)}><span aria-hidden="true">${staleMark}</span><span class="sr-only">${staleMarkText}</span></a>`;
  return `${html}</span>${pending}`;
}

/** A row name whose definition opens in place, without client JavaScript, with a link to the row's page and thread. */
export function featureHeaderHtml(
  feature: Pick<FeatureView, 'name' | 'definition' | 'referenceUrl'> & { slug?: string },
): string {
  const reference =
    feature.referenceUrl && !sourceUrlProblem(feature.referenceUrl)
      ? ` <a${attribute('href', feature.referenceUrl)}${attribute('rel', userLinkRel)} class="text-blue-700 underline dark:text-blue-300">Reference</a>`
      : '';
  const about = feature.slug
    ? ` <a${attribute('href', `/rows/${feature.slug}`)} class="text-blue-700 underline dark:text-blue-300">About this row<span class="sr-only">: ${escapeHtml(feature.name)}</span></a>`
    : '';
  return `<details class="max-w-56"><summary class="font-medium">${escapeHtml(feature.name)}</summary><p class="mt-1 text-xs font-normal text-slate-700 dark:text-slate-300">${escapeHtml(feature.definition)}${reference}${about}</p></details>`;
}

const headCell =
  'sticky top-0 z-20 min-w-36 border-b border-slate-300 bg-slate-100 px-3 py-2 align-bottom dark:border-slate-700 dark:bg-slate-900';
const categoryCell =
  'sticky left-0 border-b border-slate-200 bg-slate-50 px-3 pt-4 pb-1 text-left text-xs font-bold tracking-wide text-slate-800 uppercase dark:border-slate-800 dark:bg-slate-900/70 dark:text-slate-200';
const rowCell =
  'sticky left-0 z-10 border-b border-slate-200 bg-white px-3 py-2 font-medium dark:border-slate-800 dark:bg-slate-950';
/** Marks where the meshes with little data begin, when they are shown after the others. */
const sparseDivider = 'border-l-4 border-l-slate-500 dark:border-l-slate-400';

/** Index of the first column of the trailing group of sparse meshes, or -1 when columns are not grouped that way. */
function firstSparseColumn(matrix: MatrixView): number {
  if (matrix.sparseCount === undefined) return -1;
  return matrix.columns.findIndex((c) => c.coverage && isSparse(c.coverage));
}

/** The coverage line of a column header, and a plain-words mark on meshes with little data. */
function coverageHtml(coverage: MatrixView['columns'][number]['coverage']): string {
  if (!coverage) return '';
  const sparse = isSparse(coverage) ? ', little data yet' : '';
  return `<span class="cov block text-xs font-normal text-slate-700 dark:text-slate-300">${escapeHtml(coverageLabel(coverage) + sparse)}</span>`;
}

/** The whole comparison table: header row of releases, a body per category, a row per feature. */
export function matrixTableHtml(
  matrix: MatrixView,
  caption: string,
  compareForm?: string,
  notes?: SourceNotes,
): string {
  const parts: string[] = [
    `<table class="mx border-separate border-spacing-0 text-left text-sm"><caption class="sr-only">${escapeHtml(caption)}</caption><thead><tr>`,
    '<th scope="col" class="sticky top-0 left-0 z-30 min-w-44 border-b border-slate-300 bg-slate-100 px-3 py-2 dark:border-slate-700 dark:bg-slate-900">Feature</th>',
  ];
  const divider = firstSparseColumn(matrix);
  for (const [index, { mesh, version, coverage }] of matrix.columns.entries()) {
    const compare = compareForm
      ? `<label class="mt-1 flex items-center gap-1 text-xs font-normal"><input type="checkbox" name="meshes"${attribute('value', releaseKey(mesh.slug, version.label))}${attribute('form', compareForm)}>compare</label>`
      : '';
    parts.push(
      `<th scope="col" class="${headCell}${index === divider ? ` ${sparseDivider}` : ''}"><a${attribute('href', `/meshes/${mesh.slug}`)} class="inline-block py-0.5 font-semibold text-blue-800 underline dark:text-blue-200">${escapeHtml(mesh.name)}</a>`,
      `<span class="block text-xs font-normal text-slate-700 dark:text-slate-300"><a${attribute('href', releasePath(mesh.slug, version.label))} class="inline-block py-1 hover:underline">${escapeHtml(version.label)}</a></span>${coverageHtml(coverage)}${compare}</th>`,
    );
  }
  parts.push('</tr></thead>');
  const columnCount = matrix.columns.length + 1;
  for (const category of matrix.categories) {
    parts.push(
      `<tbody><tr><th scope="colgroup" colspan="${columnCount}"${attribute('id', `category-${category.slug}`)} class="${categoryCell}">${escapeHtml(category.name)}</th></tr>`,
    );
    for (const feature of category.features) {
      parts.push(`<tr class="align-top"><th scope="row" class="${rowCell}">${featureHeaderHtml(feature)}</th>`);
      for (const [index, { mesh, version }] of matrix.columns.entries()) {
        const pending = matrix.pending[mesh.slug]?.[feature.slug];
        const context = pending ? `${feature.name} in ${mesh.name} ${version.label}` : '';
        const cell = {
          kind: feature.kind,
          meshSlug: mesh.slug,
          label: version.label,
          featureSlug: feature.slug,
          context,
          pending,
          notes,
        };
        parts.push(
          `<td${index === divider ? ` class="${sparseDivider}"` : ''}>${cellHtml(matrix.cells[mesh.slug]?.[feature.slug], cell)}</td>`,
        );
      }
      parts.push('</tr>');
    }
    parts.push('</tbody>');
  }
  parts.push('</table>');
  return parts.join('');
}

/** Column headers as app/_components/ui/data-table.tsx's `ColumnHeads` draws them. */
function columnHeadsHtml(labels: string[]): string {
  return `<thead><tr>${labels.map((label) => `<th scope="col" class="border-b border-slate-300 px-3 py-2 dark:border-slate-700">${escapeHtml(label)}</th>`).join('')}</tr></thead>`;
}

/** A category heading row spanning the table, as data-table.tsx's `GroupRow` draws it. */
function groupRowHtml(span: number, name: string): string {
  return `<tr><th scope="colgroup" colspan="${span}" class="bg-slate-50 px-3 pt-4 pb-1 text-xs font-bold tracking-wide uppercase dark:bg-slate-900/70">${escapeHtml(name)}</th></tr>`;
}

/** Every row of one mesh at one release: the release page's table. */
export function releaseTableHtml(page: MeshPage): string {
  const { mesh, version } = page;
  const parts = [
    `<table class="mx w-full border-separate border-spacing-0 text-left text-sm"><caption class="sr-only">${escapeHtml(`Every row of the comparison for ${mesh.name} ${version.label}`)}</caption>`,
    columnHeadsHtml(['Feature', 'Value, note and sources']),
  ];
  for (const category of page.categories) {
    parts.push(`<tbody>${groupRowHtml(2, category.name)}`);
    for (const feature of category.features) {
      const cell = cellHtml(page.cells[feature.slug], {
        kind: feature.kind,
        meshSlug: mesh.slug,
        label: version.label,
        featureSlug: feature.slug,
        context: `${feature.name} in ${mesh.name} ${version.label}`,
        pending: page.pending[feature.slug],
      });
      parts.push(
        `<tr class="align-top"><th scope="row" class="w-64 border-b border-slate-200 px-3 py-2 font-medium dark:border-slate-800">${featureHeaderHtml(feature)}</th><td>${cell}</td></tr>`,
      );
    }
    parts.push('</tbody>');
  }
  parts.push('</table>');
  return parts.join('');
}

const rowChangeLabels: Record<RowChange, string> = {
  'newly-supported': 'newly supported',
  'no-longer-supported': 'no longer supported',
  changed: 'changed',
  'sources-only': 'sources changed',
  added: 'newly recorded',
  removed: 'no longer recorded',
  unchanged: 'unchanged',
};

/**
 * Both releases' values as matrix cells: value (linking to that release's history), note, numbered sources, carried
 * mark. Row headers take short component classes (`.mx .rh`, `.mx .chg` in globals.css): a release diff of the large
 * data set has hundreds of rows, and the utility lists were a tenth of its bytes.
 */
function diffRowsHtml(rows: ReleaseDiffRow[], diff: ReleaseDiff): string {
  return rows
    .map((row) => {
      const cells = [
        { value: row.from, label: diff.from.label },
        { value: row.to, label: diff.to.label },
      ]
        .map(
          ({ value, label }) =>
            `<td>${cellHtml(value ?? undefined, { kind: row.feature.kind, meshSlug: diff.mesh.slug, label, featureSlug: row.feature.slug, context: '' })}</td>`,
        )
        .join('');
      return `<tr><th scope="row" class="rh">${escapeHtml(row.feature.name)}<span class="chg">${rowChangeLabels[row.change]}</span></th>${cells}</tr>`;
    })
    .join('');
}

/** The rows that differ between two releases, grouped by category. */
export function releaseDiffTableHtml(diff: ReleaseDiff): string {
  const parts = [
    `<table class="mx w-full border-separate border-spacing-0 text-left text-sm"><caption class="sr-only">${escapeHtml(`Rows that differ between ${diff.mesh.name} ${diff.from.label} and ${diff.to.label}`)}</caption>`,
    columnHeadsHtml(['Feature', diff.from.label, diff.to.label]),
  ];
  for (const category of diff.categories) {
    const changed = category.rows.filter((r) => r.change !== 'unchanged');
    if (changed.length) parts.push(`<tbody>${groupRowHtml(3, category.name)}${diffRowsHtml(changed, diff)}</tbody>`);
  }
  parts.push('</table>');
  return parts.join('');
}

/** The rows with the same value in both releases, in one table. */
export function unchangedRowsTableHtml(diff: ReleaseDiff): string {
  const head = ['Feature', diff.from.label, diff.to.label]
    .map((label) => `<th scope="col" class="px-3 py-2">${escapeHtml(label)}</th>`)
    .join('');
  const rows = diff.categories.flatMap((c) => c.rows.filter((r) => r.change === 'unchanged'));
  return `<table class="mx w-full border-separate border-spacing-0 text-left text-sm"><caption class="sr-only">Rows with the same value in both releases</caption><thead><tr>${head}</tr></thead><tbody>${diffRowsHtml(rows, diff)}</tbody></table>`;
}
