import fs from 'node:fs';
import { backupDatabase, OperationError } from '../server/operations';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

runCli(() => {
  const target = process.argv[2];
  if (!target || process.argv.length > 3)
    throw new OperationError('usage: npm run db:backup -- <path of the new backup file>');
  const conn = openExistingDatabase();
  const started = Date.now();
  const written = backupDatabase(conn, target);
  conn.sqlite.close();
  console.log(
    `backup written to ${written} (${fs.statSync(written).size} bytes) from ${conn.path} in ${Date.now() - started} ms`,
  );
});
