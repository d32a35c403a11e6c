import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzip, gzipSync } from 'node:zlib';
import { listsEtag } from '../rules/etag-match';
import { stripNextRuntimeBytes } from '../rules/strip-next-runtime';
import { isReadingPage } from './cache-policy';
import { readPageGeneration } from './page-generation';

/*
 * Issue 16, part 1, in the server (lib/next/start-server.ts): a reading page (isReadingPage, lib/next/cache-policy.ts)
 * reaches the browser without Next's client runtime (lib/rules/strip-next-runtime.ts). Next renders it as always; this
 * buffers the answer, strips the HTML, and then does what Next's own layer would have done to the new bytes: gzip,
 * Content-Length, and an ETag of these bytes with its 304.
 *
 * Requests from Next's client router (RSC, prefetches) pass untouched: a private page that hydrated still navigates
 * to a reading page with React, and the payload it fetches is not HTML.
 */

/** Next's own compression leaves out bodies this small (the `compression` package's threshold). */
const GZIP_THRESHOLD_BYTES = 1024;
/**
 * The first answer of a newly rendered page is compressed fast, as its reader waits for it: level 3 took 1.1 ms for
 * a 350 KB release diff where the default level took 2.9 ms, for 28% more bytes. The copy kept for every later reader
 * is compressed again at the default level off the main thread (zlib's thread pool) and swapped in.
 */
const FIRST_GZIP_LEVEL = 3;
/**
 * Bytes of stripped and gzipped pages kept: a cached page is the same bytes on every hit, so each is stripped and
 * gzipped once. Pages rendered per request are not kept, as their bytes seldom repeat.
 */
const MAX_REMEMBERED_BYTES = 16 * 1024 * 1024;

/** Whether Next's client router sent this request (a navigation's RSC payload or a prefetch), not a browser's load. */
function isRouterRequest(req: IncomingMessage, url: URL): boolean {
  return (
    req.headers['rsc'] !== undefined ||
    req.headers['next-router-prefetch'] !== undefined ||
    url.searchParams.has('_rsc')
  );
}

/** Whether this request's answer is to be stripped, or passed on as Next writes it. */
export function isLightRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return false;
  }
  return isReadingPage(req.method, url.pathname) && !isRouterRequest(req, url);
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

interface LightPage {
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
}

function sizeOf(page: LightPage): number {
  return page.body.length + (page.gzipped?.length ?? 0);
}

/**
 * Pages by key, oldest dropped first once their bytes pass MAX_REMEMBERED_BYTES. Each entry is counted at the size it
 * was kept with: a page's gzipped bytes only shrink afterwards (FIRST_GZIP_LEVEL).
 */
class RememberedPages<T extends { page: LightPage }> {
  private readonly entries = new Map<string, { entry: T; bytes: number }>();
  private bytes = 0;

  get(key: string): T | undefined {
    return this.entries.get(key)?.entry;
  }

  set(key: string, entry: T): void {
    this.delete(key);
    const bytes = sizeOf(entry.page);
    this.entries.set(key, { entry, bytes });
    this.bytes += bytes;
    for (const oldKey of this.entries.keys()) {
      if (this.bytes <= MAX_REMEMBERED_BYTES) break;
      this.delete(oldKey);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }
}

/**
 * The page with its first, fast gzip; for a page that is kept (`kept`), the default level's bytes replace it once
 * ready (FIRST_GZIP_LEVEL). A page rendered per request is sent once, so it keeps the fast bytes.
 */
function compressedPage(body: Buffer, etag: string, kept: boolean): LightPage {
  if (body.length < GZIP_THRESHOLD_BYTES) return { body, gzipped: null, etag };
  const page: LightPage = { body, gzipped: gzipSync(body, { level: FIRST_GZIP_LEVEL }), etag };
  if (kept)
    gzip(body, (error, smaller) => {
      if (!error) page.gzipped = smaller;
    });
  return page;
}

/** Stripped pages by a hash of Next's bytes: a cached page is the same bytes on every hit. */
const strippedPages = new RememberedPages<{ page: LightPage }>();

/**
 * Cached pages as last sent, by URL, while no write has refreshed pages since (lib/next/page-generation.ts): a repeat
 * read is answered here without running Next's handler, which is most of a cached page's cost. Next's own cache
 * holds the same bytes until the same writes revalidate them, so this serves nothing Next would not.
 */
interface SentPage {
  generation: number;
  status: number;
  headers: OutgoingHttpHeaders;
  page: LightPage;
}

const sentPages = new RememberedPages<SentPage>();
/** The generation sentPages holds copies of: a write ends them all, so they are let go at once, not when pushed out. */
let sentGeneration = readPageGeneration();

/**
 * A copy's key: its URL and the protocol a proxy in front says the client used, since next.config.ts adds HSTS only
 * to answers for `X-Forwarded-Proto: https`. No other request header changes a cached page's headers or bytes.
 */
function sentCopyKey(req: IncomingMessage, url: string): string {
  const proto = req.headers['x-forwarded-proto'];
  return `${Array.isArray(proto) ? proto.join(',') : (proto ?? '')} ${url}`;
}

/** Headers that describe one answer's bytes, not the page: set again for each answer. */
const perAnswerHeaders = new Set(['content-length', 'content-encoding', 'date', 'connection', 'transfer-encoding']);

function sendRemembered(
  res: ServerResponse,
  sent: SentPage,
  acceptEncoding: string | undefined,
  notModified: boolean,
): void {
  res.statusCode = notModified ? 304 : sent.status;
  for (const [name, value] of Object.entries(sent.headers)) if (value !== undefined) res.setHeader(name, value);
  res.setHeader('x-nextjs-cache', 'HIT');
  if (notModified) {
    res.removeHeader('content-type');
    res.end();
    return;
  }
  let body = sent.page.body;
  if (sent.page.gzipped && acceptsGzip(acceptEncoding)) {
    body = sent.page.gzipped;
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function lightPageOf(html: Buffer, cached: boolean): LightPage {
  const key = cached ? createHash('sha256').update(html).digest('base64url') : null;
  const remembered = key === null ? undefined : strippedPages.get(key);
  if (remembered) return remembered.page;
  // The kept bytes are copied, never decoded and encoded again: decoding a large page as UTF-8 cost more than stripping
  // it (a 350 KB release diff: about 7 ms of 16), and even latin1 both ways was 3.4 ms of a 314 KB diff's 9 here.
  const body = stripNextRuntimeBytes(html);
  const page = compressedPage(
    body,
    `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    key !== null,
  );
  if (key !== null) strippedPages.set(key, { page });
  return page;
}

function isHtml(res: ServerResponse): boolean {
  return /^text\/html\b/i.test(String(res.getHeader('content-type') ?? ''));
}

function addVary(res: ServerResponse, field: string): void {
  const vary = String(res.getHeader('vary') ?? '');
  if (!vary.split(',').some((part) => part.trim().toLowerCase() === field.toLowerCase()))
    res.setHeader('Vary', vary ? `${vary}, ${field}` : field);
}

/**
 * Hands the request to Next (`handle`) with the response buffered, and sends it once complete: a 200 or 404 HTML page
 * stripped, anything else as Next wrote it; gzipped here where the client takes it, since Next was told it does not.
 * A HEAD is rendered as a GET so its headers (Content-Length, ETag) describe the bytes a GET gets.
 */
export async function serveLight(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<void> {
  const isHead = req.method === 'HEAD';
  const acceptEncoding = req.headers['accept-encoding'];
  const ifNoneMatch = req.headers['if-none-match'];
  const generation = readPageGeneration();
  if (generation !== sentGeneration) {
    sentPages.clear();
    sentGeneration = generation;
  }
  const url = req.url ?? '/';
  const ifModifiedSince = req.headers['if-modified-since'];
  const plainGet = !isHead && ifNoneMatch === undefined && ifModifiedSince === undefined;
  const copyKey = sentCopyKey(req, url);
  const sent = isHead ? undefined : sentPages.get(copyKey);
  if (sent?.generation === generation) {
    // A copy's validators are the ones it was sent with: a request that names them gets its 304 here, and any other
    // condition goes to Next, which answers it as it always has.
    const lastModified = Date.parse(String(sent.headers['last-modified']));
    const notModified =
      ifNoneMatch !== undefined
        ? listsEtag(ifNoneMatch, sent.page.etag)
        : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= lastModified;
    if (plainGet || notModified) {
      sendRemembered(res, sent, Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding, notModified);
      return;
    }
  }
  delete req.headers['accept-encoding'];
  if (isHead) req.method = 'GET';

  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (typeof chunk === 'string')
      chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else chunks.push(Buffer.from(chunk as Uint8Array));
  };
  const callbackOf = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === 'function');

  // Next (and its compression layer, which wraps these) sees a response that takes everything and sends nothing yet.
  res.writeHead = function writeHead(this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null) as OutgoingHttpHeaders | unknown[];
    this.statusCode = statusCode;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(String(headers[i]), String(headers[i + 1]));
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value);
    }
    return this;
  } as ServerResponse['writeHead'];
  res.flushHeaders = () => undefined;
  res.write = function write(chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    callbackOf(rest)?.();
    return true;
  } as ServerResponse['write'];
  res.end = function end(this: ServerResponse, ...args: unknown[]) {
    if (args.length > 0 && typeof args[0] !== 'function') collect(args[0], args[1]);
    Object.assign(res, original);
    const page = sendBuffered(this, Buffer.concat(chunks), { isHead, acceptEncoding, ifNoneMatch });
    // Only what Next served from (or just put in) its cache, fresh: never a stale copy, a personal or a per-request
    // page, or one rendered while a write landed.
    const nextCache = String(this.getHeader('x-nextjs-cache') ?? '');
    if (page && plainGet && this.statusCode === 200 && (nextCache === 'HIT' || nextCache === 'MISS'))
      // Right after a write the proxy leaves Last-Modified out until the next second begins (lib/next/http-cache.ts):
      // such an answer is not kept, or the page would go on without it until the next write.
      if (!this.getHeader('set-cookie') && this.getHeader('last-modified') && readPageGeneration() === generation)
        sentPages.set(copyKey, { generation, status: 200, headers: pageHeaders(this), page });
    const callback = callbackOf(args);
    if (callback) this.once('finish', callback);
    return this;
  } as ServerResponse['end'];

  try {
    await handle(req, res);
  } finally {
    if (isHead) req.method = 'HEAD';
    if (acceptEncoding !== undefined) req.headers['accept-encoding'] = acceptEncoding;
  }
}

function sendBuffered(
  res: ServerResponse,
  buffered: Buffer,
  request: { isHead: boolean; acceptEncoding: string | string[] | undefined; ifNoneMatch: string | undefined },
): LightPage | null {
  let body = buffered;
  let gzipped: Buffer | null = null;
  let light: LightPage | null = null;
  const status = res.statusCode;
  if ((status === 200 || status === 404) && isHtml(res) && !res.getHeader('content-encoding')) {
    // Next marks the pages it caches (ISR) with x-nextjs-cache, hit or not.
    const page = lightPageOf(buffered, res.getHeader('x-nextjs-cache') !== undefined);
    light = page;
    body = page.body;
    gzipped = page.gzipped;
    // Next's ETag hashes its own bytes (a cached page's); the weak one the proxy sets names the data, not the bytes,
    // and stays true of the stripped page.
    const etag = res.getHeader('etag');
    if (typeof etag === 'string' && !etag.startsWith('W/')) {
      res.setHeader('ETag', page.etag);
      if (status === 200 && listsEtag(request.ifNoneMatch, page.etag)) {
        res.removeHeader('content-length');
        res.removeHeader('content-type');
        res.statusCode = 304;
        res.end();
        return null;
      }
    }
  }
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  if (noBody) {
    res.end();
    return null;
  }
  const acceptEncoding = Array.isArray(request.acceptEncoding)
    ? request.acceptEncoding.join(',')
    : request.acceptEncoding;
  if (!res.getHeader('content-encoding') && isCompressible(res)) {
    addVary(res, 'Accept-Encoding');
    if (acceptsGzip(acceptEncoding) && body.length >= GZIP_THRESHOLD_BYTES) {
      body = gzipped ?? gzipSync(body);
      res.setHeader('Content-Encoding', 'gzip');
    }
  }
  res.setHeader('Content-Length', body.length);
  if (request.isHead) res.end();
  else res.end(body);
  return light;
}

function pageHeaders(res: ServerResponse): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(res.getHeaders()))
    if (!perAnswerHeaders.has(name.toLowerCase())) headers[name] = value;
  return headers;
}

/** What Next's compression layer would compress: text, JSON, XML, JavaScript, SVG. */
function isCompressible(res: ServerResponse): boolean {
  return /^(text\/|application\/(json|xml|javascript|[\w.+-]+\+(json|xml))|image\/svg\+xml)/i.test(
    String(res.getHeader('content-type') ?? ''),
  );
}
