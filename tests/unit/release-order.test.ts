import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareReleases, releaseOfVersion, sortReleases, type ReleaseLike } from '@/lib/rules/versions';

const NAMED_ON = '2023-01-01T00:00:00.000Z';

function release(label: string, releasedOn: string | null = null, namedOn = NAMED_ON): ReleaseLike {
  return { label, releasedOn, namedOn };
}

function labelsInOrder(labels: string[]): string[] {
  return sortReleases(labels.map((label) => release(label))).map((r) => r.label);
}

/** What compareReleases promises to tell apart: the day and the raw label. */
function keyOf(r: ReleaseLike): string {
  return `${(r.releasedOn ?? r.namedOn).slice(0, 10)}|${r.label}`;
}

// Few distinct values, so generated releases often share a day, a number or a whole label.
const identifier = fc.oneof(
  fc.nat(12).map(String),
  fc.constantFrom('rc', 'RC', 'beta', 'alpha', 'rc1', 'rc10', 'x-y', '0a'),
);
const semverLabel = fc
  .tuple(
    fc.constantFrom('', 'v', 'V'),
    fc.array(fc.oneof(fc.nat(20), fc.constant(0)), { minLength: 1, maxLength: 4 }),
    fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 }), { nil: null }),
    fc.option(fc.constantFrom('build.5', '001', 'sha.abc'), { nil: null }),
  )
  .map(
    ([prefix, parts, pre, build]) =>
      `${prefix}${parts.join('.')}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build}` : ''}`,
  );
const twoDigits = (n: number) => String(n).padStart(2, '0');
const dateLabel = fc
  .tuple(
    fc.constantFrom('as of ', 'as-of-', 'As Of ', ''),
    fc.integer({ min: 2018, max: 2024 }),
    fc.integer({ min: 1, max: 12 }),
    fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
  )
  .map(
    ([prefix, year, month, day]) => `${prefix}${year}-${twoDigits(month)}${day === null ? '' : `-${twoDigits(day)}`}`,
  );
const wordLabel = fc.oneof(
  fc.constantFrom('managed', 'unspecified', 'stable-2.12.0', 'stable-2.9.0', 'edge-24.1.1', 'latest'),
  fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/),
);
const label = fc.oneof(semverLabel, dateLabel, wordLabel, fc.string({ maxLength: 6 }));

const day = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2021, 0, 1 + n)).toISOString().slice(0, 10));
const timestamp = fc
  .tuple(day, fc.constantFrom('00:00:00.000', '09:30:00.000', '23:59:59.999'))
  .map(([d, time]) => `${d}T${time}Z`);
const releaseArb = fc.record({ label, releasedOn: fc.option(day, { nil: null }), namedOn: timestamp });

const PROPERTY_RUNS = { numRuns: 2000 };

describe('compareReleases properties', () => {
  it('is antisymmetric', () => {
    fc.assert(
      fc.property(
        releaseArb,
        releaseArb,
        (a, b) => Math.sign(compareReleases(a, b)) === -Math.sign(compareReleases(b, a)),
      ),
      PROPERTY_RUNS,
    );
  });

  it('is transitive', () => {
    const permutations = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ] as const;
    fc.assert(
      fc.property(fc.tuple(releaseArb, releaseArb, releaseArb), (triple) =>
        permutations.every(([i, j, k]) => {
          const [a, b, c] = [triple[i], triple[j], triple[k]];
          return !(compareReleases(a, b) <= 0 && compareReleases(b, c) <= 0) || compareReleases(a, c) <= 0;
        }),
      ),
      PROPERTY_RUNS,
    );
  });

  it('is total: 0 exactly when the day and the raw label are the same', () => {
    fc.assert(
      fc.property(releaseArb, releaseArb, (a, b) => (compareReleases(a, b) === 0) === (keyOf(a) === keyOf(b))),
      PROPERTY_RUNS,
    );
    fc.assert(
      fc.property(
        releaseArb,
        timestamp,
        (a, namedOn) => compareReleases(a, { ...a, namedOn: a.releasedOn ? namedOn : a.namedOn }) === 0,
      ),
    );
  });

  it('sorts every shuffle of a list into the same order, and agrees with compareReleases', () => {
    const listAndShuffle = fc
      .array(releaseArb, { maxLength: 25 })
      .chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
      );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        const sorted = sortReleases(list);
        expect(sortReleases(shuffled).map(keyOf)).toEqual(sorted.map(keyOf));
        expect([...list].sort(compareReleases).map(keyOf)).toEqual(sorted.map(keyOf));
        for (let i = 1; i < sorted.length; i++)
          expect(compareReleases(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compareReleases examples', () => {
  it('puts a pre-release before its release, with identifiers compared as semver does', () => {
    expect(compareReleases(release('1.0.0-rc.1'), release('1.0.0'))).toBeLessThan(0);
    const semverSpecOrder = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    expect(labelsInOrder([...semverSpecOrder].reverse())).toEqual(semverSpecOrder);
    expect(labelsInOrder(['2.0.0', '2.0.0-alpha.2', '1.9.9'])).toEqual(['1.9.9', '2.0.0-alpha.2', '2.0.0']);
  });

  it('compares numbered parts as numbers', () => {
    expect(compareReleases(release('1.9'), release('1.16.1'))).toBeLessThan(0);
    expect(compareReleases(release('2.12'), release('2.6'))).toBeGreaterThan(0);
    expect(compareReleases(release('1.99999999999999999998'), release('1.99999999999999999999'))).toBeLessThan(0);
    expect(labelsInOrder(['1.16.1', '1.3', '1.9'])).toEqual(['1.3', '1.9', '1.16.1']);
  });

  it('ignores a leading v and build metadata until the raw label breaks the tie', () => {
    expect(labelsInOrder(['1.3', 'v1.2', '1.1', '1.2', 'V1.2'])).toEqual(['1.1', '1.2', 'V1.2', 'v1.2', '1.3']);
    expect(Math.sign(compareReleases(release('v1.2'), release('1.2')))).toBe(
      -Math.sign(compareReleases(release('1.2'), release('v1.2'))),
    );
    expect(labelsInOrder(['1.9.1', '1.9.0', '1.9'])).toEqual(['1.9', '1.9.0', '1.9.1']);
    expect(labelsInOrder(['1.0.1', '1.0.0+build.5', '1.0.0-rc.1'])).toEqual(['1.0.0-rc.1', '1.0.0+build.5', '1.0.1']);
  });

  it('orders by day first: the release date when known, else the day the release was first named', () => {
    const dated = release('1.16', '2022-11-15', '2023-06-01T00:00:00.000Z');
    const undated = release('1.15', null, '2023-01-01T00:00:00.000Z');
    expect(compareReleases(dated, undated)).toBeLessThan(0);
    expect(compareReleases(release('1.16', '2023-02-01', '2023-06-01T00:00:00.000Z'), undated)).toBeGreaterThan(0);
    // The same day as a date and as a timestamp late that day: the labels decide.
    expect(
      compareReleases(release('1.2', '2021-03-01'), release('1.1', null, '2021-03-01T23:59:59.999Z')),
    ).toBeGreaterThan(0);
    expect(
      compareReleases(release('1.0', '2021-03-01'), release('1.1', null, '2021-03-01T00:00:00.000Z')),
    ).toBeLessThan(0);
  });

  it('orders date labels by their date, after numbered releases and before words', () => {
    expect(labelsInOrder(['as of 2021-11', 'as-of-2021-04', 'as of 2021-03', '2020-12'])).toEqual([
      '2020-12',
      'as of 2021-03',
      'as-of-2021-04',
      'as of 2021-11',
    ]);
    expect(labelsInOrder(['unspecified', 'as-of-2021-03', 'managed', '2.0', 'v0.1'])).toEqual([
      'v0.1',
      '2.0',
      'as-of-2021-03',
      'managed',
      'unspecified',
    ]);
  });

  it('orders words by their runs of letters and numbers', () => {
    expect(labelsInOrder(['stable-2.12.0', 'edge-24.1.1', 'stable-2.9.0'])).toEqual([
      'edge-24.1.1',
      'stable-2.9.0',
      'stable-2.12.0',
    ]);
  });

  it('orders consistently the triple the former date-else-label comparison went round in a circle on', () => {
    // The former comparison used dates only when both releases had one, else labels: a < c by date,
    // c < b and b < a by label.
    const a = release('3.0', '2020-05-01', '2020-04-01T00:00:00.000Z');
    const b = release('2.0', null, '2022-01-01T00:00:00.000Z');
    const c = release('1.0', '2021-05-01', '2021-01-01T00:00:00.000Z');
    expect(compareReleases(a, c)).toBeLessThan(0);
    expect(compareReleases(c, b)).toBeLessThan(0);
    expect(compareReleases(a, b)).toBeLessThan(0);
    expect(sortReleases([b, c, a])).toEqual([a, c, b]);
  });

  it('reads mesh_versions rows through releaseOfVersion', () => {
    const rows = [
      { id: 1, label: '1.10', releasedOn: null, createdAt: '2024-01-01T10:00:00.000Z' },
      { id: 2, label: '1.9', releasedOn: null, createdAt: '2024-01-01T12:00:00.000Z' },
      { id: 3, label: '1.2', releasedOn: null, createdAt: '2024-02-01T00:00:00.000Z' },
    ];
    expect(sortReleases(rows, releaseOfVersion).map((r) => r.id)).toEqual([2, 1, 3]);
  });
});
