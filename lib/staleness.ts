/** A value confirmed this long before its mesh's newest release appeared is due a re-check. */
export const STALE_AFTER_MONTHS = 18;

/** The day `months` calendar months before `date` (YYYY-MM-DD), clamped to the month's last day. */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * Stale: carried over from an older release, never confirmed, or confirmed
 * more than STALE_AFTER_MONTHS calendar months before the newest release of
 * its mesh appeared (exactly that long is not yet stale).
 */
export function isStale(cell: { headKind: string; confirmedOn: string | null }, newestReleaseOn: string | null): boolean {
  if (cell.headKind === 'carry_forward' || cell.confirmedOn === null) return true;
  if (!newestReleaseOn) return false;
  return cell.confirmedOn.slice(0, 10) < monthsBefore(newestReleaseOn, STALE_AFTER_MONTHS);
}

/** A cell's confirmed-on date: when its newest revision that is not a carry-forward was written, or null. */
export function confirmedOnOf(history: { kind: string; createdAt: string }[]): string | null {
  let newest: string | null = null;
  for (const revision of history) if (revision.kind !== 'carry_forward' && (newest === null || revision.createdAt > newest)) newest = revision.createdAt;
  return newest;
}
