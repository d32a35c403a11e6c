import fs from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../../lib/errors';
import { formatImportReport } from '../../lib/import/report';
import { COMMAND_LINE, importTable } from '../../lib/import/run-import';
import { importSizeProblem, importTableSchema, parseInput } from '../../lib/validation';
import { prepareDatabase } from '../init';
import { OperationError } from '../operations';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

const USAGE = 'usage: npm run import -- <file> --source <url> --date <YYYY-MM-DD> [--title <text>] [--dry-run]';

interface ImportFlags {
  file: string | null;
  source?: string;
  date?: string;
  title?: string;
  dryRun: boolean;
  help: boolean;
}

function parseImportFlags(argv: string[]): ImportFlags {
  const flags: ImportFlags = { file: null, dryRun: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      if (flags.file !== null) throw new OperationError(`unexpected argument "${arg}": give one file (${USAGE})`);
      flags.file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (seen.has(name)) throw new OperationError(`--${name} is given more than once`);
    seen.add(name);
    if (name === 'dry-run' || name === 'help') {
      if (eq >= 0) throw new OperationError(`--${name} takes no value`);
      if (name === 'dry-run') flags.dryRun = true;
      else flags.help = true;
      continue;
    }
    if (name !== 'source' && name !== 'date' && name !== 'title') throw new OperationError(`unknown flag --${name} (${USAGE})`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new OperationError(`--${name} needs a value (${USAGE})`);
      i++;
    }
    flags[name] = value;
  }
  return flags;
}

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
  const flags = parseImportFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(USAGE);
    return;
  }
  if (flags.file === null) throw new OperationError(`no file given (${USAGE})`);
  const file = path.resolve(flags.file);
  if (!fs.existsSync(file)) throw new OperationError(`file ${flags.file} does not exist`);
  if (!fs.statSync(file).isFile()) throw new OperationError(`${flags.file} is not a file`);
  const tooLarge = importSizeProblem(fs.statSync(file).size);
  if (tooLarge) throw new OperationError(`${flags.file} ${tooLarge}`);
  const input = { table: fs.readFileSync(file, 'utf8'), source: flags.source, date: flags.date, title: flags.title, dryRun: flags.dryRun };
  try {
    parseInput(importTableSchema, input);
  } catch (error) {
    if (error instanceof BadRequestError) throw new OperationError(describeForCommandLine(error, flags.file));
    throw error;
  }
  const conn = openExistingDatabase();
  let report;
  try {
    prepareDatabase(conn);
    report = importTable(COMMAND_LINE, input, conn.db);
  } finally {
    conn.sqlite.close();
  }
  console.log(formatImportReport(report));
  if (report.problems.length > 0) process.exitCode = 1;
});
