import type { Revision, Source } from '@/db/schema';

/**
 * Keys by URL as stored: a release diff compares every row's sources, four parses per source, and parsing was 40% of
 * its read model on the large data set. Bounded, as URLs come from people.
 */
const sourceKeys = new Map<string, string>();
export const MAX_SOURCE_KEYS = 10_000;

/**
 * The one rule for "is this the same source?": the same URL once normalised
 * (`HTTP://Example.org` and `http://example.org/` agree). Titles are how a
 * source is shown, not which source it is, so they never make two differ.
 */
export function sourceKey(url: string): string {
  let key = sourceKeys.get(url);
  if (key === undefined) {
    if (sourceKeys.size >= MAX_SOURCE_KEYS) sourceKeys.clear();
    key = normaliseSourceUrl(url);
    sourceKeys.set(url, key);
  }
  return key;
}

function normaliseSourceUrl(url: string): string {
  const trimmed = url.trim();
  try {
    return new URL(trimmed).href;
  } catch {
    return trimmed;
  }
}

export const sameSourceUrl = (a: string, b: string) => sourceKey(a) === sourceKey(b);

/** The same set of sources, in any order. */
export function sameSources(a: Pick<Source, 'url'>[], b: Pick<Source, 'url'>[]): boolean {
  const keys = (list: Pick<Source, 'url'>[]) => [...new Set(list.map((s) => sourceKey(s.url)))].sort().join('\n');
  return keys(a) === keys(b);
}

type ValueLike = { support?: Revision['support'] | undefined; text?: string | null; note?: string | null };

/** The one rule for "is this the same value?": support, text and note (sources are compared apart, where they matter). A missing value is all nulls. */
export const sameCellValue = (a: ValueLike | undefined, b: ValueLike | undefined) =>
  (a?.support ?? null) === (b?.support ?? null) &&
  (a?.text ?? null) === (b?.text ?? null) &&
  (a?.note ?? null) === (b?.note ?? null);

/**
 * A release holds one claim per cell at a time: when a source of another
 * date says something different about the same release, the new revision
 * says which value and source it corrects, so the change is never silent.
 * Null when the new value replaces nothing checked for this release.
 */
export function correctionNote(head: Revision | undefined, next: ValueLike & { createdAt: string }): string | null {
  if (!head || head.kind === 'carry_forward' || sameCellValue(head, next)) return null;
  if (head.createdAt.slice(0, 10) === next.createdAt.slice(0, 10)) return null;
  const was =
    head.support ?? (head.text ? `"${head.text.length > 60 ? `${head.text.slice(0, 57)}...` : head.text}"` : 'empty');
  const source = head.sources[0];
  const day = head.createdAt.slice(0, 10);
  const named = source?.title ?? source?.url ?? 'an earlier source';
  return `Corrects ${was} from ${named.includes(day) ? named : `${named} (${day})`}`;
}
