import { describe, expect, it } from 'vitest';
import { arrangeByCoverage, coverageLabel, coverageOf, isKnownValue, isSparse } from '@/lib/coverage';
import { confirmedOnOf, isStale, STALE_AFTER_MONTHS } from '@/lib/staleness';

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
  const columns: { slug: string; coverage?: { known: number; rows: number } }[] = [col('a', 9), col('b', 1), col('c', 5), col('d', 4), { slug: 'e' }];
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

describe('isStale', () => {
  it('is stale when carried over or never confirmed, whatever the dates', () => {
    expect(isStale({ headKind: 'carry_forward', confirmedOn: '2024-01-01T00:00:00.000Z' }, '2024-01-02')).toBe(true);
    expect(isStale({ headKind: 'proposal', confirmedOn: null }, null)).toBe(true);
  });
  it(`is stale when confirmed more than ${STALE_AFTER_MONTHS} calendar months before the newest release, not at exactly that`, () => {
    const cell = (confirmedOn: string) => ({ headKind: 'proposal', confirmedOn });
    expect(isStale(cell('2022-07-15T10:00:00.000Z'), '2024-01-15')).toBe(false);
    expect(isStale(cell('2022-07-14T23:59:59.000Z'), '2024-01-15')).toBe(true);
    expect(isStale(cell('2023-06-01T00:00:00.000Z'), '2024-01-15')).toBe(false);
    // 18 months before 31 Aug 2026 is 28 Feb 2025 (no 31 Feb): the month end is the boundary.
    expect(isStale(cell('2025-02-28T00:00:00.000Z'), '2026-08-31')).toBe(false);
    expect(isStale(cell('2025-02-27T00:00:00.000Z'), '2026-08-31')).toBe(true);
    expect(isStale(cell('2024-02-29T00:00:00.000Z'), '2025-08-31')).toBe(false);
  });
  it('is not stale by date when the newest release has no date', () => {
    expect(isStale({ headKind: 'seed', confirmedOn: '2001-01-01T00:00:00.000Z' }, null)).toBe(false);
  });
});

describe('confirmedOnOf', () => {
  it('is the newest revision that is not a carry-forward', () => {
    expect(
      confirmedOnOf([
        { kind: 'seed', createdAt: '2020-01-01T00:00:00.000Z' },
        { kind: 'proposal', createdAt: '2022-01-01T00:00:00.000Z' },
        { kind: 'carry_forward', createdAt: '2023-01-01T00:00:00.000Z' },
      ]),
    ).toBe('2022-01-01T00:00:00.000Z');
    expect(confirmedOnOf([{ kind: 'carry_forward', createdAt: '2023-01-01T00:00:00.000Z' }])).toBeNull();
    expect(confirmedOnOf([])).toBeNull();
  });
});
