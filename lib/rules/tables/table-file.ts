/**
 * The text of an uploaded or named table file, or why it cannot be read: the
 * importer takes UTF-8 text (Markdown or HTML), not a spreadsheet, a PDF or an
 * image that happens to carry a .md name.
 */
export function readTableFile(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.includes(0))
    return { problem: 'is not a text file: the importer reads Markdown or HTML saved as UTF-8 text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'is not UTF-8 text: save the table as UTF-8 (Markdown or HTML) and try again' };
  }
}
