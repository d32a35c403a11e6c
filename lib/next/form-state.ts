import 'server-only';
import { BadRequestError, isAppError } from '../rules/errors';
import type { FieldErrors } from '../rules/validation';

/** What a form's server action hands back to `useActionState`: a message, errors per field, and what was typed. */
export interface FormState {
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, unknown>;
  /** Changes on every failed submit so the form remounts with the values typed so far. */
  attempt?: number;
}

const MAX_PROBLEM_LENGTH = 300;

/** A notice for a button form's redirect, short enough for any URL even when the input that caused it was not. */
export function capNotice(message: string): string {
  return message.length > MAX_PROBLEM_LENGTH ? `${message.slice(0, MAX_PROBLEM_LENGTH)}…` : message;
}

/** `problem=…` for a button form's redirect. */
export function problemParam(message: string): string {
  return `problem=${encodeURIComponent(capNotice(message))}`;
}

/** A text field of a submitted form; files and absent fields are undefined, so the schema names what is missing. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Maps a domain error to form state. Anything unexpected is rethrown: Next
 * reports it to `onRequestError` (one log line, see instrumentation.ts) and
 * shows app/error.tsx with the same reference, like any page that fails.
 */
export function formStateFromError(error: unknown, values: Record<string, unknown>): FormState {
  const attempt = Date.now();
  if (error instanceof BadRequestError) {
    return { message: 'Some fields need attention.', fieldErrors: error.fieldErrors, values, attempt };
  }
  // A 429 or 503 says when to try again; the values typed stay so a resubmit is one click.
  if (isAppError(error)) return { message: error.message, values, attempt };
  throw error;
}
