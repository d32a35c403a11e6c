import 'server-only';
import { BadRequestError, isAppError, TooManyRequestsError } from './errors';
import type { FieldErrors } from './validation';

/** What a form's server action hands back to `useActionState`: a message, errors per field, and what was typed. */
export interface FormState {
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, unknown>;
  /** Changes on every failed submit so the form remounts with the values typed so far. */
  attempt?: number;
}

/** Maps a domain error to form state; unexpected errors are logged and shown as a generic message. */
export function formStateFromError(error: unknown, values: Record<string, unknown>): FormState {
  const attempt = Date.now();
  if (error instanceof BadRequestError) {
    return { message: 'Some fields need attention.', fieldErrors: error.fieldErrors, values, attempt };
  }
  if (error instanceof TooManyRequestsError) return { message: error.message, values, attempt };
  if (isAppError(error)) return { message: error.message, values, attempt };
  console.error(JSON.stringify({ level: 'error', event: 'unhandled_action_error', message: error instanceof Error ? error.message : String(error) }));
  return { message: 'Something went wrong on our side; nothing was saved. Try again.', values, attempt };
}
