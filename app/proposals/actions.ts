'use server';

import { formText, problemParam } from '@/lib/next/form-state';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { withdrawProposal } from '@/lib/server/proposals/proposals';

export async function withdrawProposalAction(form: FormData): Promise<void> {
  const id = formText(form, 'id') ?? '';
  await runButtonCommand(
    withdrawProposal,
    { id },
    {
      done: () => `/proposals?withdrawn=${id}`,
      problem: (error) => `/proposals?${problemParam(error.message)}`,
    },
  );
}
