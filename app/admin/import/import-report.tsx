import type { ReactNode } from 'react';
import { cellPath, userLinkRel } from '@/lib/format';
import { describeValue, summarizeImport, type ImportReport } from '@/lib/import/report';

const th = 'border-b border-slate-300 px-3 py-2 text-left dark:border-slate-700';
const td = 'border-b border-slate-200 px-3 py-2 align-top dark:border-slate-800';
const link = 'text-blue-700 underline dark:text-blue-300';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
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
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The report of a dry run or an import; `children` is the confirm button, shown under the summary. */
export function ImportReportView({ report, children }: { report: ImportReport; children?: ReactNode }) {
  const failed = report.problems.length > 0;
  const tone = failed
    ? 'bg-rose-100 text-rose-950 dark:bg-rose-950 dark:text-rose-50'
    : report.written
      ? 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50'
      : 'bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-50';
  const newRelease = new Set(report.newReleases.map((r) => `${r.mesh}@${r.label}`));
  return (
    <section aria-labelledby="report-heading" className="space-y-6">
      <h2 id="report-heading" className="text-xl font-bold">
        {report.dryRun ? 'Dry run report' : 'Import report'}
      </h2>
      <div role="status" aria-live="polite">
        <p className={`rounded px-3 py-2 ${tone}`}>
          {summarizeImport(report)}
          {report.emptyCells ? ` ${report.emptyCells} empty ${report.emptyCells === 1 ? 'cell' : 'cells'} skipped.` : ''}
        </p>
      </div>
      <p className="text-sm">
        Source: <a href={report.source.url} rel={userLinkRel} className={link}>{report.source.title ?? report.source.url}</a>, table as of {report.date}
        {report.format ? `; ${report.format === 'html' ? 'HTML' : 'Markdown'} table at line ${report.tableLine}` : ''}.
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
          <ReportTable caption="Columns of the table and the releases they import into" headings={['Column', 'Heading in the table', 'Mesh', 'Release', 'Release from']}>
            {report.columns.map((c) => (
              <tr key={c.column}>
                <th scope="row" className={`${td} font-normal`}>
                  {c.column}
                </th>
                <td className={td}>{c.heading}</td>
                <td className={td}>{c.meshName}</td>
                <td className={td}>
                  {c.label}
                  {c.newRelease ? <strong className="ml-2">new release</strong> : null}
                </td>
                <td className={td}>{c.releaseFrom}</td>
              </tr>
            ))}
          </ReportTable>
        </Section>
      ) : null}

      {report.newReleases.length ? (
        <Section id="report-releases" title="New releases">
          <ul className="list-disc pl-5">
            {report.newReleases.map((r) => (
              <li key={`${r.mesh}@${r.label}`}>
                {r.meshName} {r.label}: {r.carriedFrom ? `starts as a copy of ${r.carriedFrom}, then takes the imported values` : 'starts empty'}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.changes.length ? (
        <Section id="report-changes" title={report.written ? 'Revisions added' : 'Revisions to add'}>
          <ReportTable
            caption={`${report.written ? 'Cells the import changed' : 'Cells the import would change'}, with the current and the imported value`}
            headings={['Cell', 'Line', 'Current value', 'Imported value', 'Sources']}
          >
            {report.changes.map((c) => {
              const name = `${c.featureName} in ${c.meshName} ${c.label}`;
              const exists = report.written || !newRelease.has(`${c.mesh}@${c.label}`);
              return (
                <tr key={`${c.mesh}@${c.label}/${c.feature}`}>
                  <th scope="row" className={`${td} font-normal`}>
                    {exists ? (
                      <a href={cellPath(c.mesh, c.label, c.feature)} className={link}>
                        {name}
                      </a>
                    ) : (
                      name
                    )}
                  </th>
                  <td className={td}>{c.line}</td>
                  <td className={td}>{describeValue(c.before)}</td>
                  <td className={td}>
                    {describeValue(c.after)}
                    {c.sameValue ? <span className="block text-xs">same value; adds this source</span> : null}
                    {c.guessed ? <span className="block text-xs font-medium">no yes/no word: read as partial</span> : null}
                    {c.replacesNewer ? <span className="block text-xs font-medium">the current value is newer than this table</span> : null}
                  </td>
                  <td className={td}>
                    <ul>
                      {c.sources.map((s) => (
                        <li key={s.url} className="break-words">
                          <a href={s.url} rel={userLinkRel} className={link}>
                            {s.title ?? s.url}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </ReportTable>
        </Section>
      ) : null}

      {report.unchanged.length ? (
        <Section id="report-unchanged" title="Unchanged">
          <details>
            <summary>
              {report.unchanged.length} {report.unchanged.length === 1 ? 'cell already has' : 'cells already have'} this value from this source
            </summary>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {report.unchanged.map((c) => (
                <li key={`${c.mesh}@${c.label}/${c.feature}`}>
                  line {c.line}: {c.featureName} in {c.meshName} {c.label}
                </li>
              ))}
            </ul>
          </details>
        </Section>
      ) : null}

      {report.unknownRows.length ? (
        <Section id="report-unknown" title="Rows not mapped (skipped)">
          <ul className="list-disc pl-5">
            {report.unknownRows.map((r) => (
              <li key={r.line}>
                line {r.line}: {r.heading ? `“${r.heading}”` : 'a row without a name'}: {r.reason}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.rows.length ? (
        <Section id="report-rows" title="Rows">
          <details>
            <summary>{report.rows.length} rows of the table map onto rows of the matrix</summary>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {report.rows.map((r) => (
                <li key={r.line}>
                  line {r.line}: {r.heading} → {r.featureName}
                </li>
              ))}
            </ul>
          </details>
          {report.categories.length ? <p className="text-sm">Category rows: {report.categories.map((c) => c.heading).join(', ')}.</p> : null}
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
