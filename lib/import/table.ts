/** A comparison table as the parsers read it: rows of text cells with their links, before any mapping. */

export interface TableLink {
  /** As written in the table; relative links are resolved against the source URL when mapped. */
  url: string;
  title: string | null;
}

export interface TableCell {
  text: string;
  links: TableLink[];
}

export interface TableRow {
  /** 1-based line of the input where the row starts. */
  line: number;
  /** One cell per column; an HTML cell spanning columns appears in each of them. */
  cells: TableCell[];
  /** A heading inside the table (a category such as "Security Features"), not a row of values. */
  category: boolean;
}

export interface ParsedTable {
  format: 'markdown' | 'html';
  line: number;
  width: number;
  rows: TableRow[];
  /** Footnote markers (`*`, `†`) and their text, from lines such as `*= might be possible through manual configuration`. */
  footnotes: Record<string, string>;
}

export interface TableProblem {
  line: number | null;
  message: string;
}

export interface ParseResult {
  table: ParsedTable | null;
  problems: TableProblem[];
  notes: string[];
}

/** Filler that some Markdown tables put in the empty cells of a category row. */
const fillerCell = /^-{2,}$/;

/** A row whose first cell has text and whose other cells are empty (or `---` filler) is a category heading. */
export function isCategoryRow(cells: TableCell[]): boolean {
  return cells.length > 1 && cells[0]!.text !== '' && cells.slice(1).every((cell) => cell.text === '' || fillerCell.test(cell.text));
}
