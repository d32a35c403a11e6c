import type { CellValue as CellValueData } from '@/lib/matrix';
import { carriedNotice, cellPath } from '@/lib/format';
import { SupportBadge } from './support-badge';

interface Props {
  value: CellValueData | undefined;
  kind: 'support' | 'text';
  meshSlug: string;
  meshName: string;
  label: string;
  featureSlug: string;
  featureName: string;
  pending?: number;
}

const rel = 'nofollow ugc noopener';

/**
 * One matrix cell: the value (linking to its history), the qualifier note,
 * numbered sources and the carried mark. Plain anchors on purpose: hundreds
 * of client-side Links would add payload and hydration for no reader benefit.
 */
export function CellValue({ value, kind, meshSlug, meshName, label, featureSlug, featureName, pending }: Props) {
  const href = cellPath(meshSlug, label, featureSlug);
  const context = `${featureName} in ${meshName} ${label}`;
  const pendingMark = pending ? (
    <a href={`${href}#pending`} className="p" aria-label={`${pending} pending ${pending === 1 ? 'proposal' : 'proposals'} for ${context}`}>
      {`${pending} pending`}
    </a>
  ) : null;
  if (!value) {
    return (
      <>
        <a href={href} className="v" aria-label={`${context}: nothing recorded yet`}>
          <SupportBadge support="unknown" none />
        </a>
        {pendingMark}
      </>
    );
  }
  const isText = kind === 'text' || value.support === null;
  return (
    <>
      <a href={href} className="v" aria-label={`${context}: ${isText ? value.text : value.support}`}>
        {isText ? value.text : <SupportBadge support={value.support!} />}
      </a>
      {value.note ? <span className="n">{value.note}</span> : null}
      <span className="srcs">
        {value.sources.map((source, i) => (
          <a key={i} href={source.url} rel={rel} className="s" aria-label={`Source ${i + 1} for ${context}: ${source.title ?? source.url}`}>
            {`[${i + 1}]`}
          </a>
        ))}
        {value.carriedFrom ? (
          <span className="c">
            <span aria-hidden="true">{`↻ ${value.carriedFrom}`}</span>
            <span className="sr-only">{carriedNotice(value.carriedFrom, label)}</span>
          </span>
        ) : null}
      </span>
      {pendingMark}
    </>
  );
}
