import type { SupportLevel } from '@/db/schema';
import { supportBadgeClass, supportLabels } from '@/lib/rules/format';

/** Support as icon (from CSS) plus word, so it reads without colour. */
export function SupportBadge({ support }: { support: SupportLevel }) {
  return <span className={supportBadgeClass(support)}>{supportLabels[support]}</span>;
}
