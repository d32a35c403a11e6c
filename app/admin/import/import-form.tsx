'use client';

import { Fragment, useActionState } from 'react';
import type { ImportReport } from '@/lib/rules/tables/report';
import { importTableAction, type ImportFormState } from './actions';
import type { ChoiceField } from './choice-fields';
import { ImportReportView } from './import-report';
import { NamesToSettle, namesToSettle } from './names-to-settle';
import { FieldError } from '@/app/_components/ui/field-error';
import { Notice, StatusRegion } from '@/app/_components/ui/notice';

const field =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';
const formFields = new Set(['file', 'table', 'source', 'date', 'title']);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the confirm button does, in its own words: revisions or proposals, and what it creates on the way. */
function importLabel(report: ImportReport): string {
  const parts = [
    report.mode === 'review'
      ? `Send ${plural(report.changes.length, 'proposal')} to the review queue`
      : `Import ${plural(report.changes.length, 'revision')}`,
  ];
  const made = [
    report.newReleases.length ? plural(report.newReleases.length, 'release') : '',
    report.created.meshes.length ? plural(report.created.meshes.length, 'mesh', 'meshes') : '',
    report.created.categories.length ? plural(report.created.categories.length, 'category', 'categories') : '',
    report.created.rows.length ? plural(report.created.rows.length, 'row') : '',
  ].filter(Boolean);
  if (made.length) parts.push(`and create ${made.join(', ')}`);
  if (report.aliases.length) parts.push(`and remember ${plural(report.aliases.length, 'name')}`);
  return parts.join(' ');
}

/** Hidden fields carrying choices from one submission to the next. */
function ChoiceInputs({ choices }: { choices: ChoiceField[] }) {
  return choices.map((c, i) => (
    <Fragment key={i}>
      <input type="hidden" name={`choice-kind-${i}`} value={c.kind} />
      <input type="hidden" name={`choice-heading-${i}`} value={c.heading} />
      <input type="hidden" name={`choice-value-${i}`} value={c.value} />
    </Fragment>
  ));
}

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportFormState, FormData>(importTableAction, {});
  const errors = state.fieldErrors ?? {};
  const typed = (name: string) => (typeof state.values?.[name] === 'string' ? (state.values[name] as string) : '');
  const tableErrors = [...(errors.file ?? []), ...(errors.table ?? [])];
  const otherErrors = Object.entries(errors)
    .filter(([name]) => !formFields.has(name))
    .flatMap(([, messages]) => messages);
  const report = state.report;
  const previewed = state.previewed;
  const choices = state.choices ?? [];
  const settle = report && previewed && state.targets ? namesToSettle(report, previewed.choices) : [];
  const somethingToWrite =
    report &&
    report.changes.length +
      report.newReleases.length +
      report.created.meshes.length +
      report.created.categories.length +
      report.created.rows.length +
      report.aliases.length >
      0;
  const canImport = report && report.dryRun && report.problems.length === 0 && somethingToWrite && previewed;
  const mode = typed('mode') || 'publish';
  return (
    <div className="space-y-8">
      <form key={state.attempt ?? 'first'} action={action} className="max-w-3xl space-y-4" noValidate>
        <input type="hidden" name="intent" value="dry-run" />
        <ChoiceInputs choices={choices} />
        <StatusRegion>
          {state.message ? (
            <Notice tone="problem" as="div">
              <p>{state.message}</p>
              {otherErrors.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {otherErrors.map((message, i) => (
                    <li key={i}>{message}</li>
                  ))}
                </ul>
              ) : null}
            </Notice>
          ) : null}
        </StatusRegion>
        <fieldset className="space-y-3 rounded border border-slate-300 p-4 dark:border-slate-700">
          <legend className="px-1 font-medium">Table</legend>
          <div>
            <label htmlFor="import-file" className="block text-sm font-medium">
              Table file: Markdown or HTML, up to 1 MB
            </label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".md,.markdown,.txt,.html,.htm,text/markdown,text/plain,text/html"
              aria-invalid={tableErrors.length ? true : undefined}
              aria-describedby="import-table-error"
              className="mt-1 block text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1 dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
            />
          </div>
          <div>
            <label htmlFor="import-table" className="block text-sm font-medium">
              Or paste the table, up to 3 MB (a chosen file is used instead)
            </label>
            <textarea
              id="import-table"
              name="table"
              rows={10}
              defaultValue={typed('table')}
              aria-invalid={tableErrors.length ? true : undefined}
              aria-describedby="import-table-error"
              className={`${field} font-mono text-sm`}
            />
          </div>
          <FieldError id="import-table-error" messages={tableErrors} />
        </fieldset>
        <div>
          <label htmlFor="import-source" className="block text-sm font-medium">
            Source URL: where the table is published
          </label>
          <input
            id="import-source"
            name="source"
            type="url"
            defaultValue={typed('source')}
            placeholder="https://"
            aria-invalid={errors.source ? true : undefined}
            aria-describedby="import-source-error"
            className={field}
          />
          <FieldError id="import-source-error" messages={errors.source} />
        </div>
        <div>
          <label htmlFor="import-date" className="block text-sm font-medium">
            Date of the table (published or last checked)
          </label>
          <input
            id="import-date"
            name="date"
            type="date"
            defaultValue={typed('date')}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby="import-date-error"
            className={field}
          />
          <FieldError id="import-date-error" messages={errors.date} />
        </div>
        <div>
          <label htmlFor="import-title" className="block text-sm font-medium">
            Source title (optional)
          </label>
          <input
            id="import-title"
            name="title"
            defaultValue={typed('title')}
            placeholder="For example: INNOQ, servicemesh.es comparison"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby="import-title-error"
            className={field}
          />
          <FieldError id="import-title-error" messages={errors.title} />
        </div>
        <fieldset className="space-y-2 rounded border border-slate-300 p-4 dark:border-slate-700">
          <legend className="px-1 font-medium">What to do with the changes</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" value="publish" defaultChecked={mode !== 'review'} className="mt-1" />
            <span>
              Publish now
              <span className="block text-sm">
                Each changed cell gets an import revision citing the source, at once.
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" value="review" defaultChecked={mode === 'review'} className="mt-1" />
            <span>
              Send to the review queue as proposals
              <span className="block text-sm">
                Each changed cell becomes a proposal by you; other moderators approve or reject them one by one.
              </span>
            </span>
          </label>
        </fieldset>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Dry run
        </button>
      </form>

      {report ? (
        <ImportReportView report={report}>
          {settle.length && previewed && state.targets ? (
            <NamesToSettle
              key={state.attempt}
              names={settle}
              choices={previewed.choices}
              targets={state.targets}
              action={action}
              pending={pending}
              previewed={{
                table: previewed.table,
                source: previewed.source,
                date: previewed.date,
                title: previewed.title,
                mode: previewed.mode,
              }}
            />
          ) : null}
          {canImport ? (
            <form action={action}>
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="table" value={previewed.table} />
              <input type="hidden" name="source" value={previewed.source} />
              <input type="hidden" name="date" value={previewed.date} />
              <input type="hidden" name="title" value={previewed.title} />
              <input type="hidden" name="mode" value={previewed.mode} />
              <ChoiceInputs choices={previewed.choices} />
              <button
                type="submit"
                disabled={pending}
                className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
              >
                {importLabel(report)}
              </button>
            </form>
          ) : null}
        </ImportReportView>
      ) : null}
    </div>
  );
}
