/**
 * How the importer reads one cell. Support rows: a yes/no/partial word or mark
 * (alone or leading the cell) gives the support level and the rest of the cell
 * the note; a cell with no such word is read as `partial` with its whole text
 * as the note, and the report lists it so the admin can check it in the dry
 * run. Text rows: the text as written. Empty cells (and `n/a`) are skipped.
 * Footnote markers ending the cell (`no*`, `yes¹`, `partial [1]`) add their
 * footnote to the note; a marker without a footnote is dropped.
 */
import type { SupportLevel } from '@/db/schema';
import { splitTrailingMarkers } from './inline-text';

export interface ImportedValue {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  /** True when a support cell had no yes/no/partial word and was read as partial. */
  guessed: boolean;
}

export const supportWords: Record<Exclude<SupportLevel, 'unknown'>, string[]> = {
  yes: ['✓', '✔', '✅', '☑', '🟢', 'yes', 'y', 'true', 'supported'],
  no: ['✗', '✘', '❌', '✖', '➖', '🔴', 'no', 'n', 'false', 'unsupported', 'not supported', 'none', '-', '–', '—'],
  partial: [
    ...['◐', '⚠', '🟡', 'partial', 'partially', 'partly'],
    ...['limited', 'beta', 'experimental', 'alpha', 'preview', 'in preview', 'tech preview'],
  ],
};

/** Words that mean "partial" but say more than that; they are kept as the note. */
const partialWordsKeptAsNote = new Set([
  'limited',
  'beta',
  'experimental',
  'alpha',
  'preview',
  'in preview',
  'tech preview',
]);
const unknownWords = ['?', 'unknown'];
const skipWords = ['n/a', 'na', 'not applicable'];

const lookup = new Map<string, SupportLevel>([
  ...Object.entries(supportWords).flatMap(([level, words]) => words.map((w) => [w, level as SupportLevel] as const)),
  ...unknownWords.map((w) => [w, 'unknown' as SupportLevel] as const),
]);
/** True when text is nothing but a support word or mark ("yes", "✅ Yes", "no"): as a link's title it names nothing. */
export function isOnlySupportWord(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/[.,;:!()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.length > 0 && words.length <= 2 && words.every((w) => lookup.has(w) || skipWords.includes(w));
}
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const isWord = (word: string) => /[\p{L}\d?]/u.test(word) || (word.length === 1 && /[-–—]/.test(word));
/**
 * Longest first, so "not supported" wins over "no" and "in preview" over nothing. A word must end where the
 * cell or a phrase does ("no," but not "none" read as "no"); a mark may run straight into the text ("✅Yes").
 */
const marks = alternation([...lookup.keys()].filter((w) => !isWord(w)));
const words = alternation([...lookup.keys()].filter(isWord));
const leading = new RegExp(`^(?:(${marks})|(${words})(?=$|[\\s,;:(\\[*†‡.!-]))`, 'iu');

const withoutVariationSelectors = (text: string) => text.replace(/\ufe0f/g, '');
const normalizeWord = (text: string) =>
  withoutVariationSelectors(text)
    .trim()
    .replace(/[.!]+$/, '')
    .toLowerCase();

/** The cell's text without its trailing footnote markers, and the footnotes they point to. */
function splitFootnotes(text: string, footnotes: Record<string, string>): { body: string; footnote: string | null } {
  const { body, markers } = splitTrailingMarkers(text);
  if (markers.length === 0) return { body: text, footnote: null };
  const found: string[] = [];
  const joined = markers.join('');
  // `¹²` is footnote 12 where the table has one, else footnotes 1 and 2.
  if (markers.length > 1 && /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u.test(joined) && joined in footnotes) found.push(footnotes[joined]!);
  else
    for (const marker of markers)
      if (marker in footnotes && !found.includes(footnotes[marker]!)) found.push(footnotes[marker]!);
  return { body, footnote: found.join('; ') || null };
}

function unwrap(rest: string): string {
  let note = rest.replace(/^[\s,;:.\-–—]+/, '').trim();
  if (/^\(.*\)$/.test(note) && !note.slice(1, -1).includes(')')) note = note.slice(1, -1).trim();
  return note;
}

const joinNote = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join('; ') || null;

function leadingWord(text: string): { word: string; level: SupportLevel; rest: string } | null {
  const match = leading.exec(text);
  if (!match) return null;
  const word = (match[1] ?? match[2])!;
  return { word, level: lookup.get(word.toLowerCase())!, rest: text.slice(word.length) };
}

/** null: nothing to import from this cell. */
export function readCell(
  text: string,
  kind: 'support' | 'text',
  footnotes: Record<string, string> = {},
): ImportedValue | null {
  const { body, footnote } = splitFootnotes(text.trim(), footnotes);
  const word = normalizeWord(body);
  if (skipWords.includes(word)) return null;
  if (kind === 'text') {
    if (body === '' || /^[-–—]$/.test(body))
      return footnote ? { support: null, text: footnote, note: null, guessed: false } : null;
    return { support: null, text: body, note: footnote, guessed: false };
  }
  if (body === '') return footnote ? { support: 'unknown', text: null, note: footnote, guessed: false } : null;
  const whole = lookup.get(word);
  if (whole) {
    const note = whole === 'partial' && partialWordsKeptAsNote.has(word) ? body.replace(/[.!]+$/, '') : null;
    return { support: whole, text: null, note: joinNote(note, footnote), guessed: false };
  }
  const first = leadingWord(withoutVariationSelectors(body));
  if (first) {
    const { level } = first;
    let kept = level === 'partial' && partialWordsKeptAsNote.has(first.word.toLowerCase()) ? first.word : null;
    let rest = unwrap(first.rest);
    // "✓ Yes", "✅ Yes, via Vault", "🟡 Beta": the word repeats the mark.
    const repeated = leadingWord(rest);
    if (repeated && repeated.level === level) {
      if (!kept && partialWordsKeptAsNote.has(repeated.word.toLowerCase())) kept = repeated.word;
      rest = unwrap(repeated.rest);
    }
    const note = kept && rest ? `${kept}: ${rest}` : (kept ?? (rest || null));
    return { support: level, text: null, note: joinNote(note, footnote), guessed: false };
  }
  return { support: 'partial', text: null, note: joinNote(body, footnote), guessed: true };
}
