import { collapseWhitespace, decodeEntities, htmlFragmentToCell } from './inline-text';
import { isCategoryRow, type ParseResult, type TableLink, type TableProblem, type TableRow } from './table';

const delimiterRow = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const fence = /^\s*(```|~~~)/;
const footnoteLine = /^\s*\\?(\*{1,3}|†|‡|¹|²|³)\s*[=:]\s*(.+?)\s*$/;

/** 0-based indexes of lines that start a Markdown table (outside code fences). */
export function findMarkdownTables(lines: string[]): number[] {
  const starts: number[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length - 1; i++) {
    if (fence.test(lines[i]!)) inFence = !inFence;
    if (inFence) continue;
    const next = lines[i + 1]!;
    if (lines[i]!.includes('|') && next.includes('|') && delimiterRow.test(next) && !(starts.length && isInsideTable(lines, starts.at(-1)!, i))) {
      starts.push(i);
    }
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

const linkTarget = String.raw`<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+(?:"[^"]*"|'[^']*'))?`;
const imagePattern = new RegExp(String.raw`!\[([^\]]*)\]\(\s*${linkTarget}\s*\)`, 'g');
const linkPattern = new RegExp(String.raw`\[([^\]]*)\]\(\s*${linkTarget}\s*\)`, 'g');

/** One Markdown cell as text: images become their alt text, links their text (collected), emphasis and code marks go. */
function markdownCell(raw: string): { text: string; links: TableLink[] } {
  const links: TableLink[] = [];
  const source = raw
    .replace(imagePattern, (_whole, alt: string) => alt)
    .replace(linkPattern, (_whole, label: string, href: string) => {
      links.push({ url: decodeEntities(href), title: collapseWhitespace(stripEmphasis(label)) || null });
      return label;
    })
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_whole, href: string) => {
      links.push({ url: decodeEntities(href), title: null });
      return href;
    });
  const cell = htmlFragmentToCell(stripEmphasis(source).replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, '$1'), links);
  for (const link of cell.links) if (link.title) link.title = decodeEntities(link.title);
  return cell;
}

function stripEmphasis(text: string): string {
  return text
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*\\])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}

/** The first table of `starts` (from findMarkdownTables), its footnotes, and where the others are. */
export function parseMarkdownTable(lines: string[], starts: number[]): ParseResult {
  const start = starts[0]!;
  const problems: TableProblem[] = [];
  const notes: string[] = [];
  const width = splitMarkdownRow(lines[start + 1]!).length;
  const header = splitMarkdownRow(lines[start]!);
  if (header.length !== width) {
    problems.push({ line: start + 1, message: `line ${start + 1}: the header row has ${header.length} cells but the line under it has ${width} columns` });
  }
  const rows: TableRow[] = [{ line: start + 1, cells: header.map(markdownCell), category: false }];
  let end = start + 2;
  for (; end < lines.length && isBodyLine(lines[end]!); end++) {
    const raw = splitMarkdownRow(lines[end]!);
    if (raw.length !== width) {
      problems.push({ line: end + 1, message: `line ${end + 1}: the row has ${raw.length} cells where the header has ${width}` });
    }
    const cells = raw.map(markdownCell);
    rows.push({ line: end + 1, cells, category: isCategoryRow(cells) });
  }
  if (starts.length > 1) notes.push(`Only the first table (line ${start + 1}) was read; ${starts.length - 1} more table(s) from line ${starts[1]! + 1} were ignored.`);
  const footnotes: Record<string, string> = {};
  lines.forEach((line, index) => {
    if (index >= start && index < end) return;
    const match = footnoteLine.exec(line);
    if (match && !(match[1]! in footnotes)) footnotes[match[1]!] = markdownCell(match[2]!).text;
  });
  return { table: { format: 'markdown', line: start + 1, width, rows, footnotes }, problems, notes };
}
