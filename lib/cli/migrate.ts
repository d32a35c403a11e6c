import { parseEnv } from '../server/env';
import { openDatabase } from '../../db/client';
import { prepareDatabase } from '../server/init';
import { runCli } from './run';

runCli(() => {
  const conn = openDatabase(parseEnv().DATABASE_PATH);
  const result = prepareDatabase(conn, { seed: false });
  conn.sqlite.close();
  console.log(`${conn.path}: ${result.migrationsApplied} migration(s) applied`);
});
