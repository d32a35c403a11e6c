import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from '@/lib/rules/errors';
import { cleanTextInput, normalizeText, stripXmlInvalid, textProblem } from '@/lib/rules/text-policy';
import { parseInput } from '@/lib/rules/validation';
import { proposeCellChangeSchema } from '@/lib/server/proposals/schemas';

function refusal(input: unknown): BadRequestError {
  try {
    cleanTextInput(input);
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('the text policy', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['U+0001', 'a\u0001b', 'U+0001'],
    ['vertical tab', 'a\u000Bb', 'U+000B'],
    ['U+001F', 'a\u001Fb', 'U+001F'],
    ['DEL', 'a\u007Fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['a lone high surrogate', 'a\uD800b', 'U+D800'],
    ['a lone low surrogate', 'a\uDC00b', 'U+DC00'],
    ['U+FFFE', 'a\uFFFEb', 'U+FFFE'],
    ['a right-to-left override', 'abc\u202Etxt.exe', 'U+202E'],
    ['a bidirectional isolate', 'a\u2066b', 'U+2066'],
    ['a zero-width space', 'a\u200Bb', 'U+200B'],
    ['a byte-order mark', 'a\uFEFFb', 'U+FEFF'],
    ['a joiner that joins nothing', 'a \u200D b', 'U+200D'],
  ])('refuses %s, naming the field and the character', (_name, text, code) => {
    const error = refusal({ note: text });
    expect(Object.keys(error.fieldErrors)).toEqual(['note']);
    expect(error.fieldErrors.note![0]).toMatch(new RegExp(`^note contains .*${code.replace('+', '\\+')}`));
  });

  it('names the line and column of a refused character in multi-line text (an import table)', () => {
    const error = refusal({ table: '| a | b |\n| --- | --- |\n| x | y\u0001 |' });
    expect(error.fieldErrors.table![0]).toBe(
      'table contains a control character (U+0001) on line 3, column 8; remove it',
    );
  });

  it('names nested fields by their path', () => {
    const error = refusal({ sources: [{ url: 'https://example.com', title: 'x\u0000' }] });
    expect(Object.keys(error.fieldErrors)).toEqual(['sources.0.title']);
  });

  it('keeps tab and newline, turns CRLF into newline and stores NFC', () => {
    expect(cleanTextInput({ text: 'a\tb\r\nc\rd' })).toEqual({ text: 'a\tb\nc\nd' });
    expect(normalizeText('Cafe\u0301')).toBe('Café');
    expect(normalizeText('Cafe\u0301')).toHaveLength(4);
  });

  it('keeps joiners inside emoji sequences and words', () => {
    for (const text of ['👩‍💻 team', '❤️‍🔥', 'می‌خواهم']) expect(textProblem(text)).toBeNull();
  });

  it('counts a field of only invisible characters as empty, so a required field refuses it', () => {
    expect(normalizeText('\u3164\u3164 \u00A0')).toBe('');
    expect(() =>
      parseInput(proposeCellChangeSchema, {
        mesh: 'istio',
        version: '1.0',
        feature: 'mtls',
        support: 'yes',
        rationale: '\u3164\u2800',
        sources: ['https://istio.io/'],
      }),
    ).toThrow(/rationale/);
  });

  it('accepts every string made only of printable characters, unchanged but for NFC', () => {
    const printable = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => textProblem(s) === null);
    fc.assert(
      fc.property(printable, (text) => {
        const cleaned = cleanTextInput({ text }) as { text: string };
        expect(cleaned.text === '' || cleaned.text === text.replace(/\r\n?/g, '\n').normalize('NFC')).toBe(true);
      }),
    );
  });

  it('never lets a refused character through: what it accepts is well-formed, XML-safe text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        let cleaned: string;
        try {
          cleaned = (cleanTextInput({ text }) as { text: string }).text;
        } catch (error) {
          expect(error).toBeInstanceOf(BadRequestError);
          return;
        }
        expect(cleaned).not.toMatch(/[\uD800-\uDFFF]/u);
        expect(stripXmlInvalid(cleaned)).toBe(cleaned);
      }),
    );
  });

  it('strips rather than refuses where asked (a profile from the identity provider)', () => {
    expect(cleanTextInput({ name: 'Eve\u202E\u0000 Doe' }, 'strip')).toEqual({ name: 'Eve Doe' });
  });

  it('refuses a refused character in a field name too, and keeps __proto__ a plain key', () => {
    expect(Object.keys(refusal({ ['a\u0000']: 'x' }).fieldErrors)).toEqual(['a?']);
    const cleaned = cleanTextInput(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.hasOwn(cleaned, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
