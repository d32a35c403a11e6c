import { releaseInferredMarkText, staleMarkText } from '@/lib/rules/format';
import { STALE_AFTER_MONTHS } from '@/lib/rules/staleness';
import { SupportBadge } from './support-badge';
import { TextLink } from '@/app/_components/ui/text-link';

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
      <span>
        <span aria-hidden="true">≈</span> {releaseInferredMarkText}: the source names no release
      </span>
      <span>
        <span aria-hidden="true" className="text-amber-800 dark:text-amber-300">
          ◷
        </span>{' '}
        {staleMarkText}: carried over, or last confirmed {STALE_AFTER_MONTHS}+ months before the mesh&rsquo;s newest
        release (<TextLink href="/needs-checking">every cell that needs checking</TextLink>)
      </span>
    </div>
  );
}
