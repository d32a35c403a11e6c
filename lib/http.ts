import 'server-only';
import type { z } from 'zod';
import { BadRequestError, isAppError } from './errors';
import { fieldErrorsOf, summarizeFieldErrors } from './validation';

/** Parses a query string with a zod schema, throwing a BadRequestError that names each bad field. */
export function parseSearchParams<T extends z.ZodType>(schema: T, params: URLSearchParams): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const fieldErrors = fieldErrorsOf(result.error);
    throw new BadRequestError(summarizeFieldErrors(fieldErrors), fieldErrors);
  }
  return result.data;
}

/** Maps typed domain errors to their HTTP status; anything unexpected is logged and answered 500 without details. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const body: Record<string, unknown> = { error: error.message };
    if (error instanceof BadRequestError && Object.keys(error.fieldErrors).length) body.fieldErrors = error.fieldErrors;
    return Response.json(body, { status: error.status, headers: { 'Cache-Control': 'no-store' } });
  }
  console.error(JSON.stringify({ level: 'error', event: 'unhandled_route_error', message: error instanceof Error ? error.message : String(error) }));
  return Response.json({ error: 'Something went wrong on our side.' }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
}
