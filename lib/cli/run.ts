import { DatabaseConfigError } from '../../db/client';
import { OperationError } from '../server/operations';
import { EnvError } from '../server/env';
import { isAppError } from '../rules/errors';

/** Configuration and input mistakes (and changes a domain rule refuses) are one line and exit code 2; anything else one line and exit code 1. */
function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`mesh-matrix: ${message}`);
  const refused = isAppError(error) && error.status < 500;
  process.exit(
    error instanceof DatabaseConfigError || error instanceof EnvError || error instanceof OperationError || refused
      ? 2
      : 1,
  );
}

export function runCli(body: () => void): void {
  try {
    body();
  } catch (error) {
    fail(error);
  }
}
