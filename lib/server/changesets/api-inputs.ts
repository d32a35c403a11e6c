import { parseInput, parseRecordId } from '../../rules/validation';
import { approveChangesetBodySchema, rejectChangesetBodySchema, requestChangesBodySchema } from './schemas';

/**
 * The API's approve and reject, as the one decision command takes them. The
 * body is checked against its own schema first, so an unknown field is named
 * as the API documents it (`except`, `only`), not as the command calls it.
 */
export function approveChangesetInput(body: unknown, id: string): Record<string, unknown> {
  const data = parseInput(approveChangesetBodySchema, body, 'refuse');
  return { id, approveAll: true, except: data.except, overConflict: data.overConflict, comment: data.comment };
}

export function rejectChangesetInput(body: unknown, id: string): Record<string, unknown> {
  const data = parseInput(rejectChangesetBodySchema, body, 'refuse');
  return data.only ? { id, only: data.only, reason: data.reason } : { id, rejectAll: true, reason: data.reason };
}

/** `POST /api/v1/{proposals|changesets}/{id}/request-changes`: the id from the URL, named `id` like every id route. */
export function requestChangesInput(
  body: unknown,
  target: 'proposalId' | 'changesetId',
  id: string,
): Record<string, unknown> {
  const data = parseInput(requestChangesBodySchema, body, 'refuse');
  return { [target]: parseRecordId(id), ...data };
}
