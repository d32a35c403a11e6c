import { parseEnv } from '../server/env';
import { OperationError, restoreDatabase } from '../server/operations';
import { runCli } from './run';

runCli(() => {
  const backup = process.argv[2];
  if (!backup || process.argv.length > 3)
    throw new OperationError('usage: npm run db:restore -- <backup file written by npm run db:backup>');
  const result = restoreDatabase(parseEnv().DATABASE_PATH, backup);
  console.log(`restored ${result.database} from ${backup} (${result.bytes} bytes)`);
  console.log(
    result.keptAt ? `  the database it replaced is kept at ${result.keptAt}` : '  there was no database to replace',
  );
  if (result.migrationsToApply > 0)
    console.log(`  the next start applies ${result.migrationsToApply} migration(s) the backup predates`);
});
