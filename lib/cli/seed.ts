import { parseEnv } from '../server/env';
import { openDatabase } from '../../db/client';
import { prepareDatabase } from '../server/init';
import { runCli } from './run';

runCli(() => {
  const conn = openDatabase(parseEnv().DATABASE_PATH);
  const result = prepareDatabase(conn);
  conn.sqlite.close();
  console.log(
    result.seed.seeded
      ? `${conn.path}: seeded (${result.seed.revisions} revisions)`
      : `${conn.path}: already seeded, nothing changed`,
  );
});
