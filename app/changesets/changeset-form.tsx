'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import { errorTextClass, FieldError } from '@/app/_components/ui/field-error';
import { Notice, StatusRegion } from '@/app/_components/ui/notice';

export interface ChangesetFormRow {
  slug: string;
  name: string;
  kind: 'support' | 'text';
  /** The current value in the release the form starts from; null when the cell has none. */
  current: { revisionId: number; support: string | null; text: string | null; note: string | null } | null;
  /** The value to start the field with (a revision's), when it differs from the current one. */
  proposed?: { support: string | null; text: string | null; note: string | null; source: string | null };
}

export interface ChangesetFormProps {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  mode: 'release' | 'new-release' | 'revise';
  mesh: { slug: string; name: string };
  /** The release changed (mode `release`), or the one a new release starts from. */
  version: string;
  categories: { name: string; rows: ChangesetFormRow[] }[];
  initial?: {
    id: number;
    title: string;
    rationale: string;
    affiliated: boolean;
    sources: { url: string; title: string | null }[];
  };
  submitLabel: string;
}

const SOURCE_ROWS = 3;
const inputClass =
  'w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

function CellInputs({
  row,
  typed,
  errors,
}: {
  row: ChangesetFormRow;
  typed: (n: string, f: string) => string;
  errors: Record<string, string[]>;
}) {
  const name = (field: string) => `cells.${row.slug}.${field}`;
  const start = row.proposed ?? row.current;
  const errorId = `cell-${row.slug}-error`;
  const cellErrors = Object.entries(errors)
    .filter(([key]) => key === `cells.${row.slug}` || key.startsWith(`cells.${row.slug}.`))
    .flatMap(([, list]) => list);
  const invalid = cellErrors.length ? true : undefined;
  return (
    <>
      <td className="px-2 py-1 align-top">
        <input type="hidden" name={name('base')} value={row.current?.revisionId ?? ''} />
        <input type="hidden" name={name('was.support')} value={row.current?.support ?? ''} />
        <input type="hidden" name={name('was.text')} value={row.current?.text ?? ''} />
        <input type="hidden" name={name('was.note')} value={row.current?.note ?? ''} />
        {row.kind === 'support' ? (
          <select
            name={name('support')}
            aria-label={`${row.name}: support`}
            aria-invalid={invalid}
            aria-describedby={errorId}
            defaultValue={typed(name('support'), start?.support ?? '')}
            className={inputClass}
          >
            <option value="">no value</option>
            <option value="yes">yes</option>
            <option value="partial">partial</option>
            <option value="no">no</option>
            <option value="unknown">unknown</option>
          </select>
        ) : (
          <input
            name={name('text')}
            aria-label={`${row.name}: value`}
            aria-invalid={invalid}
            aria-describedby={errorId}
            defaultValue={typed(name('text'), start?.text ?? '')}
            className={inputClass}
          />
        )}
        <FieldError id={errorId} messages={cellErrors} />
      </td>
      <td className="px-2 py-1 align-top">
        <input
          name={name('note')}
          aria-label={`${row.name}: note`}
          defaultValue={typed(name('note'), start?.note ?? '')}
          className={inputClass}
        />
      </td>
      <td className="px-2 py-1 align-top">
        <input
          name={name('source')}
          aria-label={`${row.name}: source for this cell`}
          inputMode="url"
          placeholder="https://"
          defaultValue={typed(name('source'), row.proposed?.source ?? '')}
          className={inputClass}
        />
      </td>
    </>
  );
}

function currentText(row: ChangesetFormRow): string {
  if (!row.current) return 'no value';
  const value = row.kind === 'support' ? (row.current.support ?? '') : (row.current.text ?? '');
  return row.current.note ? `${value} (${row.current.note})` : value;
}

/**
 * Every row of a release at once: the contributor changes any number of cells
 * (up to 100) and submits once. Works without JavaScript; the action sends only
 * the rows whose value, note or source changed.
 */
export function ChangesetForm({ action, mode, mesh, version, categories, initial, submitLabel }: ChangesetFormProps) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const values = (state.values ?? {}) as Record<string, unknown>;
  const errors = state.fieldErrors ?? {};
  const typed = (name: string, fallback = '') =>
    typeof values[name] === 'string' ? (values[name] as string) : fallback;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const shownBeside = (key: string) =>
    key.startsWith('cells.') ||
    key.startsWith('sources') ||
    key.startsWith('release.') ||
    ['title', 'rationale'].includes(key);
  const otherErrors = Object.entries(errors).filter(([key]) => !shownBeside(key));
  const sourceErrors = Object.entries(errors)
    .filter(([key]) => key === 'sources' || key.startsWith('sources.'))
    .flatMap(([, list]) => list);

  return (
    <form key={state.attempt ?? 'first'} action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="mesh" value={mesh.slug} />
      {mode === 'new-release' ? (
        <input type="hidden" name="mode" value="new-release" />
      ) : (
        <input type="hidden" name="version" value={version} />
      )}
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}

      <StatusRegion>
        {state.message ? <Notice tone="problem">{state.message}</Notice> : null}
        {otherErrors.map(([key, list]) => (
          <p key={key} className={`mt-2 ${errorTextClass}`}>
            {list.join(' ')}
          </p>
        ))}
      </StatusRegion>

      {mode === 'new-release' ? (
        <fieldset className="space-y-3">
          <legend className="text-lg font-semibold">The new release</legend>
          {(
            [
              ['release.label', 'Release label', 'For example 1.24.0', 'text'],
              ['release.releasedOn', 'Release date (optional, YYYY-MM-DD)', '', 'text'],
              ['release.releasedOnSource', 'Link that gives the date (required with a date)', 'https://', 'url'],
              ['release.notesUrl', 'Release notes (optional)', 'https://', 'url'],
            ] as const
          ).map(([name, label, placeholder, kind]) => (
            <div key={name}>
              <label htmlFor={name} className="font-medium">
                {label}
              </label>
              <input
                id={name}
                name={name}
                placeholder={placeholder || undefined}
                inputMode={kind === 'url' ? 'url' : undefined}
                defaultValue={typed(name)}
                aria-invalid={invalid(name)}
                aria-describedby={`${name}-error`}
                className={`mt-1 ${inputClass}`}
              />
              <FieldError id={`${name}-error`} messages={errors[name]} />
            </div>
          ))}
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Its values start as those of {mesh.name} {version}, shown below; change the ones that differ.
          </p>
        </fieldset>
      ) : null}

      <div>
        <label htmlFor="title" className="font-medium">
          Title <span className="font-normal">(an edit summary, such as &ldquo;Istio 1.24 release notes&rdquo;)</span>
        </label>
        <input
          id="title"
          name="title"
          defaultValue={typed('title', initial?.title ?? '')}
          aria-invalid={invalid('title')}
          aria-describedby="title-error"
          className={`mt-1 ${inputClass}`}
        />
        <FieldError id="title-error" messages={errors.title} />
      </div>

      <fieldset aria-describedby="sources-error">
        <legend className="font-medium">
          Shared sources (they support every changed cell; a cell may add its own)
        </legend>
        <FieldError id="sources-error" messages={sourceErrors} />
        <ol className="mt-2 space-y-3">
          {Array.from({ length: SOURCE_ROWS }, (_, i) => (
            <li key={i} className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor={`sources-${i}-url`} className="text-sm">
                  Source {i + 1} URL
                </label>
                <input
                  id={`sources-${i}-url`}
                  name={`sources.${i}.url`}
                  inputMode="url"
                  placeholder="https://"
                  defaultValue={typed(`sources.${i}.url`, initial?.sources[i]?.url ?? '')}
                  className={`mt-1 ${inputClass}`}
                />
              </div>
              <div>
                <label htmlFor={`sources-${i}-title`} className="text-sm">
                  Source {i + 1} title (optional)
                </label>
                <input
                  id={`sources-${i}-title`}
                  name={`sources.${i}.title`}
                  defaultValue={typed(`sources.${i}.title`, initial?.sources[i]?.title ?? '')}
                  className={`mt-1 ${inputClass}`}
                />
              </div>
            </li>
          ))}
        </ol>
      </fieldset>

      {categories.map((category) => (
        <table key={category.name} className="w-full border-collapse text-sm">
          <caption className="py-2 text-left text-base font-semibold">{category.name}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-600">
              <th scope="col" className="px-2 py-1">
                Row
              </th>
              <th scope="col" className="px-2 py-1">
                Now in {version}
              </th>
              <th scope="col" className="px-2 py-1">
                Proposed value
              </th>
              <th scope="col" className="px-2 py-1">
                Note
              </th>
              <th scope="col" className="px-2 py-1">
                Source for this cell
              </th>
            </tr>
          </thead>
          <tbody>
            {category.rows.map((row) => (
              <tr key={row.slug} className="border-b border-slate-200 dark:border-slate-700">
                <th scope="row" className="px-2 py-1 text-left align-top font-medium">
                  {row.name}
                </th>
                <td className="px-2 py-1 align-top">{currentText(row)}</td>
                <CellInputs row={row} typed={typed} errors={errors} />
              </tr>
            ))}
          </tbody>
        </table>
      ))}

      <div>
        <label htmlFor="rationale" className="font-medium">
          Rationale <span className="font-normal">(why these cells should change; up to 2,000 characters)</span>
        </label>
        <textarea
          id="rationale"
          name="rationale"
          rows={3}
          defaultValue={typed('rationale', initial?.rationale ?? '')}
          aria-invalid={invalid('rationale')}
          aria-describedby="rationale-error"
          className={`mt-1 ${inputClass}`}
        />
        <FieldError id="rationale-error" messages={errors.rationale} />
      </div>

      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="affiliated"
          defaultChecked={values.affiliated === true || (!state.values && !!initial?.affiliated)}
        />
        I work for, or am paid by, the company behind {mesh.name}
      </label>

      <button
        type="submit"
        disabled={pending}
        className="rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {pending ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
