import { parseEnv } from '../../lib/env';
import { openDatabase } from '../client';
import { prepareDatabase } from '../init';
import { OperationError, setUserRoleByEmail } from '../operations';
import { runCli } from './run';

runCli(() => {
  const [email, role] = process.argv.slice(2);
  if (!email || !role || process.argv.length > 4) throw new OperationError('usage: npm run user:role -- <email> <contributor|moderator|admin>');
  const conn = openDatabase(parseEnv().DATABASE_PATH);
  prepareDatabase(conn);
  const result = setUserRoleByEmail(conn, email, role);
  conn.sqlite.close();
  console.log(`user ${result.id} (${email.trim().toLowerCase()}): ${result.from} -> ${result.to}`);
});
