import type { Source, SupportLevel } from '@/db/schema';
import { sourceKey } from './value-rules';

export interface ValueLike {
  support: SupportLevel | null;
  text: string | null;
  note: string | null;
  sources: Source[];
}

export interface Change<T> {
  from: T;
  to: T;
}

export interface ValueDiff {
  support: Change<SupportLevel | null> | null;
  text: Change<string | null> | null;
  note: Change<string | null> | null;
  sourcesAdded: Source[];
  sourcesRemoved: Source[];
  /** Nothing differs at all, sources included. */
  same: boolean;
}

/** Whether reverting the cell at `current` to `target` would change anything; the revert action and the diff page share it. */
export function revertWouldChange(current: ValueLike | null, target: ValueLike): boolean {
  return !current || !diffValues(current, target).same;
}

/** What changes from one value to another; `from` null means the cell had nothing. */
export function diffValues(from: ValueLike | null, to: ValueLike): ValueDiff {
  const before = from ?? { support: null, text: null, note: null, sources: [] };
  const change = <T>(a: T, b: T): Change<T> | null => (a === b ? null : { from: a, to: b });
  const beforeKeys = new Set(before.sources.map((s) => sourceKey(s.url)));
  const afterKeys = new Set(to.sources.map((s) => sourceKey(s.url)));
  const diff: ValueDiff = {
    support: change(before.support, to.support),
    text: change(before.text ?? null, to.text ?? null),
    note: change(before.note ?? null, to.note ?? null),
    sourcesAdded: to.sources.filter((s) => !beforeKeys.has(sourceKey(s.url))),
    sourcesRemoved: before.sources.filter((s) => !afterKeys.has(sourceKey(s.url))),
    same: false,
  };
  diff.same =
    !diff.support && !diff.text && !diff.note && diff.sourcesAdded.length === 0 && diff.sourcesRemoved.length === 0;
  return diff;
}

/** A confirmation: value and note unchanged, sources changed. Approving one re-checks the cell, which clears a stale mark. */
export function isConfirmation(diff: ValueDiff): boolean {
  return !diff.same && !diff.support && !diff.text && !diff.note;
}
