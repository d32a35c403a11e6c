import { describe, expect, it } from 'vitest';
import { formatWaitHours, percentileOf } from '@/lib/rules/percentiles';

describe('percentileOf', () => {
  it('is the nearest rank: the smallest value with at least p percent at or below it', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileOf(ten, 50)).toBe(5);
    expect(percentileOf(ten, 90)).toBe(9);
    expect(percentileOf(ten, 91)).toBe(10);
    expect(percentileOf(ten, 100)).toBe(10);
    expect(percentileOf(ten, 0)).toBe(1);
    expect(percentileOf([4, 8, 15], 50)).toBe(8);
    expect(percentileOf([42], 90)).toBe(42);
  });

  it('is null for no values, so nobody reads a zero as "decided at once"', () => {
    expect(percentileOf([], 50)).toBeNull();
  });
});

describe('formatWaitHours', () => {
  it('says hours up to two days, then whole days', () => {
    expect(formatWaitHours(0.5)).toBe('less than an hour');
    expect(formatWaitHours(1)).toBe('1 hour');
    expect(formatWaitHours(47.9)).toBe('47 hours');
    expect(formatWaitHours(48)).toBe('2 days');
    expect(formatWaitHours(24 * 200 + 5)).toBe('200 days');
  });
});
