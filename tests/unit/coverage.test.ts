import { describe, expect, it } from 'vitest';
import { arrangeByCoverage, coverageLabel, coverageOf, isKnownValue, isSparse } from '@/lib/rules/coverage';

describe('isKnownValue', () => {
  it('counts a support level other than unknown, and non-blank text in text rows', () => {
    expect(isKnownValue('support', { support: 'yes', text: null })).toBe(true);
    expect(isKnownValue('support', { support: 'no', text: null })).toBe(true);
    expect(isKnownValue('support', { support: 'partial', text: null })).toBe(true);
    expect(isKnownValue('support', { support: 'unknown', text: 'maybe' })).toBe(false);
    expect(isKnownValue('support', { support: null, text: 'x' })).toBe(false);
    expect(isKnownValue('support', undefined)).toBe(false);
    expect(isKnownValue('text', { support: null, text: 'Apache-2.0' })).toBe(true);
    expect(isKnownValue('text', { support: null, text: '  \n ' })).toBe(false);
    expect(isKnownValue('text', { support: null, text: null })).toBe(false);
  });
});

describe('coverageOf and isSparse', () => {
  const rows = [
    { key: 'a', kind: 'support' as const },
    { key: 'b', kind: 'support' as const },
    { key: 'c', kind: 'text' as const },
    { key: 'd', kind: 'support' as const },
  ];
  it('counts known values over every given row', () => {
    const values: Record<string, { support: 'yes' | 'unknown' | null; text: string | null }> = {
      a: { support: 'yes', text: null },
      b: { support: 'unknown', text: null },
      c: { support: null, text: 'Go' },
    };
    expect(coverageOf(rows, (key) => values[key as string])).toEqual({ known: 2, rows: 4 });
  });

  it('is sparse below half, not at exactly half or above', () => {
    expect(isSparse({ known: 1, rows: 4 })).toBe(true);
    expect(isSparse({ known: 2, rows: 4 })).toBe(false);
    expect(isSparse({ known: 3, rows: 4 })).toBe(false);
    expect(isSparse({ known: 26, rows: 53 })).toBe(true);
    expect(isSparse({ known: 27, rows: 53 })).toBe(false);
    expect(isSparse({ known: 0, rows: 1 })).toBe(true);
    expect(isSparse({ known: 0, rows: 0 })).toBe(false);
  });

  it('words coverage for headers', () => {
    expect(coverageLabel({ known: 41, rows: 53 })).toBe('41 of 53 rows known');
    expect(coverageLabel({ known: 1, rows: 1 })).toBe('1 of 1 row known');
  });
});

describe('arrangeByCoverage', () => {
  const col = (slug: string, known: number) => ({ slug, coverage: { known, rows: 10 } });
  const columns: { slug: string; coverage?: { known: number; rows: number } }[] = [
    col('a', 9),
    col('b', 1),
    col('c', 5),
    col('d', 4),
    { slug: 'e' },
  ];
  it('keeps meshes with data first in their order and moves sparse ones after them', () => {
    const { columns: arranged, sparseCount } = arrangeByCoverage(columns, true);
    expect(arranged.map((c) => c.slug)).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(sparseCount).toBe(2);
  });
  it('leaves sparse meshes out when asked, still counting them', () => {
    const { columns: arranged, sparseCount } = arrangeByCoverage(columns, false);
    expect(arranged.map((c) => c.slug)).toEqual(['a', 'c', 'e']);
    expect(sparseCount).toBe(2);
  });
});
