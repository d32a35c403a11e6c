import 'server-only';
import { prepareCsvExport } from '../server/exports/csv-export';
import { logUnexpectedError, newRequestId } from '../rules/log';
import { readDataVersion } from './http-cache';

/** After the last write of a burst: a moderator approving a queue must not pay for the export between approvals. */
export const CSV_REFRESH_AFTER_WRITES_MS = 2_000;
/** After start: the first pages a server renders come first. */
export const CSV_REFRESH_AFTER_START_MS = 15_000;

const store = globalThis as unknown as { meshMatrixCsvRefresh?: NodeJS.Timeout };

/**
 * Precomputes the full CSV export (lib/server/exports/csv-export.ts) once writes pause, so the next download streams
 * files already on disk instead of waiting for the releases that changed to be rendered again.
 */
export function scheduleCsvExportRefresh(delayMs = CSV_REFRESH_AFTER_WRITES_MS): void {
  if (store.meshMatrixCsvRefresh) clearTimeout(store.meshMatrixCsvRefresh);
  const timer = setTimeout(() => {
    store.meshMatrixCsvRefresh = undefined;
    const fail = (error: unknown) =>
      logUnexpectedError({ requestId: newRequestId(), path: '/api/v1/matrix.csv', method: 'REFRESH', error });
    try {
      prepareCsvExport([], readDataVersion().tag).catch(fail);
    } catch (error) {
      fail(error);
    }
  }, delayMs);
  timer.unref();
  store.meshMatrixCsvRefresh = timer;
}
