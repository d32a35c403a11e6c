import { DatabaseConfigError } from '../client';
import { OperationError } from '../operations';
import { EnvError } from '../../lib/env';

/** Configuration and input mistakes are one line and exit code 2; anything else one line and exit code 1. */
function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`mesh-matrix: ${message}`);
  process.exit(error instanceof DatabaseConfigError || error instanceof EnvError || error instanceof OperationError ? 2 : 1);
}

export function runCli(body: () => void): void {
  try {
    body();
  } catch (error) {
    fail(error);
  }
}

