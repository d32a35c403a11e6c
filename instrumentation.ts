import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [
    { prepareOnStart },
    { parseEnv },
    { pinForwardedHeaders },
    { scheduleCsvExportRefresh, CSV_REFRESH_AFTER_START_MS },
    { alignPerformanceClock },
  ] = await Promise.all([
    import('./lib/server/startup'),
    import('./lib/server/env'),
    import('./lib/next/pin-forwarded-headers'),
    import('./lib/next/csv-export-refresh'),
    import('./lib/next/wall-clock'),
  ]);
  alignPerformanceClock();
  if (!parseEnv().TRUSTED_PROXY) pinForwardedHeaders();
  prepareOnStart();
  if (process.env.NEXT_PHASE !== 'phase-production-build') scheduleCsvExportRefresh(CSV_REFRESH_AFTER_START_MS);
}

/**
 * Pages and server actions that throw end here. The digest Next attaches to
 * the error is what app/error.tsx shows the visitor as the reference, so the
 * log line carries the same id. Route handlers answer their own errors (see
 * errorResponse in lib/next/http.ts) and never reach this for an error they caught.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const [{ logUnexpectedError, newRequestId }, { errorReference }] = await Promise.all([
    import('./lib/rules/log'),
    import('./lib/rules/errors'),
  ]);
  logUnexpectedError({
    requestId: errorReference(error) ?? newRequestId(),
    path: request.path,
    method: request.method,
    routeType: context.routeType,
    error,
  });
};
