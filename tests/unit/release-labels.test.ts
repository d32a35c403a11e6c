import { describe, expect, it } from 'vitest';
import { dateOfReleaseLabel, dateReleaseLabel, placeUnnamedValue } from '@/lib/rules/release-labels';

const release = (label: string, namedOn: string, releasedOn: string | null = null) => ({ label, namedOn, releasedOn });

describe('releases labelled by a date', () => {
  it('labels by the month of the source and reads the month back', () => {
    expect(dateReleaseLabel('2021-03-15T10:00:00.000Z')).toBe('as-of-2021-03');
    expect(dateOfReleaseLabel('as-of-2021-03')).toBe('2021-03');
    expect(dateOfReleaseLabel('1.9')).toBeNull();
    expect(dateOfReleaseLabel('as-of-2021-3')).toBeNull();
  });
});

describe('placeUnnamedValue: where a value goes when its source names no release', () => {
  const consul = [release('1.6', '2019-11-06'), release('1.9', '2020-11-25'), release('1.10', '2021-06-23')];

  it('goes to the release current on the source date, marked inferred', () => {
    expect(placeUnnamedValue(consul, (r) => r, '2021-03-01')).toEqual({ release: consul[1], inferred: true });
  });

  it('counts a release named on the source date itself as current, and none named after it', () => {
    expect(placeUnnamedValue(consul, (r) => r, '2020-11-25')).toEqual({ release: consul[1], inferred: true });
    expect(placeUnnamedValue(consul, (r) => r, '2020-11-24')).toEqual({ release: consul[0], inferred: true });
  });

  it('asks for a release labelled by the date when none was known then, never an older one', () => {
    expect(placeUnnamedValue(consul, (r) => r, '2019-11-05')).toEqual({ create: 'as-of-2019-11' });
    expect(placeUnnamedValue([], (r) => r, '2022-01-01')).toEqual({ create: 'as-of-2022-01' });
  });

  it('uses the release labelled by its own month, not inferred, and never one labelled by another month', () => {
    const gloo = [release('as-of-2022-01', '2022-01-01')];
    expect(placeUnnamedValue(gloo, (r) => r, '2022-01-20')).toEqual({ release: gloo[0], inferred: false });
    expect(placeUnnamedValue(gloo, (r) => r, '2023-03-01')).toEqual({ create: 'as-of-2023-03' });
  });
});
