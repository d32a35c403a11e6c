'use server';

import type { FormState } from '@/lib/next/form-state';
import { capNotice, problemParam } from '@/lib/next/form-state';
import {
  changesetInputOf,
  decideChangesetInputOf,
  requestChangesInputOf,
  typedFieldsOf,
  withCellErrors,
  withdrawChangesetInputOf,
} from '@/lib/next/form-inputs';
import { runButtonCommand, runFormCommand } from '@/lib/next/command-adapters';
import {
  decideChangeset,
  proposeChangeset,
  reviseChangeset,
  withdrawChangeset,
} from '@/lib/server/changesets/changesets';
import { requestChanges } from '@/lib/server/proposals/feedback';

const changesetPage = (id: string | number, outcome: string) => `/changesets/${id}?${outcome}`;
const done = (message: string) => `done=${encodeURIComponent(capNotice(message))}`;
/** Only an id goes into the way back, never what was typed. */
const idOf = (raw: unknown) => (typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? raw : null);

export async function proposeChangesetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const { input, rows } = changesetInputOf(form);
  const state = await runFormCommand(
    proposeChangeset,
    input,
    (result) => changesetPage(result.id, done(`Changeset ${result.id} sent for review.`)),
    typedFieldsOf(form),
  );
  return withCellErrors(state, rows);
}

export async function reviseChangesetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const { input, rows } = changesetInputOf(form);
  const state = await runFormCommand(
    reviseChangeset,
    input,
    (result) => changesetPage(result.id, done(`Changeset ${result.id} sent back for review.`)),
    typedFieldsOf(form),
  );
  return withCellErrors(state, rows);
}

export async function decideChangesetAction(form: FormData): Promise<void> {
  const input = decideChangesetInputOf(form);
  const id = idOf(input.id);
  await runButtonCommand(decideChangeset, input, {
    done: (result) =>
      changesetPage(
        result.id,
        done(
          [
            result.release ? `Release ${result.release.decision === 'created' ? 'created' : 'turned down'}.` : '',
            `${result.approved.length} approved, ${result.rejected.length} rejected.`,
            result.conflicts.length
              ? `${result.conflicts.length} left pending: the cell changed since; tick “approve over the change” to publish it anyway.`
              : '',
          ]
            .filter(Boolean)
            .join(' '),
        ),
      ),
    problem: (error) =>
      id ? changesetPage(id, problemParam(error.message)) : `/review?${problemParam(error.message)}`,
  });
}

export async function requestChangesetChangesAction(form: FormData): Promise<void> {
  const input = requestChangesInputOf(form);
  const id = idOf(form.get('changesetId'));
  await runButtonCommand(requestChanges, input, {
    done: () => changesetPage(id!, done('Changes requested; the author has been asked.')),
    problem: (error) =>
      id ? changesetPage(id, problemParam(error.message)) : `/review?${problemParam(error.message)}`,
  });
}

export async function withdrawChangesetAction(form: FormData): Promise<void> {
  const input = withdrawChangesetInputOf(form);
  const id = idOf(input.id);
  await runButtonCommand(withdrawChangeset, input, {
    done: (result) => changesetPage(result.id, done(`Changeset ${result.id} withdrawn.`)),
    problem: (error) =>
      id ? changesetPage(id, problemParam(error.message)) : `/proposals?${problemParam(error.message)}`,
  });
}
