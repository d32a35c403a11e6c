import type { Metadata } from 'next';
import { FilterSelect } from '@/app/_components/filter-select';
import { SourceList } from '@/app/_components/source-links';
import { SupportBadge } from '@/app/_components/support-badge';
import { ValueDiffView } from '@/app/_components/value-diff';
import { requirePageRole } from '@/lib/next/auth/page-guards';
import { BadRequestError, NotFoundError } from '@/lib/rules/errors';
import { cellPath, formatDate, userLinkRel } from '@/lib/rules/format';
import { diffValues, isConfirmation } from '@/lib/rules/history';
import { getImportRun } from '@/lib/server/import/aliases';
import { listMeshes } from '@/lib/server/matrix/meshes';
import type { Actor } from '@/lib/rules/permissions';
import { listReviewQueue, type QueueEntry } from '@/lib/server/proposals/review';
import { countUnpatrolled } from '@/lib/server/patrol/patrol';
import { rejectReasons } from '@/lib/server/proposals/schemas';
import { approveProposalAction, rejectProposalAction, requestProposalChangesAction } from './actions';
import { listChangesetQueue, type ChangesetSummary } from '@/lib/server/changesets/changeset-views';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Notice, OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { formatWaitHours } from '@/lib/rules/percentiles';
import { reviewQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Review queue' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function age(iso: string, now: number): string {
  return formatWaitHours((now - Date.parse(iso)) / 3_600_000);
}

const QUEUE_PAGE = 50;
const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900';

/** The import the queue is narrowed to (`?import=N`), or why that is not one; absent or empty means no such filter. */
function readImportFilter(
  moderator: Actor,
  raw: string | string[] | undefined,
): { run: ReturnType<typeof getImportRun> | null; problem: string | null } {
  if (raw === undefined || raw === '') return { run: null, problem: null };
  try {
    return { run: getImportRun(moderator, raw), problem: null };
  } catch (error) {
    if (error instanceof BadRequestError || error instanceof NotFoundError)
      return { run: null, problem: error.message };
    throw error;
  }
}

export default async function ReviewPage({ searchParams }: Props) {
  const moderator = await requirePageRole('moderator');
  const query = readQuery(reviewQuerySchema, await searchParams);
  const params = query.data ?? {};
  const text = (name: keyof typeof params) => params[name];
  const fromImport = readImportFilter(moderator, params.import);
  const filter = {
    mesh: text('mesh') || undefined,
    feature: text('feature') || undefined,
    author: text('author') || undefined,
    importId: fromImport.run?.id,
  };
  // A bad import filter shows no queue: the whole queue under it would read as that import's proposals.
  const oldestFirst = fromImport.problem ? [] : listReviewQueue(moderator, filter);
  const newestFirst = params.sort === 'newest';
  const queue = newestFirst ? [...oldestFirst].reverse() : oldestFirst;
  const changesets = fromImport.problem
    ? []
    : listChangesetQueue(moderator, { newestFirst, importId: fromImport.run?.id });
  const shownChangesets = changesets.filter(
    (c) =>
      (!filter.mesh || c.meshSlugs.includes(filter.mesh)) &&
      (!filter.author || (c.authorName ?? '').toLowerCase() === filter.author.toLowerCase()),
  );
  const oldestWaiting = [oldestFirst[0]?.createdAt, ...changesets.map((c) => c.createdAt)]
    .filter((at): at is string => !!at)
    .sort()[0];
  const meshes = listMeshes();
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request; one reading keeps every age in the queue consistent
  const now = Date.now();
  const notice = text('approved')
    ? `Proposal ${text('approved')} approved and published.`
    : text('rejected')
      ? `Proposal ${text('rejected')} rejected.`
      : text('changesRequested')
        ? `Changes requested on proposal ${text('changesRequested')}; it waits for its author.`
        : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Review queue</h1>
      <p>
        <TextAnchor href="/review/patrol">Patrol: {countUnpatrolled()} published without review to check</TextAnchor>
      </p>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={notice} problem={text('problem')} />
      {fromImport.run ? (
        <div className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-50">
          <h2 className="font-semibold">
            Proposals from the import of {fromImport.run.sourceTitle ?? fromImport.run.sourceUrl} (
            {fromImport.run.tableDate})
          </h2>
          <p className="text-sm">
            Import #{fromImport.run.id} of{' '}
            <TextAnchor href={fromImport.run.sourceUrl} rel={userLinkRel}>
              {fromImport.run.sourceUrl}
            </TextAnchor>
            , run {formatDate(fromImport.run.createdAt)}; {fromImport.run.proposals}{' '}
            {fromImport.run.proposals === 1 ? 'proposal' : 'proposals'} sent.{' '}
            <TextAnchor href="/review">Show all</TextAnchor>
          </p>
        </div>
      ) : null}
      {fromImport.problem ? (
        <Notice tone="problem" role="alert">
          {fromImport.problem}{' '}
          <a href="/review" className="underline">
            Show all
          </a>
        </Notice>
      ) : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        {fromImport.run ? <input type="hidden" name="import" value={fromImport.run.id} /> : null}
        <FilterSelect
          id="filter-mesh"
          name="mesh"
          label="Mesh"
          allLabel="All meshes"
          value={filter.mesh}
          options={meshes}
        />
        <div>
          <label htmlFor="filter-feature" className="block text-sm font-medium">
            Row (slug)
          </label>
          <input
            id="filter-feature"
            name="feature"
            defaultValue={filter.feature ?? ''}
            className={field}
            placeholder="mtls"
          />
        </div>
        <div>
          <label htmlFor="filter-author" className="block text-sm font-medium">
            Author
          </label>
          <input id="filter-author" name="author" defaultValue={filter.author ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="filter-sort" className="block text-sm font-medium">
            Order
          </label>
          <select id="filter-sort" name="sort" defaultValue={params.sort ?? 'oldest'} className={field}>
            <option value="oldest">Oldest first</option>
            <option value="newest">Newest first</option>
          </select>
        </div>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 text-white dark:bg-slate-200 dark:text-slate-900"
        >
          Filter
        </button>
      </form>
      <p>
        {queue.length} pending {queue.length === 1 ? 'proposal' : 'proposals'}, {newestFirst ? 'newest' : 'oldest'}{' '}
        first
        {queue.length > QUEUE_PAGE
          ? `; showing the ${newestFirst ? 'newest' : 'oldest'} ${QUEUE_PAGE} (filter to narrow)`
          : ''}
        .
        {shownChangesets.length
          ? ` ${shownChangesets.length} ${shownChangesets.length === 1 ? 'changeset' : 'changesets'}, each one item below.`
          : ''}
        {oldestWaiting ? (
          <>
            {' '}
            The oldest has waited <strong data-testid="oldest-wait">{age(oldestWaiting, now)}</strong> (since{' '}
            <time dateTime={oldestWaiting}>{formatDate(oldestWaiting)}</time>).
          </>
        ) : null}
      </p>
      {shownChangesets.length ? (
        <section aria-labelledby="changesets-heading" className="space-y-3">
          <h2 id="changesets-heading" className="text-xl font-semibold">
            Changesets
          </h2>
          <ol className="space-y-3">
            {shownChangesets.map((changeset) => (
              <ChangesetItem
                key={changeset.id}
                changeset={changeset}
                now={now}
                isOwn={changeset.authorId === moderator.id}
              />
            ))}
          </ol>
        </section>
      ) : null}
      <ol className="space-y-6">
        {queue.slice(0, QUEUE_PAGE).map((entry) => (
          <QueueItem
            key={entry.id}
            entry={entry}
            now={now}
            isOwn={entry.authorId === moderator.id}
            importFilter={fromImport.run?.id ?? null}
          />
        ))}
      </ol>
    </div>
  );
}

function ChangesetItem({ changeset, now, isOwn }: { changeset: ChangesetSummary; now: number; isOwn: boolean }) {
  return (
    <li className="rounded border border-slate-300 p-4 dark:border-slate-700" data-testid="changeset-item">
      <h3 className="text-lg font-semibold">
        <TextAnchor href={`/changesets/${changeset.id}`}>
          Changeset {changeset.id}: {changeset.title}
        </TextAnchor>
      </h3>
      <p className="text-sm">
        By <strong>{changeset.authorName ?? 'a contributor'}</strong>: {changeset.open} of {changeset.cells}{' '}
        {changeset.cells === 1 ? 'cell' : 'cells'} to decide
        {changeset.releaseLabel
          ? `, and a new release ${changeset.releaseMeshName ?? ''} ${changeset.releaseLabel}`
          : ''}
        ; waiting {age(changeset.createdAt, now)}.{' '}
        {changeset.importId !== null ? (
          <TextAnchor href={`/review?import=${changeset.importId}`}>From import #{changeset.importId}</TextAnchor>
        ) : null}{' '}
        {changeset.resubmittedAt ? <UpdatedAfterFeedback /> : null}
        {isOwn ? ' Your own: another moderator must decide it.' : null}
      </p>
    </li>
  );
}

function UpdatedAfterFeedback() {
  return (
    <strong className="rounded bg-sky-100 px-1.5 py-0.5 text-sky-950 dark:bg-sky-950 dark:text-sky-50">
      Updated after feedback
    </strong>
  );
}

function QueueItem({
  entry,
  now,
  isOwn,
  importFilter,
}: {
  entry: QueueEntry;
  now: number;
  isOwn: boolean;
  importFilter: number | null;
}) {
  const href = cellPath(entry.cell.meshSlug, entry.cell.label, entry.cell.featureSlug);
  const diff = diffValues(entry.current, entry);
  const headingId = `proposal-${entry.id}`;
  return (
    <li className="space-y-3 rounded border border-slate-300 p-4 dark:border-slate-700" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">
        Proposal {entry.id}:{' '}
        <TextAnchor href={href}>
          {entry.cell.featureName} in {entry.cell.meshName} {entry.cell.label}
        </TextAnchor>
      </h2>
      <p className="text-sm">
        By{' '}
        <TextAnchor href={`/review/contributors/${entry.authorId}`} className="font-semibold">
          {entry.authorName ?? 'a contributor'}
        </TextAnchor>{' '}
        ({entry.authorRecord.approved} approved, {entry.authorRecord.rejected} rejected), waiting{' '}
        {age(entry.createdAt, now)} (since {formatDate(entry.createdAt)}).{' '}
        {entry.affiliated ? (
          <strong>Discloses working for or with the vendor.</strong>
        ) : (
          'No vendor affiliation disclosed.'
        )}
        {entry.resubmittedAt ? (
          <>
            {' '}
            <UpdatedAfterFeedback />
          </>
        ) : null}
        {entry.importId !== null ? (
          <>
            {' '}
            <TextAnchor href={`/review?import=${entry.importId}`}>From import #{entry.importId}</TextAnchor>
          </>
        ) : null}
      </p>
      {entry.conflict ? (
        <p className="rounded bg-amber-100 px-3 py-2 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          Conflict: the cell changed since this proposal was made (based on revision {entry.baseRevisionId ?? 'none'},
          now {entry.current?.id}). Compare below and approve over it explicitly, or reject it as outdated.
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-label={`Current value for proposal ${entry.id}`} className="space-y-1">
          <h3 className="font-medium">Current</h3>
          {entry.current ? (
            <>
              <p>
                {entry.cell.featureKind === 'text' || entry.current.support === null ? (
                  entry.current.text
                ) : (
                  <SupportBadge support={entry.current.support} />
                )}{' '}
                {entry.current.note ? <span className="text-sm">{entry.current.note}</span> : null}
              </p>
              <SourceList sources={entry.current.sources} />
            </>
          ) : (
            <p>Nothing recorded.</p>
          )}
        </section>
        <section aria-label={`Change proposed in proposal ${entry.id}`} className="space-y-1">
          <h3 className="font-medium">Proposed change</h3>
          {entry.current && isConfirmation(diff) ? (
            <p className="text-sm">Confirmation: the same value with new sources; approving it clears a stale mark.</p>
          ) : null}
          <ValueDiffView diff={diff} />
        </section>
      </div>
      <div>
        <h3 className="font-medium">Rationale</h3>
        <p className="whitespace-pre-line">{entry.rationale}</p>
      </div>
      {isOwn ? (
        <p className="text-sm">This is your own proposal: another moderator must decide it.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <form action={approveProposalAction} className="space-y-2">
            <input type="hidden" name="id" value={entry.id} />
            {importFilter !== null ? <input type="hidden" name="import" value={importFilter} /> : null}
            <label htmlFor={`approve-comment-${entry.id}`} className="block text-sm font-medium">
              Comment (optional)
            </label>
            <input id={`approve-comment-${entry.id}`} name="comment" className={field} />
            {entry.conflict ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="overConflict" />
                Approve over the newer value
              </label>
            ) : null}
            <button
              type="submit"
              className="rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800"
            >
              Approve proposal {entry.id}
            </button>
          </form>
          <form action={rejectProposalAction} className="space-y-2">
            <input type="hidden" name="id" value={entry.id} />
            {importFilter !== null ? <input type="hidden" name="import" value={importFilter} /> : null}
            <label htmlFor={`reject-preset-${entry.id}`} className="block text-sm font-medium">
              Reason
            </label>
            <select
              id={`reject-preset-${entry.id}`}
              name="preset"
              className={field}
              defaultValue={entry.conflict ? 'Outdated: the cell changed since' : ''}
            >
              <option value="">Choose a common reason, or write one below</option>
              {rejectReasons.map((reason) => (
                <option key={reason} value={reason}>
                  {reason}
                </option>
              ))}
            </select>
            <label htmlFor={`reject-details-${entry.id}`} className="block text-sm font-medium">
              Details for the author
            </label>
            <input id={`reject-details-${entry.id}`} name="details" className={field} />
            <button type="submit" className="rounded bg-rose-700 px-3 py-1.5 font-medium text-white hover:bg-rose-800">
              Reject proposal {entry.id}
            </button>
          </form>
          <form action={requestProposalChangesAction} className="space-y-2 md:col-span-2">
            <input type="hidden" name="proposalId" value={entry.id} />
            {importFilter !== null ? <input type="hidden" name="import" value={importFilter} /> : null}
            <label htmlFor={`request-changes-${entry.id}`} className="block text-sm font-medium">
              What should the author change?
            </label>
            <input id={`request-changes-${entry.id}`} name="comment" className={field} />
            <button
              type="submit"
              className="rounded border border-slate-500 px-3 py-1.5 font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              Ask for changes to proposal {entry.id}
            </button>
          </form>
        </div>
      )}
    </li>
  );
}
