'use server';

import { capNotice, formText } from '@/lib/next/form-state';
import { approveProposalInputOf, rejectProposalInputOf, requestChangesInputOf } from '@/lib/next/form-inputs';
import { requestChanges } from '@/lib/server/proposals/feedback';
import { ConflictError } from '@/lib/rules/errors';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { approveProposal, rejectProposal } from '@/lib/server/proposals/review';

/** Back to the queue with the outcome, still narrowed to the import it was showing (only an id is carried over). */
function queueWith(form: FormData, params: Record<string, string>): string {
  const fromImport = formText(form, 'import') ?? '';
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, capNotice(value)]));
  if (/^\d{1,12}$/.test(fromImport)) query.set('import', fromImport);
  return `/review?${query}`;
}

export async function approveProposalAction(form: FormData): Promise<void> {
  const input = approveProposalInputOf(form);
  const { id } = input;
  await runButtonCommand(approveProposal, input, {
    done: () => queueWith(form, { approved: id }),
    problem: (error) =>
      queueWith(form, {
        problem: error instanceof ConflictError ? `Proposal ${id}: ${error.message}` : error.message,
        focus: id,
      }),
  });
}

export async function rejectProposalAction(form: FormData): Promise<void> {
  const input = rejectProposalInputOf(form);
  const { id } = input;
  await runButtonCommand(rejectProposal, input, {
    done: () => queueWith(form, { rejected: id }),
    problem: (error) => queueWith(form, { problem: `Proposal ${id}: ${error.message}`, focus: id }),
  });
}

export async function requestProposalChangesAction(form: FormData): Promise<void> {
  const input = requestChangesInputOf(form);
  const id = formText(form, 'proposalId') ?? '';
  await runButtonCommand(requestChanges, input, {
    done: () => queueWith(form, { changesRequested: id }),
    problem: (error) => queueWith(form, { problem: `Proposal ${id}: ${error.message}`, focus: id }),
  });
}
