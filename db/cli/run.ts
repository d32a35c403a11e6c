import { DatabaseConfigError } from '../client';
import { EnvError } from '../../lib/env';

/** Runs a CLI body, turning configuration mistakes into one line and exit code 2. */
export function runCli(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (error instanceof DatabaseConfigError || error instanceof EnvError) {
      console.error(`mesh-matrix: ${error.message}`);
      process.exit(2);
    }
    console.error(`mesh-matrix: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
