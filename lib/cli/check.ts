import { checkDatabase } from '../server/operations';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

runCli(() => {
  const conn = openExistingDatabase();
  const report = checkDatabase(conn.sqlite);
  conn.sqlite.close();
  console.log(`${conn.path}`);
  console.log(`  integrity_check: ${report.integrity.slice(0, 10).join('; ')}`);
  console.log(
    `  foreign_key_check: ${report.foreignKeys.length === 0 ? 'ok' : `${report.foreignKeys.length} problem(s): ${JSON.stringify(report.foreignKeys.slice(0, 5))}`}`,
  );
  if (!report.ok) process.exitCode = 1;
});
