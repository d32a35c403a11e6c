import type { ReactNode } from 'react';
import { cellPath } from '@/lib/rules/format';
import {
  describeValue,
  summarizeImport,
  type ColumnReport,
  type ImportReport,
  type RowReport,
} from '@/lib/rules/tables/report';
import { cellKey, releaseKey } from '@/lib/rules/cell-keys';
import { SourceLink } from '@/app/_components/source-links';
import { TextAnchor } from '@/app/_components/ui/text-link';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { Notice, StatusRegion } from '@/app/_components/ui/notice';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A scrolling report table: caption for screen readers, a header row of column names. */
function ReportTable({ caption, headings, children }: { caption: ReactNode; headings: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <DataTable caption={caption} columns={headings}>
        {children}
      </DataTable>
    </div>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How a column or row was placed, in words: the status, and for a placed name how it was found. */
export function placementText(name: ColumnReport | RowReport, written: boolean): string {
  if (name.status === 'created') return written ? 'created' : 'to create';
  if (name.status === 'mapped') {
    if (name.matchedBy === 'alias') return 'mapped (remembered name)';
    if (name.matchedBy === 'choice') return 'mapped (your choice)';
    return 'mapped';
  }
  const closest = name.suggestions.length ? `; closest: ${name.suggestions.map((s) => s.name).join(', ')}` : '';
  return `${name.status}, left out: ${name.reason ?? 'not placed'}${closest}`;
}

/** The report of a dry run or an import; `children` (names to settle, the confirm button) come under the summary. */
export function ImportReportView({ report, children }: { report: ImportReport; children?: ReactNode }) {
  const failed = report.problems.length > 0;
  const tone = failed ? 'problem' : report.written ? 'done' : 'info';
  const newRelease = new Set(report.newReleases.map((r) => releaseKey(r.mesh, r.label)));
  const newMesh = new Set(report.created.meshes.map((m) => m.slug));
  const newRow = new Set(report.created.rows.map((r) => r.slug));
  const review = report.mode === 'review';
  const created = [
    ...report.created.meshes.map((m) => `mesh ${m.name} (${m.slug})`),
    ...report.created.categories.map((c) => `category ${c.name} (${c.slug})`),
    ...report.created.rows.map(
      (r) => `row ${r.name} (${r.slug}, ${r.kind === 'support' ? 'support level' : 'text'}) in ${r.category}`,
    ),
  ];
  return (
    <section aria-labelledby="report-heading" className="space-y-6">
      <h2 id="report-heading" className="text-xl font-bold">
        {report.dryRun ? 'Dry run report' : 'Import report'}
      </h2>
      <StatusRegion className="space-y-2">
        <Notice tone={tone}>
          {summarizeImport(report)}
          {report.emptyCells ? ` ${plural(report.emptyCells, 'empty cell')} skipped.` : ''}
        </Notice>
        {report.written && review && report.importId !== null ? (
          <p>
            <TextAnchor href={`/review?import=${report.importId}`}>
              Review the {plural(report.changes.length, 'proposal')} from this import
            </TextAnchor>{' '}
            (moderators decide them; you cannot approve your own).
          </p>
        ) : null}
      </StatusRegion>
      <p className="text-sm">
        Source: <SourceLink source={report.source} hover={false} />, table as of {report.date}
        {report.format ? `; ${report.format === 'html' ? 'HTML' : 'Markdown'} table at line ${report.tableLine}` : ''}
        {report.orientation ? `; read with ${report.orientation}` : ''}
        {review ? '; changes go to the review queue as proposals' : ''}.
      </p>
      {children}

      {failed ? (
        <Section id="report-problems" title="Problems">
          <ul className="list-disc space-y-1 pl-5">
            {report.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.columns.length ? (
        <Section id="report-columns" title="Meshes">
          <ReportTable
            caption="Columns of the table, how each was placed, and the release it imports into"
            headings={['Column', 'Heading in the table', 'Status', 'Mesh', 'Release', 'Release from']}
          >
            {report.columns.map((c) => (
              <tr key={c.column}>
                <RowHeader className="font-normal align-top">{c.column}</RowHeader>
                <Cell className="align-top">{c.heading}</Cell>
                <Cell className="align-top">{placementText(c, report.written)}</Cell>
                <Cell className="align-top">{c.meshName}</Cell>
                <Cell className="align-top">
                  {c.release}
                  {c.newRelease ? <strong className="ml-2">new release</strong> : null}
                </Cell>
                <Cell className="align-top">{c.releaseFrom}</Cell>
              </tr>
            ))}
          </ReportTable>
        </Section>
      ) : null}

      {report.rows.length ? (
        <Section id="report-rows" title="Rows">
          <ReportTable
            caption="Rows of the table and how each was placed"
            headings={['Line', 'Heading in the table', 'Status', 'Row', 'Category']}
          >
            {report.rows.map((r) => (
              <tr key={`${r.line}/${r.heading}`}>
                <RowHeader className="font-normal align-top">{r.line}</RowHeader>
                <Cell className="align-top">
                  {r.heading || '(no name)'}
                  {r.explanation ? <span className="block text-xs">{r.explanation}</span> : null}
                </Cell>
                <Cell className="align-top">{placementText(r, report.written)}</Cell>
                <Cell className="align-top">{r.rowName}</Cell>
                <Cell className="align-top">{r.category}</Cell>
              </tr>
            ))}
          </ReportTable>
          {report.categories.length ? (
            <p className="text-sm">Category rows: {report.categories.map((c) => c.heading).join(', ')}.</p>
          ) : null}
        </Section>
      ) : null}

      {created.length ? (
        <Section id="report-created" title={report.written ? 'Created' : 'To create'}>
          <ul className="list-disc pl-5">
            {created.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.aliases.length ? (
        <Section id="report-aliases" title={report.written ? 'Names remembered' : 'Names to remember'}>
          <p className="text-sm">
            The next import of a table using these names places them without asking; an admin can forget one on the mesh
            or row&apos;s structure page.
          </p>
          <ul className="list-disc pl-5">
            {report.aliases.map((a) => (
              <li key={`${a.target}/${a.name}`}>
                “{a.name}” = {a.target === 'mesh' ? 'mesh' : 'row'} {a.slug}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.newReleases.length ? (
        <Section id="report-releases" title="New releases">
          <ul className="list-disc pl-5">
            {report.newReleases.map((r) => (
              <li key={releaseKey(r.mesh, r.label)}>
                {r.meshName} {r.label}:{' '}
                {r.carriedFrom
                  ? `starts as a copy of ${r.carriedFrom}, then takes the imported values`
                  : 'starts empty'}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.changes.length ? (
        <Section
          id="report-changes"
          title={
            review
              ? report.written
                ? 'Proposals sent'
                : 'Proposals to send'
              : report.written
                ? 'Revisions added'
                : 'Revisions to add'
          }
        >
          <ReportTable
            caption={`${report.written ? 'Cells the import changed' : 'Cells the import would change'}${review ? ' (as proposals for review)' : ''}, with the current and the imported value`}
            headings={['Cell', 'Line', 'Current value', 'Imported value', 'Sources']}
          >
            {report.changes.map((c) => {
              const name = `${c.featureName} in ${c.meshName} ${c.label}`;
              const exists =
                report.written ||
                (!newRelease.has(releaseKey(c.mesh, c.label)) && !newMesh.has(c.mesh) && !newRow.has(c.feature));
              return (
                <tr key={cellKey(c.mesh, c.label, c.feature)}>
                  <RowHeader className="font-normal align-top">
                    {exists ? <TextAnchor href={cellPath(c.mesh, c.label, c.feature)}>{name}</TextAnchor> : name}
                  </RowHeader>
                  <Cell className="align-top">{c.line}</Cell>
                  <Cell className="align-top">{describeValue(c.before)}</Cell>
                  <Cell className="align-top">
                    {describeValue(c.after)}
                    {c.sameValue ? <span className="block text-xs">same value; adds this source</span> : null}
                    {c.guessed ? (
                      <span className="block text-xs font-medium">no yes/no word: read as partial</span>
                    ) : null}
                    {c.replacesNewer ? (
                      <span className="block text-xs font-medium">the current value is newer than this table</span>
                    ) : null}
                  </Cell>
                  <Cell className="align-top">
                    <ul>
                      {c.sources.map((s) => (
                        <li key={s.url} className="break-words">
                          <SourceLink source={s} hover={false} />
                        </li>
                      ))}
                    </ul>
                  </Cell>
                </tr>
              );
            })}
          </ReportTable>
        </Section>
      ) : null}

      {report.leftNewer.length ? (
        <Section id="report-left-newer" title="Left alone: a newer value is recorded">
          <ul className="list-disc pl-5 text-sm">
            {report.leftNewer.map((c) => (
              <li key={cellKey(c.mesh, c.label, c.feature)}>
                line {c.line}: {c.featureName} in {c.meshName} {c.label} (recorded {c.recordedAt.slice(0, 10)}, after
                the table&apos;s date)
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.unchanged.length ? (
        <Section id="report-unchanged" title="Unchanged">
          <details>
            <summary>
              {report.unchanged.length} {report.unchanged.length === 1 ? 'cell already has' : 'cells already have'} this
              value from this source
            </summary>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {report.unchanged.map((c) => (
                <li key={cellKey(c.mesh, c.label, c.feature)}>
                  line {c.line}: {c.featureName} in {c.meshName} {c.label}
                </li>
              ))}
            </ul>
          </details>
        </Section>
      ) : null}

      {report.notes.length ? (
        <Section id="report-notes" title="Notes">
          <ul className="list-disc pl-5 text-sm">
            {report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </Section>
      ) : null}
    </section>
  );
}
