'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import { addReleaseAction } from './actions';
import { FieldError } from '@/app/_components/ui/field-error';
import { OutcomeNotice } from '@/app/_components/ui/notice';

const field =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

export function AddReleaseForm({ mesh, latest }: { mesh: string; latest: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addReleaseAction, {});
  const errors = state.fieldErrors ?? {};
  const typed = (name: string) => (typeof state.values?.[name] === 'string' ? (state.values[name] as string) : '');
  const rows = [
    { name: 'label', label: 'Release label', hint: 'As the project writes it, for example 1.17.0', required: true },
    {
      name: 'releasedOn',
      label: 'Release date (optional)',
      hint: 'Only if a source gives it: YYYY-MM-DD',
      required: false,
    },
    { name: 'releaseNotesUrl', label: 'Release notes link (optional)', hint: 'https://', required: false },
  ];
  return (
    <form key={state.attempt ?? 'first'} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="mesh" value={mesh} />
      <OutcomeNotice problem={state.message} />
      {rows.map((row) => (
        <div key={row.name}>
          <label htmlFor={`release-${row.name}`} className="block text-sm font-medium">
            {row.label}
          </label>
          <input
            id={`release-${row.name}`}
            name={row.name}
            type={row.name === 'releasedOn' ? 'date' : 'text'}
            defaultValue={typed(row.name)}
            placeholder={row.hint}
            aria-invalid={errors[row.name] ? true : undefined}
            aria-describedby={`release-${row.name}-error`}
            className={field}
          />
          <FieldError id={`release-${row.name}-error`} messages={errors[row.name]} />
        </div>
      ))}
      <p className="text-sm">
        {latest
          ? `It starts with the values of ${latest}, each marked "carried over, not re-checked", until someone confirms or changes them.`
          : 'It starts empty.'}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        Add release
      </button>
    </form>
  );
}
