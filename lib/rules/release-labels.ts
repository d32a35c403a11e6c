import { sortReleases, type ReleaseLike } from './versions';

/**
 * A release labelled by a date stands in where a source names no release and
 * none was known at its date (`as-of-2021-03`, read "as of 2021-03"); the label
 * stays URL-safe, and the date is never invented: it is the source's own.
 */
const DATE_LABEL = /^as-of-(\d{4}-\d{2})$/;

export function dateReleaseLabel(isoDate: string): string {
  return `as-of-${isoDate.slice(0, 7)}`;
}

/** `YYYY-MM` for a date label, else null. */
export function dateOfReleaseLabel(label: string): string | null {
  return DATE_LABEL.exec(label)?.[1] ?? null;
}

/**
 * Where a value goes when its source names no release: the release current
 * for the mesh on the source's date (the newest one a source had named by
 * then), marked inferred; else the release labelled by that date, never an
 * older named one and never one labelled by another date. Seed and importer
 * share it.
 */
export function placeUnnamedValue<T>(
  releases: readonly T[],
  releaseOf: (release: T) => ReleaseLike & { label: string },
  date: string,
): { release: T; inferred: boolean } | { create: string } {
  const label = dateReleaseLabel(date);
  const current = sortReleases(
    releases.filter((r) => releaseOf(r).namedOn.slice(0, 10) <= date.slice(0, 10)),
    releaseOf,
  ).at(-1);
  if (current !== undefined && releaseOf(current).label === label) return { release: current, inferred: false };
  if (current !== undefined && dateOfReleaseLabel(releaseOf(current).label) === null)
    return { release: current, inferred: true };
  const existing = releases.find((r) => releaseOf(r).label === label);
  return existing !== undefined ? { release: existing, inferred: false } : { create: label };
}
