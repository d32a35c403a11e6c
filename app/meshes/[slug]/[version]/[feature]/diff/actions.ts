'use server';

import { formText, problemParam } from '@/lib/next/form-state';
import { cellPath } from '@/lib/rules/format';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { revertCell } from '@/lib/server/proposals/review';

export async function revertCellAction(form: FormData): Promise<void> {
  const [mesh, version, feature, to, from] = ['mesh', 'version', 'feature', 'to', 'from'].map(
    (name) => formText(form, name) ?? '',
  ) as [string, string, string, string, string];
  const back = `${cellPath(mesh, version, feature)}/diff?${new URLSearchParams({ from, to })}`;
  await runButtonCommand(
    revertCell,
    { mesh, version, feature, revisionId: Number(form.get('revisionId')), reason: formText(form, 'reason') ?? '' },
    {
      done: () => `${cellPath(mesh, version, feature)}?reverted=1#history-heading`,
      problem: (error) => `${back}&${problemParam(error.message)}`,
    },
  );
}
