import fs from 'node:fs';
import path from 'node:path';
import { formatHistoryReport, importHistory } from '../server/import/import-history';
import { importReportJson } from '../rules/tables/report';
import { COMMAND_LINE } from '../rules/permissions';
import { importSizeProblem } from '../server/import/schemas';
import { prepareDatabase } from '../server/init';
import { OperationError } from '../server/operations';
import { choicesFromFlags, parseFlags } from './import-flags';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';
import { readManifest } from '../server/import/read-manifest';

const USAGE =
  'usage: npm run import:history -- <manifest.json> [--title <text>] [--dry-run] [--map "Name=slug" ...] [--create | --skip-unknown] [--json]';

runCli(() => {
  const flags = parseFlags(
    process.argv.slice(2),
    { values: ['title'], switches: ['dry-run', 'help', 'create', 'skip-unknown', 'json'] },
    USAGE,
  );
  if (flags.switches.has('help')) {
    console.log(USAGE);
    return;
  }
  if (flags.positional.length > 1)
    throw new OperationError(`unexpected argument "${flags.positional[1]}": give one manifest (${USAGE})`);
  const given = flags.positional[0];
  if (given === undefined) throw new OperationError(`no manifest given (${USAGE})`);
  const versions = readManifest(given, (file) => {
    const tooLarge = importSizeProblem(fs.statSync(file).size);
    return tooLarge ? `${path.basename(file)} ${tooLarge}` : null;
  });
  const started = performance.now();
  const conn = openExistingDatabase();
  let report;
  try {
    prepareDatabase(conn);
    const choices = choicesFromFlags(conn.db, flags);
    report = importHistory(
      COMMAND_LINE,
      { versions, title: flags.values.title, dryRun: flags.switches.has('dry-run'), choices },
      { db: conn.db },
    );
  } finally {
    conn.sqlite.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (flags.switches.has('json')) {
    console.log(
      JSON.stringify(
        {
          dryRun: report.dryRun,
          totals: report.totals,
          seconds: Number(seconds.toFixed(2)),
          versions: report.versions.map(({ report: version, ...rest }) => ({
            ...rest,
            report: version ? importReportJson(version) : null,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    console.log(`${formatHistoryReport(report)}\nTook ${seconds.toFixed(1)} s.`);
  }
  if (report.totals.problems > 0) process.exitCode = 1;
});
