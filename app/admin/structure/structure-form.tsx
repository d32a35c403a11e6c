'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import { FieldError } from '@/app/_components/ui/field-error';
import { Notice, StatusRegion } from '@/app/_components/ui/notice';

export interface FormField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'date';
  hint?: string;
  defaultValue?: string;
  options?: { value: string; label: string }[];
  required?: boolean;
  /** Browser autocomplete and spellcheck make no sense for slugs and URLs. */
  plain?: boolean;
}

const field =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

/**
 * The admin structure forms: plain `<form action>` (works before hydration),
 * each field labelled, with its own error under it in an aria-live region,
 * and what was typed kept after a refused submit.
 */
export function StructureForm({
  action,
  id,
  fields,
  hidden = {},
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  fields: FormField[];
  hidden?: Record<string, string>;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const errors = state.fieldErrors ?? {};
  const typed = (f: FormField) =>
    typeof state.values?.[f.name] === 'string' ? (state.values[f.name] as string) : (f.defaultValue ?? '');
  // Errors about anything without its own input here (the whole form, a hidden field) go in the summary.
  const otherErrors = Object.entries(errors)
    .filter(([name]) => !fields.some((f) => f.name === name))
    .flatMap(([, list]) => list);
  return (
    <form key={state.attempt ?? 'first'} action={formAction} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <StatusRegion>
        {state.message ? (
          <Notice tone="problem">
            {state.message} {otherErrors.join(' ')}
          </Notice>
        ) : null}
      </StatusRegion>
      {fields.map((f) => {
        const inputId = `${id}-${f.name}`;
        const describedBy = [f.hint ? `${inputId}-hint` : null, `${inputId}-error`].filter(Boolean).join(' ');
        const common = {
          id: inputId,
          name: f.name,
          defaultValue: typed(f),
          'aria-invalid': errors[f.name] ? true : undefined,
          'aria-describedby': describedBy,
          required: f.required,
          className: field,
        };
        return (
          <div key={f.name}>
            <label htmlFor={inputId} className="block text-sm font-medium">
              {f.label}
            </label>
            {f.hint ? (
              <p id={`${inputId}-hint`} className="text-xs text-slate-700 dark:text-slate-300">
                {f.hint}
              </p>
            ) : null}
            {f.kind === 'textarea' ? (
              <textarea {...common} rows={3} />
            ) : f.kind === 'select' ? (
              <select {...common}>
                {(f.options ?? []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={f.kind === 'date' ? 'date' : 'text'}
                {...(f.plain ? { autoComplete: 'off', spellCheck: false, autoCapitalize: 'none' } : {})}
              />
            )}
            <FieldError id={`${inputId}-error`} messages={errors[f.name]} />
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {submitLabel}
      </button>
    </form>
  );
}
