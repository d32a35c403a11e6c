'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/next/form-state';
import { addCommentAction, hideCommentAction, unhideCommentAction } from '@/app/comments/actions';
import { errorTextClass, FieldError } from './ui/field-error';
import { OutcomeNotice } from './ui/notice';

const field =
  'mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-600 dark:bg-slate-900';
const button = 'rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60';

function typed(state: FormState, name: string): string {
  return typeof state.values?.[name] === 'string' ? (state.values[name] as string) : '';
}

/** Errors about fields this form has no input for (a tampered hidden field), shown rather than lost. */
function OtherErrors({ state, shown }: { state: FormState; shown: string[] }) {
  const rest = Object.entries(state.fieldErrors ?? {}).filter(([name]) => !shown.includes(name));
  if (!rest.length) return null;
  return <p className={errorTextClass}>{rest.map(([name, messages]) => `${name}: ${messages.join(' ')}`).join(' ')}</p>;
}

/** The thread's "Add a comment" form; `hidden` names the thread (target and its ids). */
export function AddCommentForm({ hidden }: { hidden: Record<string, string> }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addCommentAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form key={state.attempt ?? 'first'} action={action} className="max-w-2xl space-y-2" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <OutcomeNotice problem={state.message} />
      <div>
        <label htmlFor="comment-body" className="block font-medium">
          Add a comment
        </label>
        <p id="comment-body-hint" className="text-sm text-slate-700 dark:text-slate-300">
          Plain text, up to 2,000 characters; web addresses become links.
        </p>
        <textarea
          id="comment-body"
          name="body"
          rows={4}
          maxLength={2000}
          defaultValue={typed(state, 'body')}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby="comment-body-hint comment-body-error"
          className={field}
        />
        <FieldError id="comment-body-error" messages={errors.body} />
      </div>
      <OtherErrors state={state} shown={['body']} />
      <button type="submit" disabled={pending} className={button}>
        Post comment
      </button>
    </form>
  );
}

/** A moderator's hide form (with its required reason) or unhide button for one comment. */
export function ModerateCommentForm({ id, hidden }: { id: number; hidden: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    hidden ? unhideCommentAction : hideCommentAction,
    {},
  );
  const errors = state.fieldErrors ?? {};
  const reasonId = `hide-reason-${id}`;
  return (
    <form key={state.attempt ?? 'first'} action={action} className="mt-2 flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="id" value={id} />
      <OutcomeNotice problem={state.message} />
      {hidden ? null : (
        <div>
          <label htmlFor={reasonId} className="block text-sm font-medium">
            Reason for hiding comment {id}
          </label>
          <input
            id={reasonId}
            name="reason"
            defaultValue={typed(state, 'reason')}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={`${reasonId}-error`}
            className={field}
          />
          <FieldError id={`${reasonId}-error`} messages={errors.reason} />
        </div>
      )}
      <OtherErrors state={state} shown={['reason']} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-400 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-500 dark:hover:bg-slate-800"
      >
        {hidden ? 'Show again' : 'Hide'}
        <span className="sr-only"> comment {id}</span>
      </button>
    </form>
  );
}
