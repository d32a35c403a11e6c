import type { SupportLevel } from '@/db/schema';
import { diffValues, type ValueDiff, type ValueLike } from './history';

export type RowChange =
  'newly-supported' | 'no-longer-supported' | 'changed' | 'sources-only' | 'added' | 'removed' | 'unchanged';

const supported = (s: SupportLevel | null | undefined) => s === 'yes' || s === 'partial';

/**
 * How one row moved between two releases. "Newly supported" and "no longer
 * supported" cross the line between yes/partial and no/unknown/nothing;
 * other value differences are "changed"; a difference only in sources is
 * kept apart so readers can skip it.
 */
export function classifyRowChange(
  from: ValueLike | null,
  to: ValueLike | null,
): { change: RowChange; diff: ValueDiff | null } {
  if (!from && !to) return { change: 'unchanged', diff: null };
  if (!from) return { change: supported(to!.support) ? 'newly-supported' : 'added', diff: diffValues(null, to!) };
  if (!to) return { change: supported(from.support) ? 'no-longer-supported' : 'removed', diff: null };
  const diff = diffValues(from, to);
  if (diff.same) return { change: 'unchanged', diff };
  if (!supported(from.support) && supported(to.support)) return { change: 'newly-supported', diff };
  if (supported(from.support) && !supported(to.support)) return { change: 'no-longer-supported', diff };
  if (diff.support || diff.text || diff.note) return { change: 'changed', diff };
  return { change: 'sources-only', diff };
}

export interface ReleaseDiffCounts {
  changed: number;
  newlySupported: number;
  noLongerSupported: number;
  unchanged: number;
}

export function countChanges(changes: RowChange[]): ReleaseDiffCounts {
  return {
    changed: changes.filter((c) => c !== 'unchanged').length,
    newlySupported: changes.filter((c) => c === 'newly-supported').length,
    noLongerSupported: changes.filter((c) => c === 'no-longer-supported').length,
    unchanged: changes.filter((c) => c === 'unchanged').length,
  };
}
