'use server';

import { redirect } from 'next/navigation';
import { problemParam } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateCell } from '@/lib/cache';
import { isAppError } from '@/lib/errors';
import { cellPath } from '@/lib/format';
import { resolveCell, revertCell } from '@/lib/review';

export async function revertCellAction(form: FormData): Promise<void> {
  const [mesh, version, feature, to, from] = ['mesh', 'version', 'feature', 'to', 'from'].map((name) => String(form.get(name) ?? ''));
  const reason = form.get('reason');
  const back = `${cellPath(mesh!, version!, feature!)}/diff?${new URLSearchParams({ from: from!, to: to! })}`;
  let problem: string | null = null;
  try {
    const result = revertCell(await getCurrentUser(), resolveCell(mesh!, version!, feature!), {
      revisionId: Number(form.get('revisionId')),
      reason: typeof reason === 'string' ? reason : '',
    });
    revalidateCell(result.cell);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  redirect(problem ? `${back}&${problemParam(problem)}` : `${cellPath(mesh!, version!, feature!)}?reverted=1#history-heading`);
}
