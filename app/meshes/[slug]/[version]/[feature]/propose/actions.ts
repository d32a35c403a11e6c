'use server';

import type { FormState } from '@/lib/next/form-state';
import { runFormCommand } from '@/lib/next/command-adapters';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { proposalInputFromForm } from '@/lib/server/proposals/schemas';

export async function proposeCellChangeAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(proposeCellChange, proposalInputFromForm(form), (result) =>
    result.revisionId ? `/proposals?published=${result.id}` : `/proposals?submitted=${result.id}`,
  );
}
