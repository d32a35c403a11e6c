import { BadRequestError } from './errors';
import { addFieldError, setOwn } from './own-keys';

/*
 * The one text policy for everything that enters: forms, server actions, API
 * bodies, query strings, imports and CLI flags (lib/server/command.ts and
 * lib/next/http.ts run every input through cleanTextInput). Text is stored in
 * Unicode NFC with `\n` line ends. Refused, with a message naming the field:
 * lone surrogates (not storable as UTF-8), NUL and the other C0/C1 controls
 * but tab and newline (they break XML and confuse terminals), noncharacters,
 * and invisible formatting that can disguise text: bidirectional overrides and
 * isolates, zero-width spaces, word joiners, byte-order marks. Zero-width
 * joiners and non-joiners are kept between visible characters, where emoji
 * sequences and Persian or Indic words need them. A field of only invisible
 * characters counts as empty, so a required field refuses it.
 */

const C0_C1 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const NONCHARACTER = /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}-\u{1FFFF}\u{2FFFE}-\u{2FFFF}\u{10FFFE}-\u{10FFFF}]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const HIDDEN_FORMAT = /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/u;
const JOINER = /[\u200C\u200D]/u;
/** Characters that draw nothing: whitespace, default-ignorable code points and blank-looking fillers. */
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}\u2800\u3164\uFFA0\u115F\u1160]*$/u;

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where a character sits, in the words a person fixing it needs: the line for multi-line text, else the position. */
function place(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return text.includes('\n') ? `on line ${line}, column ${column}` : `at position ${column}`;
}

function describe(codePoint: number): string | null {
  const char = String.fromCodePoint(codePoint);
  if (codePoint >= 0xd800 && codePoint <= 0xdfff)
    return `a lone surrogate (${hex(codePoint)}), which is not valid Unicode`;
  if (C0_C1.test(char)) return `a control character (${hex(codePoint)})`;
  if (NONCHARACTER.test(char)) return `a noncharacter (${hex(codePoint)})`;
  if (BIDI_CONTROL.test(char)) return `a bidirectional control (${hex(codePoint)}), which can disguise text`;
  if (HIDDEN_FORMAT.test(char)) return `an invisible character (${hex(codePoint)})`;
  return null;
}

/** A joiner must sit between two characters that draw something (emoji, letters); variation selectors count as part of the emoji. */
function joinsSomething(char: string | undefined): boolean {
  return (
    char !== undefined &&
    !/\s/u.test(char) &&
    !JOINER.test(char) &&
    !HIDDEN_FORMAT.test(char) &&
    !BIDI_CONTROL.test(char) &&
    !C0_C1.test(char)
  );
}

/** The first character the policy refuses, as "contains … at …", or null when the text is acceptable. */
export function textProblem(text: string): string | null {
  const chars = [...text.replace(/\r\n?/g, '\n')];
  let index = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const codePoint = char.codePointAt(0)!;
    const problem = describe(codePoint);
    const strayJoiner = JOINER.test(char) && !(joinsSomething(chars[i - 1]) && joinsSomething(chars[i + 1]));
    if (problem || strayJoiner) {
      const what = problem ?? `a zero-width joiner (${hex(codePoint)}) that joins nothing`;
      return `contains ${what} ${place(chars.join(''), index)}; remove it`;
    }
    index += char.length;
  }
  return null;
}

/** Text as stored: NFC, `\n` line ends, and nothing at all when it is only invisible characters. */
export function normalizeText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').normalize('NFC');
  return INVISIBLE.test(normalized) ? '' : normalized;
}

/** Removes what the policy refuses, for text that arrives from elsewhere (an identity provider's profile). */
export function stripRefusedCharacters(text: string): string {
  return normalizeText(
    [...text.replace(/\r\n?/g, '\n')].filter((char) => !describe(char.codePointAt(0)!) && !JOINER.test(char)).join(''),
  );
}

/**
 * What may appear in an XML 1.0 document, for output built from strings that
 * were stored before this policy (or by other tools): the feed and the
 * HTML-string matrix drop the rest rather than emit an invalid document.
 */
export function stripXmlInvalid(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu, '');
}

/**
 * Every string in an input (form fields, JSON bodies, query records; keys
 * too), normalised by the policy; a refused character is a 400 naming each
 * field it is in. `strip` removes refused characters instead (for data from
 * an identity provider, which a person cannot retype).
 */
export function cleanTextInput(input: unknown, mode: 'refuse' | 'strip' = 'refuse'): unknown {
  const problems: Record<string, string[]> = {};
  const report = (path: string[], problem: string) => {
    const field = path.length ? path.join('.') : 'input';
    addFieldError(problems, field, `${field} ${problem}`);
  };
  const visit = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string') {
      const problem = mode === 'refuse' ? textProblem(value) : null;
      if (problem) report(path, problem);
      return mode === 'strip' ? stripRefusedCharacters(value) : normalizeText(value);
    }
    if (Array.isArray(value)) return value.map((item, i) => visit(item, [...path, String(i)]));
    if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const keyProblem = mode === 'refuse' ? textProblem(key) : null;
        if (keyProblem) report([...path, key.replace(/[^\x20-\x7E]/g, '?')], `(the name) ${keyProblem}`);
        setOwn(out, normalizeText(key) || key, visit(item, [...path, key]));
      }
      return out;
    }
    return value;
  };
  const cleaned = visit(input, []);
  if (Object.keys(problems).length) throw new BadRequestError(Object.values(problems).flat().join('; '), problems);
  return cleaned;
}
