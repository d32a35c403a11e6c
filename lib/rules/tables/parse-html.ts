import { emptyCell, htmlFragmentToCell, htmlFragmentToLines, parseAttributes, readFootnoteLine } from './inline-text';
import { isCategoryRow, markRepeatedHeaders } from './table';
import type { ParsedTable, ParseResult, TableCell, TableProblem, TableRow } from './table';

export interface HtmlTableLocation {
  /** Offset of the `<table` tag. */
  offset: number;
  line: number;
}

/** Comments, scripts and styles blanked out with their newlines kept, so offsets and line numbers still match the input. */
function blankOutNonContent(text: string): string {
  return text.replace(/<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>/gi, (whole) => whole.replace(/[^\n]/g, ' '));
}

function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

export function findHtmlTable(text: string): HtmlTableLocation | null {
  const cleaned = blankOutNonContent(text);
  const match = /<table\b[^>]*>/i.exec(cleaned);
  return match ? { offset: match.index, line: lineCounter(cleaned)(match.index) } : null;
}

interface RawCell {
  html: string;
  colspan: number;
  rowspan: number;
  headerCell: boolean;
  title: string | null;
}

type Section = 'head' | 'body' | 'foot';

interface RawRow {
  line: number;
  cells: RawCell[];
  section: Section;
}

const span = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1000) : 1;
};

/** The first `<table>` (nested tables are read as the text of their cell), as a grid with colspan and rowspan filled in. */
export function parseHtmlTable(text: string, location: HtmlTableLocation): ParseResult {
  const source = blankOutNonContent(text);
  const lineAt = lineCounter(source);
  const problems: TableProblem[] = [];
  const notes: string[] = [];
  const rows: RawRow[] = [];
  let row: RawRow | null = null;
  let cell: RawCell | null = null;
  let caption: string | null = null;
  let section: Section = 'body';
  let depth = 0;
  let closed = false;
  let position = location.offset;

  const closeCell = () => {
    if (cell && row) row.cells.push(cell);
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    if (row && row.cells.length > 0) rows.push(row);
    row = null;
  };

  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b([^>]*)>/g;
  tag.lastIndex = location.offset;
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    const between = source.slice(position, match.index);
    position = tag.lastIndex;
    if (cell) (cell as RawCell).html += between;
    else if (caption !== null) caption += between;
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    if (name === 'table') {
      if (!closing) depth++;
      if (depth === 1 && !closing) continue;
      if (closing && depth === 1) {
        closeRow();
        closed = true;
        break;
      }
      if (closing) depth--;
      if (cell) (cell as RawCell).html += match[0];
      continue;
    }
    if (depth > 1) {
      if (cell) (cell as RawCell).html += match[0];
      continue;
    }
    if (name === 'tr' || name === 'thead' || name === 'tbody' || name === 'tfoot') {
      closeRow();
      if (name === 'thead' || name === 'tfoot') section = closing ? 'body' : name === 'thead' ? 'head' : 'foot';
      if (name === 'tbody') section = 'body';
      if (name === 'tr' && !closing) row = { line: lineAt(match.index), cells: [], section };
    } else if (name === 'td' || name === 'th') {
      closeCell();
      if (!closing) {
        row ??= { line: lineAt(match.index), cells: [], section };
        const attributes = parseAttributes(match[3] ?? '');
        const spans = { colspan: span(attributes.colspan), rowspan: span(attributes.rowspan) };
        cell = { html: '', ...spans, headerCell: name === 'th', title: attributes.title ?? null };
      }
    } else if (name === 'caption') {
      if (closing) {
        if (caption?.trim()) notes.push(`Table caption: ${htmlFragmentToCell(caption).text}`);
        caption = null;
      } else caption = '';
    } else if (name !== 'colgroup' && name !== 'col') {
      if (cell) (cell as RawCell).html += match[0];
      else if (caption !== null) caption += match[0];
    }
  }
  if (!closed) {
    closeRow();
    problems.push({ line: location.line, message: `line ${location.line}: the <table> has no closing </table>` });
  }
  const rest = source.slice(position);
  const nextTable = findHtmlTable(rest);
  if (nextTable) notes.push('Only the first <table> was read; later tables were ignored.');

  const bodyRows = rows.filter((r) => r.section !== 'foot');
  const gridRows = toGrid(bodyRows, headerRows(bodyRows));
  markRepeatedHeaders(gridRows);
  const firstDataRow = gridRows.find((r) => !r.category);
  const width = firstDataRow?.cells.length ?? 0;
  for (const r of gridRows) {
    if (!r.category && r.cells.length !== width) {
      const message = `line ${r.line}: the row has ${r.cells.length} cells (counting colspan) where the first row has ${width}`;
      problems.push({ line: r.line, message });
    }
  }
  const { footnotes, footnoteNotes } = readFootnotes(
    rows.filter((r) => r.section === 'foot'),
    rest.slice(0, nextTable?.offset ?? rest.length),
    gridRows,
  );
  return {
    table: { format: 'html', line: location.line, width, rows: gridRows, footnotes, footnoteNotes },
    problems,
    notes,
  };
}

/** Rows from `<thead>`; without one, the leading rows made only of `<th>` cells (a single cell spanning the row is a category). */
function headerRows(rows: RawRow[]): Set<RawRow> {
  if (rows.some((r) => r.section === 'head')) return new Set(rows.filter((r) => r.section === 'head'));
  const leading = new Set<RawRow>();
  for (const r of rows) {
    if (r.cells.length < 2 || !r.cells.every((c) => c.headerCell)) break;
    leading.add(r);
  }
  return leading;
}

/**
 * `<tfoot>` lines that start with a marker are footnotes and the others notes, unless the row repeats the header.
 * After the table, paragraphs that start with a marker are footnotes too; a marker followed only by a space (a
 * bullet, as likely as a footnote) counts only when a cell carries it.
 */
function readFootnotes(
  footRows: RawRow[],
  after: string,
  rows: TableRow[],
): Pick<ParsedTable, 'footnotes' | 'footnoteNotes'> {
  const footnotes: Record<string, string> = {};
  const footnoteNotes: string[] = [];
  const header = rows.find((r) => r.header && !r.category) ?? rows.find((r) => !r.category);
  const headerText = header?.cells.map((c) => c.text).join(' | ');
  for (const footRow of footRows) {
    const footText = footRow.cells.map((c) => htmlFragmentToCell(c.html).text).join(' | ');
    if (headerText && footRow.cells.length > 1 && footText === headerText) continue;
    for (const cell of footRow.cells) {
      for (const line of htmlFragmentToLines(cell.html)) {
        const footnote = readFootnoteLine(line);
        if (footnote) footnotes[footnote.marker] ??= footnote.text;
        else footnoteNotes.push(line);
      }
    }
  }
  const used = new Set(rows.flatMap((r) => r.cells.flatMap((c) => c.markers)));
  for (const line of htmlFragmentToLines(after.replace(/\n[ \t]*\n/g, '<br>'))) {
    const footnote = readFootnoteLine(line);
    if (footnote && (footnote.separated !== 'space' || used.has(footnote.marker)))
      footnotes[footnote.marker] ??= footnote.text;
  }
  return { footnotes, footnoteNotes };
}

function toGrid(rows: RawRow[], headers: Set<RawRow>): TableRow[] {
  const carried: { cell: TableCell; remaining: number }[] = [];
  return rows.map((raw) => {
    const cells: TableCell[] = [];
    let column = 0;
    const fillCarried = () => {
      while (carried[column] && carried[column]!.remaining > 0) {
        cells[column] = carried[column]!.cell;
        carried[column]!.remaining--;
        column++;
      }
    };
    for (const rawCell of raw.cells) {
      fillCarried();
      const cell = htmlFragmentToCell(rawCell.html, [], rawCell.title);
      for (let k = 0; k < rawCell.colspan; k++) {
        cells[column] = cell;
        carried[column] = { cell, remaining: rawCell.rowspan - 1 };
        column++;
      }
    }
    while (column < carried.length) {
      if (carried[column] && carried[column]!.remaining > 0) fillCarried();
      else column++;
    }
    const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? emptyCell());
    const singleCell = raw.cells.length === 1 && filled.every((c) => c === filled[0]);
    return { line: raw.line, cells: filled, category: singleCell || isCategoryRow(filled), header: headers.has(raw) };
  });
}
