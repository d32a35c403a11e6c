import { htmlFragmentToCell, readFootnoteLine } from './inline-text';
import {
  isCategoryRow,
  markRepeatedHeaders,
  type ParseResult,
  type TableCell,
  type TableProblem,
  type TableRow,
} from './table';
import { escapeHtml } from '../escape-html';

const delimiterRow = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const fence = /^\s*(```|~~~)/;

/** 0-based indexes of lines that start a Markdown table (outside code fences). */
export function findMarkdownTables(lines: string[]): number[] {
  const starts: number[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length - 1; i++) {
    if (fence.test(lines[i]!)) inFence = !inFence;
    if (inFence) continue;
    const next = lines[i + 1]!;
    const continuesTable = starts.length > 0 && isInsideTable(lines, starts.at(-1)!, i);
    if (lines[i]!.includes('|') && next.includes('|') && delimiterRow.test(next) && !continuesTable) starts.push(i);
  }
  return starts;
}

function isInsideTable(lines: string[], start: number, index: number): boolean {
  for (let i = start + 2; i <= index; i++) if (!isBodyLine(lines[i]!)) return false;
  return true;
}

const isBodyLine = (line: string) => line.trim() !== '' && line.includes('|');

function splitMarkdownRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') {
      current += '|';
      i++;
    } else if (row[i] === '|') {
      cells.push(current);
      current = '';
    } else {
      current += row[i];
    }
  }
  cells.push(current);
  return cells.map((cell) => cell.trim());
}

const linkTarget = String.raw`<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+(?:"([^"]*)"|'([^']*)'))?`;
// Labels hold no `[`, so a run of unclosed brackets costs linear time rather than quadratic.
const imagePattern = new RegExp(String.raw`!\[([^[\]]*)\]\(\s*${linkTarget}\s*\)`, 'g');
const linkPattern = new RegExp(String.raw`\[([^[\]]*)\]\(\s*${linkTarget}\s*\)`, 'g');
const referenceLinkPattern = /\[([^[\]]+)\]\[([^[\]]*)\]/g;
const definitionLine = /^\s{0,3}\[([^\]^]+)\]:\s*<?(\S+?)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$/;
const looksLikeUrl = /^(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|\/|\.\.?\/|#|www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/|$))/i;

/** Link reference definitions (`[istio]: https://istio.io`): the targets of `[Istio][istio]`, and never footnotes. */
type Definitions = Map<string, string>;

function readDefinition(line: string): [string, string] | null {
  const match = definitionLine.exec(line);
  return match && looksLikeUrl.test(match[2]!) ? [match[1]!.trim().toLowerCase(), match[2]!] : null;
}

const attribute = (value: string) =>
  value.replace(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi, '&amp;').replace(/"/g, '&quot;');

/**
 * One Markdown cell turned into HTML and read like an HTML cell: images, links (inline, reference, autolinks)
 * and inline HTML become elements, emphasis and code marks go. Code spans, backslash escapes and tags are set
 * aside while emphasis is stripped, so a `*` in a URL or in code is never read as emphasis.
 */
function markdownCell(raw: string, definitions: Definitions): TableCell {
  const kept: string[] = [];
  const keep = (html: string) => `\uE000${kept.push(html) - 1}\uE001`;
  let source = raw
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_whole, _ticks: string, code: string) => keep(escapeHtml(code.trim())))
    .replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_whole, char: string) => keep(escapeHtml(char)))
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_whole, href: string) =>
      keep(`<a href="${attribute(href)}">${escapeHtml(href)}</a>`),
    )
    .replace(/<\/?[a-zA-Z][^>]*>/g, (tag) => keep(tag));
  source = source
    .replace(imagePattern, (_whole, alt: string, href: string) =>
      keep(`<img alt="${attribute(stripEmphasis(alt))}" src="${attribute(href)}">`),
    )
    .replace(linkPattern, (_whole, label: string, href: string, doubleQuoted?: string, singleQuoted?: string) => {
      const title = doubleQuoted ?? singleQuoted;
      return `${keep(`<a href="${attribute(href)}"${title ? ` title="${attribute(title)}"` : ''}>`)}${label}${keep('</a>')}`;
    })
    .replace(referenceLinkPattern, (whole, label: string, reference: string) => {
      const href = definitions.get((reference || label).trim().toLowerCase());
      return href ? `${keep(`<a href="${attribute(href)}">`)}${label}${keep('</a>')}` : whole;
    });
  let html = stripEmphasis(source);
  // Kept pieces may hold others (a link around an image), so restore until none is left.
  while (/\uE000\d+\uE001/.test(html))
    html = html.replace(/\uE000(\d+)\uE001/g, (_whole, index: string) => kept[Number(index)]!);
  return htmlFragmentToCell(html);
}

function stripEmphasis(text: string): string {
  return text
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*\\])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}

/**
 * The first table of `starts` (from findMarkdownTables), its footnotes, and where the others are. Footnote lines
 * are read from under the table up to the next table; `* text` (a bullet as much as a footnote) counts only when a
 * cell carries the marker, and a line that is emphasis (`**Note:** …`) or a link definition is no footnote.
 */
export function parseMarkdownTable(lines: string[], starts: number[]): ParseResult {
  const start = starts[0]!;
  const problems: TableProblem[] = [];
  const notes: string[] = [];
  const definitions: Definitions = new Map(lines.map(readDefinition).filter((d): d is [string, string] => d !== null));
  const cellOf = (raw: string) => markdownCell(raw, definitions);
  const width = splitMarkdownRow(lines[start + 1]!).length;
  const header = splitMarkdownRow(lines[start]!);
  if (header.length !== width) {
    const message = `line ${start + 1}: the header row has ${header.length} cells but the line under it has ${width} columns`;
    problems.push({ line: start + 1, message });
  }
  const rows: TableRow[] = [{ line: start + 1, cells: header.map(cellOf), category: false, header: true }];
  let end = start + 2;
  for (; end < lines.length && isBodyLine(lines[end]!); end++) {
    const raw = splitMarkdownRow(lines[end]!);
    if (raw.length !== width) {
      problems.push({
        line: end + 1,
        message: `line ${end + 1}: the row has ${raw.length} cells where the header has ${width}`,
      });
    }
    const cells = raw.map(cellOf);
    rows.push({ line: end + 1, cells, category: isCategoryRow(cells), header: false });
  }
  markRepeatedHeaders(rows);
  if (starts.length > 1) {
    const others = `${starts.length - 1} more table(s) from line ${starts[1]! + 1}`;
    notes.push(`Only the first table (line ${start + 1}) was read; ${others} were ignored.`);
  }

  const used = new Set(rows.flatMap((r) => r.cells.flatMap((c) => c.markers)));
  const footnotes: Record<string, string> = {};
  let inFence = false;
  for (const line of lines.slice(end, starts[1] ?? lines.length)) {
    if (fence.test(line)) inFence = !inFence;
    if (inFence || readDefinition(line)) continue;
    const footnote = readFootnoteLine(line);
    if (!footnote || readFootnoteLine(stripEmphasis(line.trim()))?.marker !== footnote.marker) continue;
    if (footnote.separated === 'space' && !used.has(footnote.marker)) continue;
    footnotes[footnote.marker] ??= cellOf(footnote.text).text;
  }
  return { table: { format: 'markdown', line: start + 1, width, rows, footnotes, footnoteNotes: [] }, problems, notes };
}
