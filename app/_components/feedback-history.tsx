import type { FeedbackRoundView } from '@/lib/server/proposals/feedback';
import { formatDate } from '@/lib/rules/format';

/** What the author sent before answering feedback: a single proposal's value or a changeset's summary and cells. */
function PreviousVersion({ previous }: { previous: Record<string, unknown> }) {
  const changes = Array.isArray(previous.changes)
    ? (previous.changes as { cell: string; support: string | null; text: string | null; note: string | null }[])
    : null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm underline">What was sent before the revision</summary>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
        {typeof previous.title === 'string' ? (
          <>
            <dt className="font-medium">Title</dt>
            <dd>{previous.title}</dd>
          </>
        ) : null}
        {'support' in previous || 'text' in previous ? (
          <>
            <dt className="font-medium">Value</dt>
            <dd>
              {String(previous.support ?? previous.text ?? '')}
              {previous.note ? ` (${String(previous.note)})` : ''}
            </dd>
          </>
        ) : null}
        {typeof previous.rationale === 'string' ? (
          <>
            <dt className="font-medium">Rationale</dt>
            <dd className="whitespace-pre-line">{previous.rationale}</dd>
          </>
        ) : null}
        {changes ? (
          <>
            <dt className="font-medium">Cells</dt>
            <dd>
              <ul className="list-disc pl-5">
                {changes.map((change) => (
                  <li key={change.cell}>
                    {change.cell}: {change.support ?? change.text ?? ''}
                    {change.note ? ` (${change.note})` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

/** Every request for changes with the moderator's comment, and the version each revision replaced. */
export function FeedbackHistory({ rounds }: { rounds: FeedbackRoundView[] }) {
  if (!rounds.length) return null;
  return (
    <section aria-labelledby="feedback-heading" className="space-y-2">
      <h2 id="feedback-heading" className="text-lg font-semibold">
        Feedback and revisions
      </h2>
      <ol className="space-y-3">
        {rounds.map((round) => (
          <li
            key={round.id}
            className="rounded border border-slate-300 p-3 dark:border-slate-700"
            data-testid="feedback-round"
          >
            <p className="text-sm">
              {round.moderatorName ?? 'A moderator'} asked for changes on {formatDate(round.requestedAt)}
              {round.resubmittedAt ? `; revised on ${formatDate(round.resubmittedAt)}` : '; waiting for the author'}.
            </p>
            <p className="whitespace-pre-line">{round.comment}</p>
            {round.previous ? <PreviousVersion previous={round.previous} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
