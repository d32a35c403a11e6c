import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/client';
import { loadDump } from '../server/exports/load-dump';
import { prepareDatabase } from '../server/init';
import { OperationError } from '../server/operations';
import { parseEnv } from '../server/env';
import { COMMAND_LINE } from '../rules/permissions';
import { runCli } from './run';

const USAGE = 'usage: npm run db:load-dump -- <dump.json from /api/v1/dump.json>';

runCli(() => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new OperationError(USAGE);
  if (!fs.existsSync(file)) throw new OperationError(`${file} does not exist (${USAGE})`);
  let dump: unknown;
  try {
    dump = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OperationError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const database = path.resolve(parseEnv().DATABASE_PATH);
  const conn = openDatabase(database);
  try {
    // Migrated but not seeded: the dump is the data.
    prepareDatabase(conn, { seed: false });
    const result = loadDump(COMMAND_LINE, dump, { db: conn.db });
    console.log(
      `loaded ${file} into ${database}: ${result.meshes} meshes, ${result.releases} releases, ` +
        `${result.categories} categories, ${result.rows} rows, ${result.revisions} revisions, ${result.people} people`,
    );
  } finally {
    conn.sqlite.close();
  }
});
