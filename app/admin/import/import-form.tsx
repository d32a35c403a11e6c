'use client';

import { useActionState } from 'react';
import { importTableAction, type ImportFormState } from './actions';
import { ImportReportView } from './import-report';

const field = 'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';
const errorText = 'mt-1 text-sm text-rose-700 dark:text-rose-300';

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportFormState, FormData>(importTableAction, {});
  const errors = state.fieldErrors ?? {};
  const typed = (name: string) => (typeof state.values?.[name] === 'string' ? (state.values[name] as string) : '');
  const tableErrors = [...(errors.file ?? []), ...(errors.table ?? [])];
  const report = state.report;
  const canImport = report && report.dryRun && report.problems.length === 0 && (report.changes.length > 0 || report.newReleases.length > 0) && state.previewed;
  return (
    <div className="space-y-8">
      <form key={state.attempt ?? 'first'} action={action} className="max-w-3xl space-y-4" noValidate>
        <input type="hidden" name="intent" value="dry-run" />
        <div role="status" aria-live="polite">
          {state.message ? <p className="rounded bg-rose-100 px-3 py-2 text-rose-950 dark:bg-rose-950 dark:text-rose-50">{state.message}</p> : null}
        </div>
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
              Or paste the table (a chosen file is used instead)
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
          <p id="import-table-error" aria-live="polite" className={errorText}>
            {tableErrors.join(' ')}
          </p>
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
          <p id="import-source-error" aria-live="polite" className={errorText}>
            {errors.source?.join(' ')}
          </p>
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
          <p id="import-date-error" aria-live="polite" className={errorText}>
            {errors.date?.join(' ')}
          </p>
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
          <p id="import-title-error" aria-live="polite" className={errorText}>
            {errors.title?.join(' ')}
          </p>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          Dry run
        </button>
      </form>

      {report ? (
        <ImportReportView report={report}>
          {canImport ? (
            <form action={action}>
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="table" value={state.previewed!.table} />
              <input type="hidden" name="source" value={state.previewed!.source} />
              <input type="hidden" name="date" value={state.previewed!.date} />
              <input type="hidden" name="title" value={state.previewed!.title} />
              <button type="submit" disabled={pending} className="rounded bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
                Import {report.changes.length} {report.changes.length === 1 ? 'revision' : 'revisions'}
                {report.newReleases.length ? ` and ${report.newReleases.length} ${report.newReleases.length === 1 ? 'release' : 'releases'}` : ''}
              </button>
            </form>
          ) : null}
        </ImportReportView>
      ) : null}
    </div>
  );
}
