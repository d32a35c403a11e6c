import { prepareDatabase } from '../server/init';
import { OperationError, setUserRoleByEmail } from '../server/operations';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

runCli(() => {
  const [email, role] = process.argv.slice(2);
  if (!email || !role || process.argv.length > 4)
    throw new OperationError('usage: npm run user:role -- <email> <contributor|moderator|admin>');
  // Someone must have signed in first, so the database exists; a mistyped DATABASE_PATH must not create an empty one.
  const conn = openExistingDatabase();
  prepareDatabase(conn);
  const result = setUserRoleByEmail(conn, email, role);
  conn.sqlite.close();
  console.log(`user ${result.id} (${email.trim().toLowerCase()}): ${result.from} -> ${result.to}`);
});
