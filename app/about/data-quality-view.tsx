import { coverageLabel } from '@/lib/rules/coverage';
import { getDataQuality, percentOf, type Share } from '@/lib/server/exports/data-quality';
import { formatDate, releasePath } from '@/lib/rules/format';
import { STALE_AFTER_MONTHS } from '@/lib/rules/staleness';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { formatWaitHours } from '@/lib/rules/percentiles';
import { getQueueHealth, QUEUE_HEALTH_DAYS } from '@/lib/server/proposals/queue-health';

function shareText(share: Share): string {
  const percent = percentOf(share);
  return percent === null ? 'no values' : `${share.count} of ${share.of} (${percent}%)`;
}

/** Terms and their figures, side by side. */
function Figures({ figures, testId }: { figures: [string, string][]; testId?: string }) {
  return (
    <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1" data-testid={testId}>
      {figures.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `/about/data` (rewritten to app/views/[name]): how complete, sourced and fresh the data is, per mesh and overall. */
export function DataQualityView() {
  const { meshes, overall } = getDataQuality();
  const queue = getQueueHealth();
  const hours = (value: number | null) => (value === null ? 'no decisions yet' : formatWaitHours(value));
  const queueFigures: [string, string][] = [
    ['Submissions waiting for review (a changeset counts once)', String(queue.waiting)],
    ['Waiting since', queue.oldestPendingAt ? formatDate(queue.oldestPendingAt) : 'nothing waits'],
    [`Decisions in the last ${QUEUE_HEALTH_DAYS} days`, String(queue.decided)],
    ['Median time from proposal to decision', hours(queue.medianHours)],
    ['90th percentile time from proposal to decision', hours(queue.p90Hours)],
  ];
  const figures: [string, string][] = [
    ['Active meshes', String(overall.meshes)],
    ['Releases of those meshes', String(overall.releases)],
    ['Active rows', String(overall.rows)],
    ['Cells known in the newest releases', shareText(overall.cellsKnown)],
    ['Values with an http(s) source', shareText(overall.sourced)],
    ['Values stale or carried over', shareText(overall.stale)],
    ['Revisions recorded', String(overall.revisions)],
    [
      'Values of the newest releases, by where their release comes from',
      `${overall.placement.named} on a release the source names, ${overall.placement.inferred} on a release inferred from the source's date, ${overall.placement.dateLabelled} on a release labelled by the date`,
    ],
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-bold">Data quality</h1>
      <p>
        How complete, sourced and fresh the matrix is, worked out from the data itself each time it changes. Every
        figure is about the newest release of each active mesh, the column the matrix shows.
      </p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <strong>Known</strong>: the cell has a value other than &ldquo;unknown&rdquo; (for text rows, some text).
        </li>
        <li>
          <strong>Sourced</strong>: the value cites at least one http(s) link.
        </li>
        <li>
          <strong>Stale or carried</strong>: the value was carried over from an older release without being checked
          again, or was last confirmed more than {STALE_AFTER_MONTHS} months before the newest release appeared.
        </li>
        <li>
          <strong>Last change</strong>: the newest value written for any release of the mesh, not counting values
          carried over.
        </li>
      </ul>

      <section aria-labelledby="overall-heading" className="space-y-2">
        <h2 id="overall-heading" className="text-lg font-semibold">
          Overall
        </h2>
        <Figures figures={figures} />
      </section>

      <section aria-labelledby="queue-heading" className="space-y-2">
        <h2 id="queue-heading" className="text-lg font-semibold">
          Review queue
        </h2>
        <p>
          Every proposal waits for a moderator. How long that takes is part of what this site promises contributors, so
          it is shown here, worked out from the proposals themselves.
        </p>
        <Figures figures={queueFigures} testId="queue-health" />
      </section>

      <section aria-labelledby="per-mesh-heading" className="space-y-2">
        <h2 id="per-mesh-heading" className="text-lg font-semibold">
          Per mesh
        </h2>
        <div
          className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800"
          role="region"
          aria-label="Data quality per mesh"
          tabIndex={0}
        >
          <DataTable
            caption="Data quality of the newest release of each active mesh"
            columns={['Mesh', 'Newest release', 'Released', 'Coverage', 'Sourced', 'Stale or carried', 'Last change']}
            columnClassName="align-bottom"
          >
            {meshes.map((m) => (
              <tr key={m.mesh.slug}>
                <RowHeader className="font-medium align-top">
                  <TextAnchor href={`/meshes/${encodeURIComponent(m.mesh.slug)}`}>{m.mesh.name}</TextAnchor>
                </RowHeader>
                <Cell className="align-top">
                  <TextAnchor href={releasePath(m.mesh.slug, m.newestRelease.label)}>
                    {m.newestRelease.label}
                  </TextAnchor>
                </Cell>
                <Cell className="align-top">
                  {m.newestRelease.releasedOn
                    ? formatDate(m.newestRelease.releasedOn)
                    : `first named ${formatDate(m.newestRelease.firstNamedOn)}`}
                </Cell>
                <Cell className="align-top">{coverageLabel(m.coverage)}</Cell>
                <Cell className="align-top">{shareText(m.sourced)}</Cell>
                <Cell className="align-top">
                  {shareText(m.stale)}
                  {m.carried.count > 0 ? (
                    <span className="block text-xs text-slate-700 dark:text-slate-300">
                      {m.carried.count} carried over
                    </span>
                  ) : null}
                </Cell>
                <Cell className="align-top">{m.lastChangedAt ? formatDate(m.lastChangedAt) : 'never'}</Cell>
              </tr>
            ))}
          </DataTable>
        </div>
      </section>
      <p>
        The same figures as JSON: <TextAnchor href="/api/v1/stats">/api/v1/stats</TextAnchor>.
      </p>
    </div>
  );
}
