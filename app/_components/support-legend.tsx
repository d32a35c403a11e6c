import { SupportBadge } from './support-badge';

export function SupportLegend() {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
      <span className="font-medium">Legend:</span>
      <SupportBadge support="yes" />
      <SupportBadge support="partial" />
      <SupportBadge support="no" />
      <SupportBadge support="unknown" />
      <span>
        <span aria-hidden="true">[1]</span> numbered sources
      </span>
      <span>
        <span aria-hidden="true">↻</span> carried over from an earlier release, not re-checked
      </span>
    </div>
  );
}
