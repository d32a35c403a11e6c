import { ServiceUnavailableError } from '../rules/errors';

/** How long a caller should wait before retrying: a lock clears in seconds, a full or failing disk needs someone to act. */
const RETRY_AFTER_BUSY_SECONDS = 5;
const RETRY_AFTER_DISK_SECONDS = 60;

/*
 * Plain SQLITE_READONLY is left alone on purpose: the site's connection is
 * query_only (lib/server/db.ts), so a write outside the pipeline is a bug to
 * report as a 500, not a fault to retry. The extended READONLY codes say the
 * file itself cannot be written just now.
 */
const READONLY_FAULTS = new Set([
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_RECOVERY',
  'SQLITE_READONLY_ROLLBACK',
]);

function sqliteCodeOf(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  return typeof error.code === 'string' && error.code.startsWith('SQLITE_') ? error.code : null;
}

/**
 * The 503 for a database fault a retry may cure (the disk full, a lock held
 * past the busy timeout, an I/O error), or null for anything else. SQLite
 * rolls the whole transaction back on each of these, so the message can
 * promise that nothing was changed. Logged once here, as a full disk needs
 * an operator and the visitor only sees the 503.
 */
export function databaseFaultOf(error: unknown): ServiceUnavailableError | null {
  const code = sqliteCodeOf(error);
  if (!code) return null;
  let fault: ServiceUnavailableError;
  if (code.startsWith('SQLITE_FULL'))
    fault = new ServiceUnavailableError(
      'The database is full; nothing was changed. Try again once the site has more disk space.',
      RETRY_AFTER_DISK_SECONDS,
    );
  else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    fault = new ServiceUnavailableError(
      'The database is busy with another change; nothing was changed. Try again in a few seconds.',
      RETRY_AFTER_BUSY_SECONDS,
    );
  else if (code.startsWith('SQLITE_IOERR') || READONLY_FAULTS.has(code))
    fault = new ServiceUnavailableError(
      'The database could not be read or written just now; nothing was changed. Try again in a minute.',
      RETRY_AFTER_DISK_SECONDS,
    );
  else return null;
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'database_fault',
      code,
      message: (error as Error).message,
      status: fault.status,
      time: new Date().toISOString(),
    }),
  );
  return fault;
}

/** Runs database work, turning a fault a retry may cure into its 503. */
export function answerDatabaseFaults<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw databaseFaultOf(error) ?? error;
  }
}
