/**
 * Reads a comparison table the way servicemesh.es (Markdown) and Wikipedia
 * (HTML) publish them, into plain rows of text cells with their links. Pure:
 * no database, no knowledge of meshes or rows (that is map-table.ts).
 */
import { findHtmlTable, parseHtmlTable } from './parse-html';
import { findMarkdownTables, parseMarkdownTable } from './parse-markdown';
import type { ParseResult } from './table';

export function parseTable(input: string): ParseResult {
  const text = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const markdownStarts = findMarkdownTables(lines);
  const html = findHtmlTable(text);
  if (html && (markdownStarts.length === 0 || html.line < markdownStarts[0]! + 1)) return parseHtmlTable(text, html);
  if (markdownStarts.length > 0) return parseMarkdownTable(lines, markdownStarts);
  return {
    table: null,
    problems: [
      {
        line: null,
        message:
          'no table found: expected a Markdown pipe table (a header row, then a row like | --- | --- |) or an HTML <table>',
      },
    ],
    notes: [],
  };
}
