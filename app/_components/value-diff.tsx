import type { ValueDiff } from '@/lib/history';
import { SupportBadge } from './support-badge';

const rel = 'nofollow ugc noopener';

function Shown({ value }: { value: string | null }) {
  return value ? <span>{value}</span> : <em className="text-slate-600 dark:text-slate-400">none</em>;
}

/** A value diff as a small definition list: support, text, note, sources added and removed. */
export function ValueDiffView({ diff }: { diff: ValueDiff }) {
  if (diff.same) return <p>No difference.</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {diff.support ? (
        <>
          <dt className="font-medium">Support</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {diff.support.from ? <SupportBadge support={diff.support.from} /> : <em>none</em>}
            <span aria-hidden="true">→</span>
            <span className="sr-only">changes to</span>
            {diff.support.to ? <SupportBadge support={diff.support.to} /> : <em>none</em>}
          </dd>
        </>
      ) : null}
      {diff.text ? (
        <>
          <dt className="font-medium">Value</dt>
          <dd>
            <del className="bg-rose-50 dark:bg-rose-950">
              <Shown value={diff.text.from} />
            </del>{' '}
            <span aria-hidden="true">→</span>{' '}
            <ins className="bg-emerald-50 no-underline dark:bg-emerald-950">
              <Shown value={diff.text.to} />
            </ins>
          </dd>
        </>
      ) : null}
      {diff.note ? (
        <>
          <dt className="font-medium">Note</dt>
          <dd>
            <del className="bg-rose-50 dark:bg-rose-950">
              <Shown value={diff.note.from} />
            </del>{' '}
            <span aria-hidden="true">→</span>{' '}
            <ins className="bg-emerald-50 no-underline dark:bg-emerald-950">
              <Shown value={diff.note.to} />
            </ins>
          </dd>
        </>
      ) : null}
      {diff.sourcesAdded.length ? (
        <>
          <dt className="font-medium">Sources added</dt>
          <dd>
            <ul className="list-disc pl-5">
              {diff.sourcesAdded.map((s) => (
                <li key={s.url} className="break-words">
                  <a href={s.url} rel={rel} className="text-blue-700 underline dark:text-blue-300">
                    {s.title ?? s.url}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {diff.sourcesRemoved.length ? (
        <>
          <dt className="font-medium">Sources removed</dt>
          <dd>
            <ul className="list-disc pl-5">
              {diff.sourcesRemoved.map((s) => (
                <li key={s.url} className="break-words">
                  <a href={s.url} rel={rel} className="text-blue-700 underline dark:text-blue-300">
                    {s.title ?? s.url}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
