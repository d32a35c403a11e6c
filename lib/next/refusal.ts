import { escapeHtml } from '../rules/escape-html';
import { newRequestId } from '../rules/log';

/**
 * The answer to a request refused before it reaches a page or route handler (lib/next/request-gate.ts in the proxy,
 * lib/next/render-gate.ts in the server): JSON with a request id under /api, a small error page elsewhere. Never
 * stored by anyone.
 */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function titleOf(status: number): string {
  if (status === 429) return 'Too many requests';
  if (status === 403) return 'Request refused';
  return 'This address cannot be shown';
}

export function refusalFor(
  pathname: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Refusal {
  const requestId = newRequestId();
  const common = { 'Cache-Control': 'no-store', 'X-Request-Id': requestId, ...headers };
  if (pathname.startsWith('/api/'))
    return {
      status,
      headers: { ...common, 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: message, code, requestId }),
    };
  const title = titleOf(status);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title} · Mesh Matrix</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}a{color:LinkText}</style></head><body><main><h1>${title}</h1><p role="alert">${escapeHtml(message)}</p><p>Reference: <code>${requestId}</code></p><p><a href="/">Go to the matrix</a></p></main></body></html>`;
  return { status, headers: { ...common, 'Content-Type': 'text/html; charset=utf-8' }, body };
}
