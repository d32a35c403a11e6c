'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { problemParam } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { withdrawProposal } from '@/lib/proposals';

export async function withdrawProposalAction(form: FormData): Promise<void> {
  const id = String(form.get('id') ?? '');
  let problem: string | null = null;
  try {
    const result = withdrawProposal(await getCurrentUser(), id);
    revalidateCell(result.cell);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  revalidatePath('/proposals');
  redirect(problem ? `/proposals?${problemParam(problem)}` : `/proposals?withdrawn=${id}`);
}
