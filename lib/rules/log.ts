export interface UnexpectedErrorEntry {
  /** What the visitor was shown as the reference: Next's error digest for pages and actions, a fresh id for the JSON API. */
  requestId: string;
  path: string;
  method: string;
  /** `render`, `action` or `route`, as Next names where it happened. */
  routeType?: string;
  error: unknown;
}

export function newRequestId(): string {
  // Web Crypto, so the instrumentation hook that imports this builds for the Edge runtime too.
  return globalThis.crypto.randomUUID();
}

/**
 * Writes one JSON line to stderr for a failure nobody planned for. The stack
 * goes here and only here: visitors see a reference to quote, operators find
 * the line by it.
 */
export function logUnexpectedError({ requestId, path, method, routeType, error }: UnexpectedErrorEntry): void {
  const line: Record<string, unknown> = { level: 'error', event: 'unhandled_error', requestId, path, method };
  if (routeType) line.routeType = routeType;
  line.message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) line.stack = error.stack;
  line.time = new Date().toISOString();
  console.error(JSON.stringify(line));
}
