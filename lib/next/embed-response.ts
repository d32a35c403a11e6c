import 'server-only';
import { renderEmbedError } from '../server/embeds/embed-html';
import type { Built } from './http-cache';
import { answerRead, methodNotAllowed } from './http';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

export function htmlBody(html: string): Built {
  return { body: html, contentType: HTML_CONTENT_TYPE };
}

/**
 * The app's JSON error answer as a page: same status and headers (Allow, Retry-After, request id), since what shows
 * an embed's answer is a frame on someone else's site, not a program reading JSON.
 */
async function asErrorPage(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const error = (await response.json()) as {
    error: string;
    fieldErrors?: Record<string, string[]>;
    requestId?: string;
  };
  const headers = new Headers(response.headers);
  headers.set('Content-Type', HTML_CONTENT_TYPE);
  return new Response(
    renderEmbedError(response.status, {
      message: error.error,
      fieldErrors: error.fieldErrors,
      requestId: error.requestId,
    }),
    { status: response.status, headers },
  );
}

/** answerRead for an embed: the same mapping of errors to statuses, answered as a page. */
export async function answerEmbed(request: Request, read: () => Response | Promise<Response>): Promise<Response> {
  return asErrorPage(await answerRead(request, read));
}

type EmbedHandler = (request: Request) => Promise<Response>;

/** methodNotAllowed for an embed: the refusals as pages. */
export function embedMethodNotAllowed(): Record<'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', EmbedHandler> {
  const json = methodNotAllowed(['GET']);
  const page =
    (handler: (request: Request) => Response): EmbedHandler =>
    (request) =>
      asErrorPage(handler(request));
  return {
    POST: page(json.POST),
    PUT: page(json.PUT),
    PATCH: page(json.PATCH),
    DELETE: page(json.DELETE),
    OPTIONS: page(json.OPTIONS),
  };
}

/** The same address under a mesh's current slug, for links made before it was renamed. */
export function redirectTo(location: string): Response {
  return new Response(null, { status: 308, headers: { Location: location, 'Cache-Control': 'no-store' } });
}
