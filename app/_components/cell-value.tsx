import Link from 'next/link';
import type { CellValue as CellValueData } from '@/lib/matrix';
import { carriedNotice, cellPath } from '@/lib/format';
import { SourceNumbers } from './source-links';
import { SupportBadge } from './support-badge';

interface Props {
  value: CellValueData | undefined;
  kind: 'support' | 'text';
  meshSlug: string;
  meshName: string;
  label: string;
  featureSlug: string;
  featureName: string;
}

/** One cell of a matrix: the value (linking to its history), qualifier note, numbered sources, carried mark. */
export function CellValue({ value, kind, meshSlug, meshName, label, featureSlug, featureName }: Props) {
  const href = cellPath(meshSlug, label, featureSlug);
  const context = `${featureName}, ${meshName} ${label}`;
  if (!value) {
    return (
      <Link href={href} prefetch={false} className="no-underline" aria-label={`${context}: nothing recorded yet`}>
        <SupportBadge support="unknown" muted />
      </Link>
    );
  }
  return (
    <div className="space-y-1">
      <Link href={href} prefetch={false} className="hover:underline" aria-label={`${context}: ${describe(value, kind)}. History and sources`}>
        {kind === 'text' || value.support === null ? (
          <span className="text-sm">{value.text}</span>
        ) : (
          <SupportBadge support={value.support} />
        )}
      </Link>
      {value.note ? <p className="text-xs text-slate-700 dark:text-slate-300">{value.note}</p> : null}
      <div className="flex flex-wrap items-center gap-1">
        <SourceNumbers sources={value.sources} context={context} />
        {value.carriedFrom ? (
          <span className="text-xs text-slate-600 italic dark:text-slate-400" title={carriedNotice(value.carriedFrom, label)}>
            <span aria-hidden="true">↻ </span>
            <span className="sr-only">{carriedNotice(value.carriedFrom, label)}</span>
            <span aria-hidden="true">from {value.carriedFrom}</span>
          </span>
        ) : null}
      </div>
    </div>
  );
}

function describe(value: CellValueData, kind: 'support' | 'text'): string {
  if (kind === 'text' || value.support === null) return value.text ?? '';
  return value.support;
}
