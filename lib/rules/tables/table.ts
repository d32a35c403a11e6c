/** A comparison table as the parsers read it: rows of text cells with their links, before any mapping. */

export interface TableLink {
  /** As written in the table; relative links are resolved against the source URL when mapped. */
  url: string;
  title: string | null;
}

export interface TableCell {
  /**
   * The whole text as a browser shows it: nested elements joined with the spacing a browser gives (block elements,
   * `<br>`, `<small class=form-text>`-style explanations separated by a space; inline elements joined without extra
   * space), entities decoded, whitespace collapsed. Used for values.
   */
  text: string;
  links: TableLink[];
  /**
   * The cell read as a heading: the name alone, without an explanation that follows it (a `<small>`, text after a
   * `<br>`, a `<span class=…>` after the name, or the title attribute of the cell or of an element wrapping the name),
   * without trailing footnote markers, emphasis or link markup; an image's alt text when the cell is only a logo.
   * Equals `text` for plain cells.
   */
  name: string;
  /**
   * The explanation kept apart from the name, offered as a row's definition; null when none. A `title` attribute
   * counts when there is no other explanation.
   */
  explanation: string | null;
  /** Footnote markers carried by the cell (`*`, `**`, `†`, `‡`, `¹`, `²`, `³`, `[1]`, `[a]`), in order; [] when none. */
  markers: string[];
}

export interface TableRow {
  /** 1-based line of the input where the row starts. */
  line: number;
  /** One cell per column; an HTML cell spanning columns appears in each of them. */
  cells: TableCell[];
  /** A heading inside the table (a category such as "Security Features"), not a row of values. */
  category: boolean;
  /**
   * The row came from a `<thead>` (HTML; in a table without `<thead>`, the leading rows made only of `<th>` cells)
   * or is the Markdown header line, or it repeats a header row further down the table.
   */
  header: boolean;
}

export interface ParsedTable {
  format: 'markdown' | 'html';
  line: number;
  width: number;
  /** `<tfoot>` rows and footnote lines are not in here. */
  rows: TableRow[];
  /**
   * Marker -> footnote text, from `<tfoot>` rows, Markdown footnote lines under the table (`*= text`, `* text`,
   * `[1]: text`, `¹ text`, `† text`) and HTML paragraphs or small elements after the table that start with a marker.
   * The key is the marker as it appears in cells (`*`, `[1]`, `¹`, `†`).
   */
  footnotes: Record<string, string>;
  /** Footnote text that carries no marker (e.g. a `<tfoot>` row "Last updated 2023"). */
  footnoteNotes: string[];
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
  return (
    cells.length > 1 &&
    cells[0]!.text !== '' &&
    cells.slice(1).every((cell) => cell.text === '' || fillerCell.test(cell.text))
  );
}

const otherTexts = (row: TableRow) => row.cells.slice(1).map((cell) => cell.text);

/**
 * Tables that start each category with the whole header row again, the category's name in its first cell: such a
 * row is a category (a header row too). A repeat with an empty first cell stays a header row and no category.
 */
export function markRepeatedHeaders(rows: TableRow[]): void {
  let lead = 0;
  while (lead < rows.length && rows[lead]!.header && !rows[lead]!.category) lead++;
  // One mesh per table is too few to tell a repeated header from a value that names the mesh.
  const headers = rows.slice(0, lead).filter((row) => otherTexts(row).filter(Boolean).length >= 2);
  for (const row of rows.slice(lead)) {
    if (row.category) continue;
    const others = otherTexts(row);
    const repeats = headers.some(
      (header) => header.cells.length === row.cells.length && otherTexts(header).every((text, i) => text === others[i]),
    );
    if (!repeats) continue;
    row.header = true;
    row.category = row.cells[0]!.text !== '';
  }
}
