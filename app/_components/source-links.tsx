import type { Source } from '@/db/schema';
import { userLinkRel } from '@/lib/format';


/** Full list with titles and addresses, for cell and history views. */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">No sources.</p>;
  return (
    <ol className="list-decimal space-y-1 pl-6 text-sm">
      {sources.map((source, i) => (
        <li key={`${i}-${source.url}`} className="break-words">
          <a href={source.url} rel={userLinkRel} className="text-blue-700 underline hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-100">
            {source.title ?? source.url}
          </a>
          {source.title ? <span className="block text-xs text-slate-600 dark:text-slate-400">{source.url}</span> : null}
        </li>
      ))}
    </ol>
  );
}
