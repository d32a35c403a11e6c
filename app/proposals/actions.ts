'use server';

import { problemParam } from '@/lib/next/form-state';
import { withdrawProposalInputOf } from '@/lib/next/form-inputs';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { withdrawProposal } from '@/lib/server/proposals/proposals';

export async function withdrawProposalAction(form: FormData): Promise<void> {
  const input = withdrawProposalInputOf(form);
  await runButtonCommand(withdrawProposal, input, {
    done: () => `/proposals?withdrawn=${input.id}`,
    problem: (error) => `/proposals?${problemParam(error.message)}`,
  });
}
