import type { Source } from '@/db/schema';
import type { Change, ValueDiff } from '@/lib/rules/history';
import { SourceLink } from './source-links';
import { SupportBadge } from './support-badge';

function Shown({ value }: { value: string | null }) {
  return value ? <span>{value}</span> : <em className="text-slate-600 dark:text-slate-400">none</em>;
}

function TextChange({ label, change }: { label: string; change: Change<string | null> }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd>
        <del className="bg-rose-50 dark:bg-rose-950">
          <Shown value={change.from} />
        </del>{' '}
        <span aria-hidden="true">→</span>{' '}
        <ins className="bg-emerald-50 no-underline dark:bg-emerald-950">
          <Shown value={change.to} />
        </ins>
      </dd>
    </>
  );
}

function SourceChanges({ label, sources }: { label: string; sources: Source[] }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd>
        <ul className="list-disc pl-5">
          {sources.map((s) => (
            <li key={s.url} className="break-words">
              <SourceLink source={s} />
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
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
      {diff.text ? <TextChange label="Value" change={diff.text} /> : null}
      {diff.note ? <TextChange label="Note" change={diff.note} /> : null}
      {diff.sourcesAdded.length ? <SourceChanges label="Sources added" sources={diff.sourcesAdded} /> : null}
      {diff.sourcesRemoved.length ? <SourceChanges label="Sources removed" sources={diff.sourcesRemoved} /> : null}
    </dl>
  );
}
