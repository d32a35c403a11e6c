'use client';

import { useActionState } from 'react';
import type { Role } from '@/db/schema';
import type { FormState } from '@/lib/next/form-state';
import { banUserAction, changeUserRoleAction, unbanUserAction } from '../actions';
import { errorTextClass, FieldError } from '@/app/_components/ui/field-error';
import { OutcomeNotice } from '@/app/_components/ui/notice';

const field =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';
const roleChoices: Role[] = ['contributor', 'moderator', 'admin'];

function typed(state: FormState, name: string): string {
  return typeof state.values?.[name] === 'string' ? (state.values[name] as string) : '';
}

function ReasonField({ id, label, state }: { id: string; label: string; state: FormState }) {
  const errors = state.fieldErrors ?? {};
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name="reason"
        defaultValue={typed(state, 'reason')}
        aria-invalid={errors.reason ? true : undefined}
        aria-describedby={`${id}-error`}
        className={field}
      />
      <FieldError id={`${id}-error`} messages={errors.reason} />
    </div>
  );
}

/** Field errors with no input of their own on this form (a tampered user id), shown rather than lost. */
function OtherErrors({ state, shown }: { state: FormState; shown: string[] }) {
  const rest = Object.entries(state.fieldErrors ?? {}).filter(([name]) => !shown.includes(name));
  if (!rest.length) return null;
  return <p className={errorTextClass}>{rest.flatMap(([, messages]) => messages).join(' ')}</p>;
}

export function ChangeRoleForm({ userId, role, who }: { userId: number; role: Role; who: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeUserRoleAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form key={state.attempt ?? 'first'} action={action} className="max-w-xl space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <OutcomeNotice problem={state.message} />
      <div>
        <label htmlFor="role-new" className="block text-sm font-medium">
          New role
        </label>
        <select
          id="role-new"
          name="role"
          defaultValue={typed(state, 'role') || role}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby="role-new-error"
          className={field}
        >
          {roleChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
              {choice === role ? ' (current)' : ''}
            </option>
          ))}
        </select>
        <FieldError id="role-new-error" messages={errors.role} />
      </div>
      <ReasonField id="role-reason" label="Reason (required, kept in the audit log)" state={state} />
      <OtherErrors state={state} shown={['role', 'reason']} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        Change role of {who}
      </button>
    </form>
  );
}

export function BanForm({ userId, banned, who }: { userId: number; banned: boolean; who: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(banned ? unbanUserAction : banUserAction, {});
  return (
    <form key={state.attempt ?? 'first'} action={action} className="max-w-xl space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <OutcomeNotice problem={state.message} />
      <ReasonField
        id="ban-reason"
        label={
          banned
            ? 'Reason for lifting the ban (required, kept in the audit log)'
            : 'Reason for the ban (required, kept in the audit log and shown to admins)'
        }
        state={state}
      />
      <OtherErrors state={state} shown={['reason']} />
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-4 py-2 font-medium text-white disabled:opacity-60 ${banned ? 'bg-emerald-700 hover:bg-emerald-800' : 'bg-rose-700 hover:bg-rose-800'}`}
      >
        {banned ? `Lift the ban on ${who}` : `Ban ${who}`}
      </button>
    </form>
  );
}

/**
 * Trust, or take it back, with a reason for the audit log. The admin page and the moderators' contributor page each
 * pass their own action (each returns to its own page).
 */
export function TrustForm({
  userId,
  trusted,
  who,
  action: trustAction,
}: {
  userId: number;
  trusted: boolean;
  who: string;
  action: (previous: FormState, form: FormData) => Promise<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(trustAction, {});
  return (
    <form key={state.attempt ?? 'first'} action={action} className="max-w-xl space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="trusted" value={trusted ? 'false' : 'true'} />
      <OutcomeNotice problem={state.message} />
      <ReasonField
        id="trust-reason"
        label={
          trusted
            ? 'Reason for no longer trusting them (required, kept in the audit log)'
            : 'Reason for trusting them (required, kept in the audit log and shown to moderators)'
        }
        state={state}
      />
      <OtherErrors state={state} shown={['reason']} />
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-4 py-2 font-medium text-white disabled:opacity-60 ${trusted ? 'bg-slate-700 hover:bg-slate-800' : 'bg-emerald-700 hover:bg-emerald-800'}`}
      >
        {trusted ? `Stop trusting ${who}` : `Trust ${who}`}
      </button>
    </form>
  );
}
