import type { Revision } from '@/db/schema';

type ValueLike = { support?: Revision['support'] | undefined; text?: string | null; note?: string | null };

/** The one rule for "is this the same value?": support, text and note (sources are compared apart, where they matter). A missing value is all nulls. */
export const sameCellValue = (a: ValueLike | undefined, b: ValueLike | undefined) =>
  (a?.support ?? null) === (b?.support ?? null) && (a?.text ?? null) === (b?.text ?? null) && (a?.note ?? null) === (b?.note ?? null);

/**
 * A release holds one claim per cell at a time: when a source of another
 * date says something different about the same release, the new revision
 * says which value and source it corrects, so the change is never silent.
 * Null when the new value replaces nothing checked for this release.
 */
export function correctionNote(head: Revision | undefined, next: ValueLike & { createdAt: string }): string | null {
  if (!head || head.kind === 'carry_forward' || sameCellValue(head, next)) return null;
  if (head.createdAt.slice(0, 10) === next.createdAt.slice(0, 10)) return null;
  const was = head.support ?? (head.text ? `"${head.text.length > 60 ? `${head.text.slice(0, 57)}...` : head.text}"` : 'empty');
  const source = head.sources[0];
  const day = head.createdAt.slice(0, 10);
  const named = source?.title ?? source?.url ?? 'an earlier source';
  return `Corrects ${was} from ${named.includes(day) ? named : `${named} (${day})`}`;
}
