import type { Source } from '@/db/schema';
import { userLinkRel } from '@/lib/rules/format';
import { sourceHref } from '@/lib/rules/sources';
import { TextAnchor } from '@/app/_components/ui/text-link';

const hoverClass = 'hover:text-blue-900 dark:hover:text-blue-100';

/**
 * One source by its title (or address): a link when its address is http(s), plain text otherwise, as in the matrix.
 * `hover={false}` for the import report, whose dense tables keep links still under the pointer.
 */
export function SourceLink({ source, hover = true }: { source: Source; hover?: boolean }) {
  const href = sourceHref(source);
  const label = source.title ?? source.url;
  return href ? (
    <TextAnchor href={href} rel={userLinkRel} className={hover ? hoverClass : undefined}>
      {label}
    </TextAnchor>
  ) : (
    <span>{label}</span>
  );
}

/** Full list with titles and addresses, for cell and history views. */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">No sources.</p>;
  return (
    <ol className="list-decimal space-y-1 pl-6 text-sm">
      {sources.map((source, i) => (
        <li key={`${i}-${source.url}`} className="break-words">
          <SourceLink source={source} />
          {source.title ? <span className="block text-xs text-slate-600 dark:text-slate-400">{source.url}</span> : null}
        </li>
      ))}
    </ol>
  );
}
