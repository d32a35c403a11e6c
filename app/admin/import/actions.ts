'use server';

import { formText, type FormState } from '@/lib/next/form-state';
import { getCurrentUser } from '@/lib/next/auth/session';
import { runFormCommand } from '@/lib/next/command-adapters';
import { listImportTargets, type ImportTargets } from '@/lib/server/import/aliases';
import { unplacedColumns, unplacedRows, type ImportReport } from '@/lib/rules/tables/report';
import { importTable } from '@/lib/server/import/run-import';
import { readTableFile } from '@/lib/rules/tables/table-file';
import { importSizeProblem, pasteSizeProblem } from '@/lib/server/import/schemas';
import { importChoicesOf, readChoiceFields, type ChoiceField } from './choice-fields';

export interface ImportFormState extends FormState {
  report?: ImportReport;
  /** What the dry run read, sent back by the "Import" button so it imports exactly what was previewed. */
  previewed?: { table: string; source: string; date: string; title: string; mode: string; choices: ChoiceField[] };
  /** The choices of the last submission, carried into the next one until an import is written. */
  choices?: ChoiceField[];
  /** Every mesh and row a name can be mapped to; only when the report has names to settle. */
  targets?: ImportTargets;
}

const needsAttention = 'Some fields need attention.';

/** Dry run (the form, or "dry run again" with choices) or import (the confirm button under a dry-run report); a chosen file wins over pasted text. */
export async function importTableAction(_previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  const typed = {
    table: formText(form, 'table') ?? '',
    source: formText(form, 'source') ?? '',
    date: formText(form, 'date') ?? '',
    title: formText(form, 'title') ?? '',
    mode: formText(form, 'mode') ?? 'publish',
  };
  // A paste over the limit is not sent back into the form: megabytes in the page to say it is too large.
  const values = pasteSizeProblem(new TextEncoder().encode(typed.table).length) ? { ...typed, table: '' } : typed;
  const dryRun = formText(form, 'intent') !== 'import';
  const { choices, fieldErrors: choiceErrors } = readChoiceFields(form);
  let table = typed.table;
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    const tooLarge = importSizeProblem(file.size);
    if (tooLarge)
      return {
        message: needsAttention,
        fieldErrors: { file: [`file ${tooLarge}`] },
        values,
        choices,
        attempt: Date.now(),
      };
    const read = readTableFile(new Uint8Array(await file.arrayBuffer()));
    if ('problem' in read)
      return {
        message: needsAttention,
        fieldErrors: { file: [`file ${read.problem}`] },
        values,
        choices,
        attempt: Date.now(),
      };
    table = read.text;
  }
  if (Object.keys(choiceErrors).length)
    return { message: needsAttention, fieldErrors: choiceErrors, values, attempt: Date.now() };

  const state = await runFormCommand(
    importTable,
    { ...typed, table, dryRun, mode: formText(form, 'mode'), choices: importChoicesOf(choices) },
    async (report): Promise<ImportFormState> => {
      if (report.written) return { report, values, attempt: Date.now() };
      const toSettle = unplacedColumns(report).length + unplacedRows(report).length + choices.length > 0;
      return {
        report,
        values,
        attempt: Date.now(),
        choices,
        previewed: dryRun ? { ...typed, table, choices } : undefined,
        targets: dryRun && toSettle ? listImportTargets(await getCurrentUser()) : undefined,
      };
    },
    values,
  );
  return 'report' in state ? state : { ...state, choices };
}
