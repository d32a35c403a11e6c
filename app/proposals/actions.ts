'use server';

import { problemParam } from '@/lib/next/form-state';
import type { FormState } from '@/lib/next/form-state';
import { reviseProposalInputOf, withdrawProposalInputOf } from '@/lib/next/form-inputs';
import { reviseProposal } from '@/lib/server/proposals/feedback';
import { runButtonCommand, runFormCommand } from '@/lib/next/command-adapters';
import { withdrawProposal } from '@/lib/server/proposals/proposals';

export async function withdrawProposalAction(form: FormData): Promise<void> {
  const input = withdrawProposalInputOf(form);
  await runButtonCommand(withdrawProposal, input, {
    done: () => `/proposals?withdrawn=${input.id}`,
    problem: (error) => `/proposals?${problemParam(error.message)}`,
  });
}

export async function reviseProposalAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(reviseProposal, reviseProposalInputOf(form), (result) => `/proposals/${result.id}?revised=1`);
}
