import fs from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../rules/errors';
import { formatImportReport, importReportJson } from '../rules/tables/report';
import { importTable } from '../server/import/run-import';
import { COMMAND_LINE } from '../rules/permissions';
import { readTableFile } from '../rules/tables/table-file';
import { parseInput } from '../rules/validation';
import { importSizeProblem, importTableSchema } from '../server/import/schemas';
import { prepareDatabase } from '../server/init';
import { OperationError } from '../server/operations';
import { choicesFromFlags, parseFlags } from './import-flags';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

const USAGE =
  'usage: npm run import -- <file> --source <url> --date <YYYY-MM-DD> [--title <text>] [--dry-run] [--map "Name=slug" ...] [--create | --skip-unknown] [--json]';

/** The schema names fields (`source is not a valid URL`); here they are flags and the file. */
function describeForCommandLine(error: BadRequestError, file: string): string {
  return Object.entries(error.fieldErrors)
    .flatMap(([field, messages]) =>
      messages.map((message) => {
        const rest = message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
        return field === 'table' ? `${file} ${rest}` : `--${field} ${rest}`;
      }),
    )
    .join('; ');
}

runCli(() => {
  const flags = parseFlags(
    process.argv.slice(2),
    { values: ['source', 'date', 'title'], switches: ['dry-run', 'help', 'create', 'skip-unknown', 'json'] },
    USAGE,
  );
  if (flags.switches.has('help')) {
    console.log(USAGE);
    return;
  }
  if (flags.positional.length > 1)
    throw new OperationError(`unexpected argument "${flags.positional[1]}": give one file (${USAGE})`);
  const given = flags.positional[0];
  if (given === undefined) throw new OperationError(`no file given (${USAGE})`);
  const file = path.resolve(given);
  if (!fs.existsSync(file)) throw new OperationError(`file ${given} does not exist`);
  if (!fs.statSync(file).isFile()) throw new OperationError(`${given} is not a file`);
  const tooLarge = importSizeProblem(fs.statSync(file).size);
  if (tooLarge) throw new OperationError(`${given} ${tooLarge}`);
  const read = readTableFile(fs.readFileSync(file));
  if ('problem' in read) throw new OperationError(`file ${given} ${read.problem}`);
  const input = {
    table: read.text,
    source: flags.values.source,
    date: flags.values.date,
    title: flags.values.title,
    dryRun: flags.switches.has('dry-run'),
  };
  try {
    parseInput(importTableSchema, input);
  } catch (error) {
    if (error instanceof BadRequestError) throw new OperationError(describeForCommandLine(error, given));
    throw error;
  }
  const conn = openExistingDatabase();
  let report;
  try {
    prepareDatabase(conn);
    report = importTable(COMMAND_LINE, { ...input, choices: choicesFromFlags(conn.db, flags) }, { db: conn.db });
  } finally {
    conn.sqlite.close();
  }
  console.log(
    flags.switches.has('json') ? JSON.stringify(importReportJson(report), null, 2) : formatImportReport(report),
  );
  if (report.problems.length > 0) process.exitCode = 1;
});
