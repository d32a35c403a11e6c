import type { RevisionKind } from '@/db/schema';

/*
 * The one staleness rule. A cell is stale when nobody has checked its value
 * for the release it sits on (the head is a carry-forward), or when the last
 * check is old compared with the mesh's newest release: more than
 * STALE_AFTER_MONTHS calendar months before the day that release appeared.
 * The newest release, not today, is the yardstick: a mesh that stopped
 * releasing does not turn its whole column stale, while a mesh that moved on
 * shows which values predate its recent releases.
 *
 * Calendar months, not days: `addCalendarMonths('2020-01-15', 18)` is
 * 2021-07-15, and a value confirmed on 2020-01-15 is still fresh when the
 * newest release appeared on 2021-07-15 (exactly 18 months) and stale when it
 * appeared on 2021-07-16 (one day more). A day past the end of the target
 * month moves back to its last day (2020-08-31 + 18 months = 2022-02-28).
 *
 * Pure functions on `YYYY-MM-DD` strings, free of the database, so pages,
 * exports and statistics all share the rule.
 */

export const STALE_AFTER_MONTHS = 18;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})/;

/** The calendar day (UTC) of an ISO date or timestamp: `2021-03-01T10:00:00Z` → `2021-03-01`. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** `date` plus `months` calendar months, clamped to the last day of the target month. */
export function addCalendarMonths(date: string, months: number): string {
  const match = datePattern.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const monthIndex = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(match[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day a release appeared: its release date where a source gives one, else the day it was first recorded (the first source naming it). */
export function releaseAppearedOn(release: { releasedOn: string | null; createdAt: string }): string {
  return release.releasedOn ?? dayOf(release.createdAt);
}

/** The day of the newest revision that is not a carry-forward, or null when every revision was carried (or there is none). */
export function confirmedOnOf(revisions: readonly { kind: RevisionKind; createdAt: string }[]): string | null {
  let newest: string | null = null;
  for (const revision of revisions) {
    if (revision.kind === 'carry_forward') continue;
    if (newest === null || revision.createdAt > newest) newest = revision.createdAt;
  }
  return newest === null ? null : dayOf(newest);
}

/** True when a value confirmed on `confirmedOn` is more than STALE_AFTER_MONTHS calendar months older than `newestReleaseOn`. */
export function isConfirmationOutdated(confirmedOn: string, newestReleaseOn: string): boolean {
  return addCalendarMonths(dayOf(confirmedOn), STALE_AFTER_MONTHS) < dayOf(newestReleaseOn);
}

export interface StalenessInput {
  /** Kind of the cell's current revision; null when nothing is recorded. */
  headKind: RevisionKind | null;
  /** See confirmedOnOf. */
  confirmedOn: string | null;
  /** See releaseAppearedOn, for the newest release of the cell's mesh; null when unknown. */
  newestReleaseOn: string | null;
}

/** The staleness rule (see the top of this file). A cell with no value is not stale: it is unknown, which is another list. */
export function isStale({ headKind, confirmedOn, newestReleaseOn }: StalenessInput): boolean {
  if (headKind === null) return false;
  if (headKind === 'carry_forward') return true;
  if (confirmedOn === null || newestReleaseOn === null) return false;
  return isConfirmationOutdated(confirmedOn, newestReleaseOn);
}

/**
 * releaseInferred as readers see it: the head revision's flag, except that a
 * carried value reports false (it is marked as carried, and its origin says
 * whether that release was inferred).
 */
export function isReleaseInferred(head: { kind: RevisionKind; releaseInferred: boolean } | null): boolean {
  return head !== null && head.kind !== 'carry_forward' && head.releaseInferred;
}
