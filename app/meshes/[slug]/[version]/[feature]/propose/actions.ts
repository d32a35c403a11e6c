'use server';

import { redirect } from 'next/navigation';
import { formStateFromError, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { proposeCellChange, type ProposeResult } from '@/lib/proposals';
import { proposalInputFromForm } from '@/lib/validation';

export async function proposeCellChangeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = proposalInputFromForm(form);
  let result: ProposeResult;
  try {
    result = proposeCellChange(await getCurrentUser(), input);
  } catch (error) {
    return formStateFromError(error, input);
  }
  revalidateCell(result.cell);
  redirect(`/proposals?submitted=${result.id}`);
}
