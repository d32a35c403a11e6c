'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import { proposeCellChangeAction } from './actions';
import { reviseProposalAction } from '@/app/proposals/actions';
import { errorTextClass, FieldError } from '@/app/_components/ui/field-error';
import { Notice, StatusRegion } from '@/app/_components/ui/notice';

interface Props {
  mesh: string;
  version: string;
  feature: string;
  kind: 'support' | 'text';
  baseRevisionId: number | null;
  current: {
    support: string | null;
    text: string | null;
    note: string | null;
    sources: { url: string; title: string | null }[];
  } | null;
  /** The author's revision of a proposal a moderator asked changes for: the proposal and what it said. */
  revise?: { id: number; rationale: string; affiliated: boolean; sources: { url: string; title: string | null }[] };
}

const SOURCE_ROWS = 5;
const supportOptions = [
  { value: 'yes', label: 'yes: supported' },
  { value: 'partial', label: 'partial: supported with limits' },
  { value: 'no', label: 'no: not supported' },
  { value: 'unknown', label: 'unknown: sources disagree or say nothing' },
];

const inputClass =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

export function ProposeForm({ mesh, version, feature, kind, baseRevisionId, current, revise }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    revise ? reviseProposalAction : proposeCellChangeAction,
    {},
  );
  const values = (state.values ?? (revise ? { ...revise } : {})) as Record<string, unknown>;
  const errors = state.fieldErrors ?? {};
  const typed = (name: string, fallback = '') =>
    typeof values[name] === 'string' ? (values[name] as string) : fallback;
  const typedSources = (Array.isArray(values.sources) ? values.sources : []) as { url?: string; title?: string }[];
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const sourceErrors = Object.entries(errors).filter(([key]) => key === 'sources');
  // Errors about fields with no input of their own (the hidden cell fields, a smuggled field) still need to be read out.
  const shownNextToInput = new Set([kind === 'support' ? 'support' : 'text', 'note', 'sources', 'rationale']);
  const otherErrors = Object.entries(errors).filter(
    ([key]) => !shownNextToInput.has(key) && !key.startsWith('sources.'),
  );

  return (
    <form key={state.attempt ?? 'first'} action={action} className="space-y-6" noValidate>
      <input type="hidden" name="mesh" value={mesh} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="feature" value={feature} />
      <input type="hidden" name="baseRevisionId" value={baseRevisionId ?? ''} />
      {revise ? <input type="hidden" name="id" value={revise.id} /> : null}

      <StatusRegion>
        {state.message ? <Notice tone="problem">{state.message}</Notice> : null}
        {otherErrors.map(([key, list]) => (
          <p key={key} className={`mt-2 ${errorTextClass}`}>
            {list.join(' ')}
          </p>
        ))}
      </StatusRegion>

      {current ? (
        <p id="confirm-hint" className="rounded bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          Still right? Confirming the current value with a new source is the quickest way to clear a stale mark: keep
          the value as it is, add a source that shows it for this release, and say where it does in the rationale.
        </p>
      ) : null}

      {kind === 'support' ? (
        <fieldset role="radiogroup" aria-invalid={invalid('support')} aria-describedby="support-error">
          <legend className="font-medium">Support</legend>
          <div className="mt-2 space-y-1">
            {supportOptions.map((option) => (
              <label key={option.value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="support"
                  value={option.value}
                  defaultChecked={typed('support', current?.support ?? '') === option.value}
                />
                {option.label}
              </label>
            ))}
          </div>
          <FieldError id="support-error" messages={errors.support} />
        </fieldset>
      ) : (
        <div>
          <label htmlFor="text" className="font-medium">
            Value
          </label>
          <input
            id="text"
            name="text"
            defaultValue={typed('text', current?.text ?? '')}
            aria-invalid={invalid('text')}
            aria-describedby="text-error"
            className={inputClass}
          />
          <FieldError id="text-error" messages={errors.text} />
        </div>
      )}

      <div>
        <label htmlFor="note" className="font-medium">
          Qualifier note <span className="font-normal">(optional, up to 1,000 characters)</span>
        </label>
        <textarea
          id="note"
          name="note"
          rows={2}
          defaultValue={typed('note', current?.note ?? '')}
          aria-invalid={invalid('note')}
          aria-describedby="note-error note-hint"
          className={inputClass}
        />
        <p id="note-hint" className="text-sm text-slate-700 dark:text-slate-300">
          For example &ldquo;via manual Envoy config&rdquo; or &ldquo;not for TCP&rdquo;.
        </p>
        <FieldError id="note-error" messages={errors.note} />
      </div>

      <fieldset aria-describedby="sources-error">
        <legend className="font-medium">Sources (one to five links that support the value)</legend>
        <FieldError id="sources-error" messages={sourceErrors.flatMap(([, list]) => list)} />
        <ol className="mt-2 space-y-3">
          {Array.from({ length: SOURCE_ROWS }, (_, i) => (
            <li key={i} className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor={`source-${i}-url`} className="text-sm">
                  Source {i + 1} URL
                </label>
                <input
                  id={`source-${i}-url`}
                  name={`sources.${i}.url`}
                  type="text"
                  inputMode="url"
                  placeholder="https://"
                  defaultValue={typedSources[i]?.url ?? ''}
                  aria-invalid={invalid(`sources.${i}.url`)}
                  aria-describedby={`source-${i}-url-error`}
                  className={inputClass}
                />
                <FieldError id={`source-${i}-url-error`} messages={errors[`sources.${i}.url`]} />
              </div>
              <div>
                <label htmlFor={`source-${i}-title`} className="text-sm">
                  Source {i + 1} title (optional)
                </label>
                <input
                  id={`source-${i}-title`}
                  name={`sources.${i}.title`}
                  defaultValue={typedSources[i]?.title ?? ''}
                  aria-invalid={invalid(`sources.${i}.title`)}
                  aria-describedby={`source-${i}-title-error`}
                  className={inputClass}
                />
                <FieldError id={`source-${i}-title-error`} messages={errors[`sources.${i}.title`]} />
              </div>
            </li>
          ))}
        </ol>
        {current?.sources.length ? (
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            The current value cites: {current.sources.map((s) => s.title ?? s.url).join('; ')}.
          </p>
        ) : null}
      </fieldset>

      <div>
        <label htmlFor="rationale" className="font-medium">
          Rationale{' '}
          <span className="font-normal">(what changed and where the source says so; up to 2,000 characters)</span>
        </label>
        <textarea
          id="rationale"
          name="rationale"
          rows={4}
          defaultValue={typed('rationale')}
          aria-invalid={invalid('rationale')}
          aria-describedby="rationale-error"
          className={inputClass}
        />
        <FieldError id="rationale-error" messages={errors.rationale} />
      </div>

      <div>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="affiliated" defaultChecked={values.affiliated === true} />I work for or with this
          vendor
        </label>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Vendors are welcome; moderators see this disclosure next to your proposal.
        </p>
      </div>

      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Submitting…' : revise ? 'Send the revised proposal' : 'Submit proposal'}
      </button>
    </form>
  );
}
