'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import type { TrustThreshold } from '@/lib/rules/trust';
import { setTrustThresholdAction } from './actions';
import { errorTextClass, FieldError } from '@/app/_components/ui/field-error';
import { OutcomeNotice } from '@/app/_components/ui/notice';

const field =
  'mt-1 w-32 rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';

function typed(state: FormState, name: string, fallback: number): string {
  return typeof state.values?.[name] === 'string' ? (state.values[name] as string) : String(fallback);
}

export function TrustThresholdForm({ threshold }: { threshold: TrustThreshold }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setTrustThresholdAction, {});
  const errors = state.fieldErrors ?? {};
  const enabled = typeof state.values?.enabled === 'boolean' ? state.values.enabled : threshold.enabled;
  const other = Object.entries(errors).filter(([name]) => !['minApproved', 'days'].includes(name));
  return (
    <form key={state.attempt ?? 'first'} action={action} className="max-w-xl space-y-3" noValidate>
      <OutcomeNotice problem={state.message} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={enabled} />
        Trust contributors automatically when they meet the threshold
      </label>
      <div>
        <label htmlFor="threshold-min-approved" className="block text-sm font-medium">
          Approved proposals needed
        </label>
        <input
          id="threshold-min-approved"
          name="minApproved"
          inputMode="numeric"
          defaultValue={typed(state, 'minApproved', threshold.minApproved)}
          aria-invalid={errors.minApproved ? true : undefined}
          aria-describedby="threshold-min-approved-error"
          className={field}
        />
        <FieldError id="threshold-min-approved-error" messages={errors.minApproved} />
      </div>
      <div>
        <label htmlFor="threshold-days" className="block text-sm font-medium">
          Days without a reverted value
        </label>
        <input
          id="threshold-days"
          name="days"
          inputMode="numeric"
          defaultValue={typed(state, 'days', threshold.days)}
          aria-invalid={errors.days ? true : undefined}
          aria-describedby="threshold-days-error"
          className={field}
        />
        <FieldError id="threshold-days-error" messages={errors.days} />
      </div>
      {other.length ? <p className={errorTextClass}>{other.flatMap(([, messages]) => messages).join(' ')}</p> : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        Save the trust threshold
      </button>
    </form>
  );
}
