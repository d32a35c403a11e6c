'use server';

import { formStateFromError, formText, type FormState } from '@/lib/actions';
import { getCurrentUser } from '@/lib/auth/session';
import { revalidateEverything } from '@/lib/cache';
import type { ImportReport } from '@/lib/import/report';
import { importTable } from '@/lib/import/run-import';
import { importSizeProblem } from '@/lib/validation';

export interface ImportFormState extends FormState {
  report?: ImportReport;
  /** What the dry run read, sent back by the "Import" button so it imports exactly what was previewed. */
  previewed?: { table: string; source: string; date: string; title: string };
}

/** Dry run (the form) or import (the confirm button under a dry-run report); a chosen file wins over pasted text. */
export async function importTableAction(_previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  const typed = { table: formText(form, 'table') ?? '', source: formText(form, 'source') ?? '', date: formText(form, 'date') ?? '', title: formText(form, 'title') ?? '' };
  const dryRun = formText(form, 'intent') !== 'import';
  let table = typed.table;
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    const tooLarge = importSizeProblem(file.size);
    if (tooLarge) return { message: 'Some fields need attention.', fieldErrors: { file: [`file ${tooLarge}`] }, values: typed, attempt: Date.now() };
    table = await file.text();
  }
  let report: ImportReport;
  try {
    report = importTable(await getCurrentUser(), { ...typed, table, dryRun });
  } catch (error) {
    return formStateFromError(error, typed);
  }
  if (report.written) revalidateEverything();
  return { report, values: typed, attempt: Date.now(), previewed: dryRun ? { ...typed, table } : undefined };
}
