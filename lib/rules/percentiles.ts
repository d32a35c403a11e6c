/**
 * The nearest-rank percentile of values sorted ascending: the smallest value
 * with at least `p` percent of the values at or below it. Null for no values,
 * so a page says "no decisions yet" instead of showing a zero.
 */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** A duration in hours, in words a contributor reads at a glance: hours up to two days, then days. */
export function formatWaitHours(hours: number): string {
  if (hours < 1) return 'less than an hour';
  const whole = Math.floor(hours);
  if (whole < 48) return `${whole} hour${whole === 1 ? '' : 's'}`;
  return `${Math.floor(whole / 24)} days`;
}
