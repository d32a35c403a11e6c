import { htmlFragmentToCell, parseAttributes } from './inline-text';
import { isCategoryRow, type ParseResult, type TableCell, type TableProblem, type TableRow } from './table';

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
}

interface RawRow {
  line: number;
  cells: RawCell[];
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
      if (name === 'tr' && !closing) row = { line: lineAt(match.index), cells: [] };
    } else if (name === 'td' || name === 'th') {
      closeCell();
      if (!closing) {
        row ??= { line: lineAt(match.index), cells: [] };
        const attributes = parseAttributes(match[3] ?? '');
        cell = { html: '', colspan: span(attributes.colspan), rowspan: span(attributes.rowspan) };
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
  if (findHtmlTable(source.slice(position))) notes.push('Only the first <table> was read; later tables were ignored.');

  const gridRows = toGrid(rows);
  const firstDataRow = gridRows.find((r) => !r.category);
  const width = firstDataRow?.cells.length ?? 0;
  for (const r of gridRows) {
    if (!r.category && r.cells.length !== width) {
      problems.push({ line: r.line, message: `line ${r.line}: the row has ${r.cells.length} cells (counting colspan) where the first row has ${width}` });
    }
  }
  return { table: { format: 'html', line: location.line, width, rows: gridRows, footnotes: {} }, problems, notes };
}

function toGrid(rows: RawRow[]): TableRow[] {
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
      const cell = htmlFragmentToCell(rawCell.html);
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
    const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? { text: '', links: [] });
    const singleCell = raw.cells.length === 1 && filled.every((c) => c === filled[0]);
    return { line: raw.line, cells: filled, category: singleCell || isCategoryRow(filled) };
  });
}
