/**
 * How the importer reads one cell. Support rows: a yes/no/partial word (alone
 * or leading the cell) gives the support level and the rest of the cell the
 * note; a cell with no such word is read as `partial` with its whole text as
 * the note, and the report lists it so the admin can check it in the dry run.
 * Text rows: the text as written. Empty cells (and `n/a`) are skipped.
 */
import type { SupportLevel } from '@/db/schema';

export interface ImportedValue {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  /** True when a support cell had no yes/no/partial word and was read as partial. */
  guessed: boolean;
}

export const supportWords: Record<Exclude<SupportLevel, 'unknown'>, string[]> = {
  yes: ['✓', '✔', '✅', '☑', 'yes', 'y', 'true', 'supported'],
  no: ['✗', '✘', '❌', '✖', 'no', 'n', 'false', 'unsupported', 'not supported', 'none', '-', '–', '—'],
  partial: ['◐', 'partial', 'partially', 'partly', 'limited', 'beta', 'experimental', 'alpha', 'preview', 'in preview', 'tech preview'],
};

/** Words that mean "partial" but say more than that; they are kept as the note. */
const partialWordsKeptAsNote = new Set(['limited', 'beta', 'experimental', 'alpha', 'preview', 'in preview', 'tech preview']);
const unknownWords = ['?', 'unknown'];
const skipWords = ['n/a', 'na', 'not applicable'];

const lookup = new Map<string, SupportLevel>([
  ...Object.entries(supportWords).flatMap(([level, words]) => words.map((w) => [w, level as SupportLevel] as const)),
  ...unknownWords.map((w) => [w, 'unknown' as SupportLevel] as const),
]);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so "not supported" wins over "no" and "in preview" over nothing. */
const leading = new RegExp(
  `^(${[...lookup.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})(?=$|[\\s,;:(\\[*†‡.!-])`,
  'iu',
);

const normalizeWord = (text: string) => text.replace(/\ufe0f/g, '').trim().replace(/[.!]+$/, '').toLowerCase();

/** The cell's text with a trailing footnote marker (`no*`) resolved to the footnote's text. */
function splitFootnote(text: string, footnotes: Record<string, string>): { body: string; footnote: string | null } {
  const match = /(\*{1,3}|†|‡|¹|²|³)$/.exec(text);
  if (!match || !(match[1]! in footnotes)) return { body: text, footnote: null };
  return { body: text.slice(0, -match[1]!.length).trim(), footnote: footnotes[match[1]!]! };
}

function unwrap(rest: string): string {
  let note = rest.replace(/^[\s,;:.\-–—]+/, '').trim();
  if (/^\(.*\)$/.test(note) && !note.slice(1, -1).includes(')')) note = note.slice(1, -1).trim();
  return note;
}

const joinNote = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join('; ') || null;

/** null: nothing to import from this cell. */
export function readCell(text: string, kind: 'support' | 'text', footnotes: Record<string, string> = {}): ImportedValue | null {
  const { body, footnote } = splitFootnote(text.trim(), footnotes);
  const word = normalizeWord(body);
  if (skipWords.includes(word)) return null;
  if (kind === 'text') {
    if (body === '' || /^[-–—]$/.test(body)) return footnote ? { support: null, text: footnote, note: null, guessed: false } : null;
    return { support: null, text: body, note: footnote, guessed: false };
  }
  if (body === '') return footnote ? { support: 'unknown', text: null, note: footnote, guessed: false } : null;
  const whole = lookup.get(word);
  if (whole) {
    const note = whole === 'partial' && partialWordsKeptAsNote.has(word) ? body.replace(/[.!]+$/, '') : null;
    return { support: whole, text: null, note: joinNote(note, footnote), guessed: false };
  }
  const match = leading.exec(body.replace(/\ufe0f/g, ''));
  if (match) {
    const level = lookup.get(match[1]!.toLowerCase())!;
    const kept = level === 'partial' && partialWordsKeptAsNote.has(match[1]!.toLowerCase()) ? match[1]! : null;
    let rest = unwrap(body.replace(/\ufe0f/g, '').slice(match[1]!.length));
    // "✓ Yes": the word repeats the symbol.
    if (lookup.get(normalizeWord(rest)) === level) rest = '';
    return { support: level, text: null, note: joinNote(kept && rest ? `${kept}: ${rest}` : (kept ?? (rest || null)), footnote), guessed: false };
  }
  return { support: 'partial', text: null, note: joinNote(body, footnote), guessed: true };
}
