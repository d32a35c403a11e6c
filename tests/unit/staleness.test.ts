import { describe, expect, it } from 'vitest';
import { diffValues, isConfirmation } from '@/lib/rules/history';
import {
  addCalendarMonths,
  confirmedOnOf,
  isConfirmationOutdated,
  isReleaseInferred,
  isStale,
  releaseAppearedOn,
  STALE_AFTER_MONTHS,
} from '@/lib/rules/staleness';

describe('addCalendarMonths', () => {
  it('adds calendar months, across years', () => {
    expect(addCalendarMonths('2020-01-15', 18)).toBe('2021-07-15');
    expect(addCalendarMonths('2019-11-01', 2)).toBe('2020-01-01');
    expect(addCalendarMonths('2021-07-15', -18)).toBe('2020-01-15');
  });

  it('clamps a day past the end of the target month to its last day', () => {
    expect(addCalendarMonths('2020-08-31', 18)).toBe('2022-02-28');
    expect(addCalendarMonths('2022-08-31', 18)).toBe('2024-02-29');
    expect(addCalendarMonths('2020-03-31', 1)).toBe('2020-04-30');
  });

  it('takes the day of a timestamp and refuses what is not a date', () => {
    expect(addCalendarMonths('2020-01-15T23:59:59.999Z', 1)).toBe('2020-02-15');
    expect(() => addCalendarMonths('March 2020', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('the staleness boundary', () => {
  it('is 18 calendar months', () => {
    expect(STALE_AFTER_MONTHS).toBe(18);
  });

  it('exactly 18 months before the newest release is not stale; one day more is', () => {
    expect(isConfirmationOutdated('2020-01-15', '2021-07-15')).toBe(false);
    expect(isConfirmationOutdated('2020-01-15', '2021-07-16')).toBe(true);
    expect(isConfirmationOutdated('2020-01-14', '2021-07-15')).toBe(true);
    expect(isConfirmationOutdated('2020-01-16', '2021-07-15')).toBe(false);
  });

  it('counts from the day, whatever the time of day', () => {
    expect(isConfirmationOutdated('2020-01-15T23:59:59.000Z', '2021-07-15')).toBe(false);
    expect(isConfirmationOutdated('2020-01-15T00:00:00.000Z', '2021-07-16T00:00:00.000Z')).toBe(true);
  });

  it('at the end of a month: 31 August plus 18 months is the last day of February', () => {
    expect(isConfirmationOutdated('2020-08-31', '2022-02-28')).toBe(false);
    expect(isConfirmationOutdated('2020-08-31', '2022-03-01')).toBe(true);
  });

  it('a value confirmed after the newest release appeared is fresh', () => {
    expect(isConfirmationOutdated('2023-05-01', '2021-07-15')).toBe(false);
  });
});

describe('isStale', () => {
  it('a carried head is stale, whatever its dates', () => {
    expect(isStale({ headKind: 'carry_forward', confirmedOn: null, newestReleaseOn: '2020-01-01' })).toBe(true);
    expect(isStale({ headKind: 'carry_forward', confirmedOn: '2020-01-01', newestReleaseOn: '2020-01-01' })).toBe(true);
  });

  it('a checked head is stale only when confirmed more than 18 months before the newest release', () => {
    for (const headKind of ['seed', 'proposal', 'revert', 'import'] as const) {
      expect(isStale({ headKind, confirmedOn: '2020-01-15', newestReleaseOn: '2021-07-15' })).toBe(false);
      expect(isStale({ headKind, confirmedOn: '2020-01-15', newestReleaseOn: '2021-07-16' })).toBe(true);
    }
  });

  it('an empty cell, or one without dates to compare, is not stale', () => {
    expect(isStale({ headKind: null, confirmedOn: null, newestReleaseOn: '2021-07-16' })).toBe(false);
    expect(isStale({ headKind: 'seed', confirmedOn: null, newestReleaseOn: '2021-07-16' })).toBe(false);
    expect(isStale({ headKind: 'seed', confirmedOn: '2010-01-01', newestReleaseOn: null })).toBe(false);
  });
});

describe('confirmedOnOf', () => {
  it('is the day of the newest revision that is not a carry-forward', () => {
    expect(
      confirmedOnOf([
        { kind: 'carry_forward', createdAt: '2023-01-01T00:00:00.000Z' },
        { kind: 'seed', createdAt: '2021-03-01T00:00:00.000Z' },
        { kind: 'proposal', createdAt: '2022-06-30T12:00:00.000Z' },
        { kind: 'carry_forward', createdAt: '2024-01-01T00:00:00.000Z' },
      ]),
    ).toBe('2022-06-30');
  });

  it('is null when every revision was carried, or there is none', () => {
    expect(confirmedOnOf([{ kind: 'carry_forward', createdAt: '2023-01-01T00:00:00.000Z' }])).toBeNull();
    expect(confirmedOnOf([])).toBeNull();
  });
});

describe('releaseAppearedOn', () => {
  it('is the release date, else the day the release was first recorded', () => {
    expect(releaseAppearedOn({ releasedOn: '2022-10-11', createdAt: '2023-03-01T00:00:00.000Z' })).toBe('2022-10-11');
    expect(releaseAppearedOn({ releasedOn: null, createdAt: '2023-03-01T08:00:00.000Z' })).toBe('2023-03-01');
  });
});

describe('isReleaseInferred', () => {
  it("is the head's flag, except for carried values", () => {
    expect(isReleaseInferred({ kind: 'seed', releaseInferred: true })).toBe(true);
    expect(isReleaseInferred({ kind: 'import', releaseInferred: false })).toBe(false);
    expect(isReleaseInferred({ kind: 'carry_forward', releaseInferred: true })).toBe(false);
    expect(isReleaseInferred(null)).toBe(false);
  });
});

describe('isConfirmation', () => {
  const current = {
    support: 'yes' as const,
    text: null,
    note: 'via Envoy',
    sources: [{ url: 'https://example.org/a', title: null }],
  };
  it('is the same value and note with changed sources', () => {
    expect(
      isConfirmation(diffValues(current, { ...current, sources: [{ url: 'https://example.org/b', title: 'B' }] })),
    ).toBe(true);
  });
  it('is not a change of value or note, nor an identical proposal', () => {
    expect(
      isConfirmation(
        diffValues(current, {
          ...current,
          support: 'partial',
          sources: [{ url: 'https://example.org/b', title: null }],
        }),
      ),
    ).toBe(false);
    expect(
      isConfirmation(
        diffValues(current, { ...current, note: null, sources: [{ url: 'https://example.org/b', title: null }] }),
      ),
    ).toBe(false);
    expect(isConfirmation(diffValues(current, current))).toBe(false);
  });
});
