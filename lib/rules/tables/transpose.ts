import { emptyCell } from './inline-text';
import type { ParsedTable, TableCell, TableRow } from './table';

/**
 * Meshes as rows and features as columns (the common README layout) turned into meshes as columns: row i col j ->
 * row j col i. Header rows that group feature columns with colspan become category rows placed before the features
 * they group (named by the group cell); the row holding the feature names becomes the first column. Category rows
 * among the meshes ("Open source", "Managed") become a header row grouping the mesh columns, the shape of a two-row
 * grouped header. Feature rows keep the line of the header row with the feature names, category rows the line of
 * their group row. Footnotes are carried over.
 */
export function transposeTable(table: ParsedTable): ParsedTable {
  const { rows } = table;
  let lead = 0;
  while (lead < rows.length && rows[lead]!.header) lead++;
  if (lead === 0 && rows.length > 0) lead = 1;
  const namesRow = rows[lead - 1];
  const groupRows = rows.slice(0, Math.max(lead - 1, 0)).filter((row) => !row.category);
  const meshRows: TableRow[] = [];
  const meshGroups: (TableRow | null)[] = [];
  let group: TableRow | null = null;
  for (const row of rows.slice(lead)) {
    if (row.category) group = row;
    else if (!row.header) {
      meshRows.push(row);
      meshGroups.push(group);
    }
  }
  const footnotes = { ...table.footnotes };
  const result: ParsedTable = {
    ...table,
    width: meshRows.length + 1,
    rows: [],
    footnotes,
    footnoteNotes: [...table.footnoteNotes],
  };
  if (!namesRow) return result;

  const blank = () => Array.from({ length: meshRows.length }, () => emptyCell());
  const firstGroup = meshGroups.find((g) => g !== null);
  if (firstGroup) {
    result.rows.push({
      line: firstGroup.line,
      cells: [emptyCell(), ...meshGroups.map((g) => g?.cells[0] ?? emptyCell())],
      category: false,
      header: true,
    });
  }
  const meshNames = meshRows.map((row) => row.cells[0] ?? emptyCell());
  result.rows.push({
    line: namesRow.line,
    cells: [namesRow.cells[0] ?? emptyCell(), ...meshNames],
    category: false,
    header: true,
  });

  const width = Math.max(table.width, ...rows.map((row) => row.cells.length));
  for (let column = 1; column < width; column++) {
    for (const groupRow of groupRows) {
      const cell: TableCell | undefined = groupRow.cells[column];
      // A colspan cell repeats the same object, so a new object is a new group; a rowspan cell reaching the names row groups nothing.
      const startsGroup =
        cell && cell.text !== '' && cell !== groupRow.cells[column - 1] && cell !== namesRow.cells[column];
      if (startsGroup)
        result.rows.push({ line: groupRow.line, cells: [cell, ...blank()], category: true, header: false });
    }
    result.rows.push({
      line: namesRow.line,
      cells: [namesRow.cells[column] ?? emptyCell(), ...meshRows.map((row) => row.cells[column] ?? emptyCell())],
      category: false,
      header: false,
    });
  }
  return result;
}
