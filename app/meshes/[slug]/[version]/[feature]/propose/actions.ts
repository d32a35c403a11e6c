'use server';

import type { FormState } from '@/lib/actions';
import { runFormCommand } from '@/lib/next/command-adapters';
import { proposeCellChange } from '@/lib/proposals';
import { proposalInputFromForm } from '@/lib/validation';

export async function proposeCellChangeAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(proposeCellChange, proposalInputFromForm(form), (result) => `/proposals?submitted=${result.id}`);
}
