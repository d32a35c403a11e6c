import type { SupportLevel } from '@/db/schema';
import { supportLabels } from '@/lib/format';

const styles: Record<SupportLevel, { icon: string; className: string }> = {
  yes: { icon: '✓', className: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100' },
  partial: { icon: '◐', className: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100' },
  no: { icon: '✗', className: 'bg-rose-100 text-rose-900 dark:bg-rose-900/60 dark:text-rose-100' },
  unknown: { icon: '?', className: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200' },
};

export function SupportBadge({ support, muted = false }: { support: SupportLevel; muted?: boolean }) {
  const style = styles[support];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-sm font-medium whitespace-nowrap ${style.className} ${muted ? 'opacity-80' : ''}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {supportLabels[support]}
    </span>
  );
}
