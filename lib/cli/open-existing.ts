import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from '../server/env';
import { openDatabase, type Connection } from '../../db/client';
import { OperationError } from '../server/operations';

/** Opens DATABASE_PATH for maintenance; refuses to create an empty database where the operator expected one. */
export function openExistingDatabase(): Connection {
  const file = path.resolve(parseEnv().DATABASE_PATH);
  if (!fs.existsSync(file)) throw new OperationError(`DATABASE_PATH: ${file} does not exist`);
  return openDatabase(file);
}
