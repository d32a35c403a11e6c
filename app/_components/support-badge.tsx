import type { SupportLevel } from '@/db/schema';
import { supportLabels } from '@/lib/format';

const icons: Record<SupportLevel, string> = { yes: '✓', partial: '◐', no: '✗', unknown: '?' };

/** Support as icon plus word, so it reads without colour; `none` marks a cell with nothing recorded. */
export function SupportBadge({ support, none = false }: { support: SupportLevel; none?: boolean }) {
  return (
    <span className={`badge ${none ? 'sup-none' : `sup-${support}`}`}>
      <span aria-hidden="true">{icons[support]}</span>
      {supportLabels[support]}
    </span>
  );
}
