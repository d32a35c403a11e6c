import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formStateFromError, type FormState } from './form-state';
import { getCurrentUser } from './auth/session';
import { revalidateChanges } from './revalidate';
import type { Command } from '../server/command';
import { isAppError, type AppError } from '../rules/errors';
import { errorResponse, readJsonWriteRequest } from './http';
import { limitSubmission } from './rate-limits';
import { requireSameOrigin } from './request-origin';

/*
 * The three ways Next reaches a command. Each one loads the signed-in user,
 * runs the command (which authorizes, validates and writes), revalidates what
 * the command says it changed, and maps errors for its kind of caller. Server
 * actions and route handlers are one call to one of these.
 */

/**
 * Before any command: a server action must come from this site (Next's own
 * check believes `Host`/`X-Forwarded-Host` and lets a request without `Origin`
 * through), and a submission counts against its sender's limit.
 */
async function signedInSender(command: Command<unknown, unknown, object>, request?: Request) {
  const requestHeaders = request?.headers ?? (await headers());
  if (!request) requireSameOrigin(requestHeaders);
  const user = await getCurrentUser();
  if (command.limit === 'submission') limitSubmission(requestHeaders, user?.id);
  return user;
}

/**
 * A form used with `useActionState`: domain errors come back as field errors
 * and a message with what was typed (`shown`, when that is not the input);
 * success redirects to the address `done` gives, or shows the state it gives.
 */
export async function runFormCommand<TResult, TState extends FormState = FormState>(
  command: Command<unknown, TResult, object>,
  input: Record<string, unknown>,
  done: (result: TResult) => string | TState | Promise<string | TState>,
  shown: Record<string, unknown> = input,
): Promise<TState | FormState> {
  let outcome: ReturnType<typeof command.execute>;
  try {
    outcome = command.execute(await signedInSender(command), input);
  } catch (error) {
    return formStateFromError(error, shown);
  }
  revalidateChanges(outcome.changes);
  const next = await done(outcome.result);
  if (typeof next === 'string') redirect(next);
  return next;
}

/**
 * A one-button form: the outcome is a notice on the page it redirects to.
 * Anything unexpected is rethrown so Next shows the error page with its
 * reference (see instrumentation.ts).
 */
export async function runButtonCommand<TResult>(
  command: Command<unknown, TResult, object>,
  input: Record<string, unknown>,
  redirects: { done: (result: TResult) => string; problem: (error: AppError) => string },
): Promise<never> {
  let target: string;
  try {
    const { result, changes } = command.execute(await signedInSender(command), input);
    revalidateChanges(changes);
    target = redirects.done(result);
  } catch (error) {
    if (!isAppError(error)) throw error;
    target = redirects.problem(error);
  }
  redirect(target);
}

/**
 * A JSON write in a route handler: same-origin JSON only, typed errors mapped
 * to 400/401/403/404/409/413/415/429/503, anything else a 500 with a request id.
 * `input` adds what the URL names (the proposal id, the cell) to the body.
 */
export async function runJsonCommand<TResult>(
  request: Request,
  command: Command<unknown, TResult, object>,
  input: (body: unknown) => unknown | Promise<unknown>,
  respond: (result: TResult) => { status?: number; body: unknown },
): Promise<Response> {
  try {
    const body = await readJsonWriteRequest(request);
    const { result, changes } = command.execute(await signedInSender(command, request), await input(body));
    revalidateChanges(changes);
    const answer = respond(result);
    return Response.json(answer.body, { status: answer.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, request);
  }
}

/**
 * A JSON body with fields from the URL added (the URL wins). Anything but an
 * object is passed on unchanged, so the command's schema refuses it by name.
 */
export function withUrlFields(body: unknown, fields: Record<string, unknown>): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...fields } : body;
}

/**
 * A command a per-request page runs as it renders, for the viewer (opening /watchlist marks it seen). A page render
 * cannot revalidate, so it is for commands that change what only that viewer's per-request pages show; errors are the
 * page's to handle.
 */
export async function runPageCommand<TResult>(
  command: Command<unknown, TResult, object>,
  input: Record<string, unknown>,
): Promise<TResult> {
  return command(await getCurrentUser(), input);
}
