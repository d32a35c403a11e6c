'use server';

import { formText, problemParam } from '@/lib/next/form-state';
import { cellPath } from '@/lib/rules/format';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { revertCell } from '@/lib/server/proposals/review';
import { revertCellInputOf } from '@/lib/next/form-inputs';

export async function revertCellAction(form: FormData): Promise<void> {
  const input = revertCellInputOf(form);
  const { mesh, version, feature } = input;
  const back = `${cellPath(mesh, version, feature)}/diff?${new URLSearchParams({ from: formText(form, 'from') ?? '', to: formText(form, 'to') ?? '' })}`;
  await runButtonCommand(revertCell, input, {
    done: () => `${cellPath(mesh, version, feature)}?reverted=1#history-heading`,
    problem: (error) => `${back}&${problemParam(error.message)}`,
  });
}
