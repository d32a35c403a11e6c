'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { ConflictError, isAppError } from '@/lib/errors';
import { approveProposal, rejectProposal } from '@/lib/review';
import { capNotice, formText } from '@/lib/actions';

/** Back to the queue with the outcome, still narrowed to the import it was showing (only an id is carried over). */
function back(form: FormData, params: Record<string, string>): never {
  revalidatePath('/review');
  const fromImport = formText(form, 'import') ?? '';
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, capNotice(value)]));
  if (/^\d{1,12}$/.test(fromImport)) query.set('import', fromImport);
  redirect(`/review?${query}`);
}

export async function approveProposalAction(form: FormData): Promise<void> {
  const id = formText(form, 'id') ?? '';
  let outcome: Record<string, string>;
  try {
    const result = approveProposal(await getCurrentUser(), id, {
      comment: formText(form, 'comment') ?? null,
      overConflict: form.get('overConflict') === 'on',
    });
    revalidateCell(result.cell);
    outcome = { approved: id };
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = { problem: error instanceof ConflictError ? `Proposal ${id}: ${error.message}` : error.message, focus: id };
  }
  back(form, outcome);
}

export async function rejectProposalAction(form: FormData): Promise<void> {
  const id = formText(form, 'id') ?? '';
  const preset = form.get('preset');
  const details = form.get('details');
  const reason = [preset, details].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(': ');
  let outcome: Record<string, string>;
  try {
    const result = rejectProposal(await getCurrentUser(), id, { reason });
    revalidateCell(result.cell);
    outcome = { rejected: id };
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = { problem: `Proposal ${id}: ${error.message}`, focus: id };
  }
  back(form, outcome);
}
