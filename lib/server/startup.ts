import { DatabaseConfigError } from '@/db/client';
import { openPreparedDatabase } from './init';
import { checkProductionEnv, EnvError, parseEnv } from './env';
import { recordServerPid } from './server-pid';

/**
 * Runs once when the server starts: validates the environment and creates,
 * migrates and seeds the database so the first reader never waits for it,
 * and leaves its pid beside the database so a restore refuses to run under it.
 * Configuration mistakes end the process with one line naming the problem.
 */
export function prepareOnStart(): void {
  try {
    const env = parseEnv();
    for (const line of checkProductionEnv(env)) console.warn(line);
    const conn = openPreparedDatabase(env.DATABASE_PATH);
    conn.sqlite.close();
    // A build prepares the database too but serves nothing; only a server blocks a restore.
    if (process.env.NEXT_PHASE !== 'phase-production-build') recordServerPid(env.DATABASE_PATH);
  } catch (error) {
    if (error instanceof DatabaseConfigError || error instanceof EnvError) {
      console.error(`mesh-matrix: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
