import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { getDb } from '../server/db';

export interface DataVersion {
  /** Changes on every write: every write path appends a revision or an audit event. */
  tag: string;
  /** When the newest of those was written (an HTTP date). */
  lastModified: string;
}

/**
 * Two rowid maxima: O(1) in SQLite, and shared by every server process on
 * the same file, so a cache entry built before another process wrote is
 * never served after.
 */
export function readDataVersion(q: Queryable = getDb()): DataVersion {
  const row = q.get<{ r: number | null; a: number | null; at: string | null }>(sql`
    SELECT (SELECT max(id) FROM revisions) AS r, (SELECT max(id) FROM audit_events) AS a,
           max(coalesce((SELECT created_at FROM audit_events ORDER BY id DESC LIMIT 1), ''),
               coalesce((SELECT created_at FROM revisions ORDER BY id DESC LIMIT 1), '')) AS at
  `);
  const at = row.at ? new Date(row.at) : new Date(0);
  return {
    tag: `${row.r ?? 0}.${row.a ?? 0}`,
    lastModified: (Number.isNaN(at.getTime()) ? new Date(0) : at).toUTCString(),
  };
}

interface Entry {
  version: string;
  etag: string;
  /** Encoded once: concurrent responses share these bytes instead of each holding a copy of a large export. */
  body: Uint8Array;
  contentType: string;
  lastModified: string;
  headers: Record<string, string>;
}

const MAX_ENTRIES = 500;
/**
 * Bodies held at once, in bytes. On the large data set one JSON answer is megabytes, so five hundred entries counted
 * by number alone held hundreds of MB; the oldest go first.
 */
export const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** A body larger than this is built per request rather than pushing most of the cache out. */
export const RESPONSE_CACHE_MAX_ENTRY_BYTES = 8 * 1024 * 1024;
const store = globalThis as unknown as {
  meshMatrixResponseCacheByBytes?: { entries: Map<string, Entry>; bytes: number };
};
const cache = (store.meshMatrixResponseCacheByBytes ??= { entries: new Map<string, Entry>(), bytes: 0 });
const entries = cache.entries;

function forgetEntry(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  cache.bytes -= entry.body.byteLength;
  entries.delete(key);
}

function keepEntry(key: string, entry: Entry): void {
  forgetEntry(key);
  if (entry.body.byteLength > RESPONSE_CACHE_MAX_ENTRY_BYTES) return;
  entries.set(key, entry);
  cache.bytes += entry.body.byteLength;
  while (entries.size > MAX_ENTRIES || cache.bytes > RESPONSE_CACHE_MAX_BYTES)
    forgetEntry(entries.keys().next().value!);
}

/** What the response cache holds now: for tests of its bounds. */
export function responseCacheUsage(): { entries: number; bytes: number } {
  return { entries: entries.size, bytes: cache.bytes };
}

export const PUBLIC_API_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export interface Built {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Streams a cached body as views of its one stored copy. Handing the Buffer
 * itself to Response copies it per request, which for the full CSV export
 * with fifty readers at once was gigabytes of memory.
 */
function streamOf(body: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(body.subarray(offset, offset + CHUNK_BYTES));
      offset += CHUNK_BYTES;
    },
  });
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves a public GET response from an in-process cache keyed by URL and
 * data version, with ETag and Last-Modified so clients and CDNs revalidate
 * (304 when unchanged) instead of refetching.
 */
export function respondCached(request: Request, build: () => Built, q: Queryable = getDb()): Response {
  const url = new URL(request.url);
  const key = `${url.pathname}?${[...url.searchParams]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
  const version = readDataVersion(q);
  let entry = entries.get(key);
  if (!entry || entry.version !== version.tag) {
    const built = build();
    entry = {
      version: version.tag,
      etag: `"${createHash('sha1').update(built.body).digest('base64url').slice(0, 22)}"`,
      body: Buffer.from(built.body),
      contentType: built.contentType,
      lastModified: version.lastModified,
      headers: built.headers ?? {},
    };
    keepEntry(key, entry);
  }
  const headers = {
    ...entry.headers,
    ETag: entry.etag,
    'Last-Modified': entry.lastModified,
    'Cache-Control': PUBLIC_API_CACHE_CONTROL,
  };
  if (matches(request.headers.get('if-none-match'), entry.etag)) return new Response(null, { status: 304, headers });
  return new Response(streamOf(entry.body), {
    headers: { ...headers, 'Content-Type': entry.contentType, 'Content-Length': String(entry.body.byteLength) },
  });
}

/**
 * A public GET answered from a body built elsewhere (a precomputed export streamed from disk), with the same ETag,
 * Last-Modified and 304 rules as respondCached.
 */
export function respondStreamed(
  request: Request,
  answer: {
    etag: string;
    lastModified: string;
    size: number;
    contentType: string;
    headers?: Record<string, string>;
    body: () => ReadableStream<Uint8Array>;
  },
): Response {
  const headers = {
    ...answer.headers,
    ETag: answer.etag,
    'Last-Modified': answer.lastModified,
    'Cache-Control': PUBLIC_API_CACHE_CONTROL,
  };
  if (matches(request.headers.get('if-none-match'), answer.etag)) return new Response(null, { status: 304, headers });
  return new Response(answer.body(), {
    headers: { ...headers, 'Content-Type': answer.contentType, 'Content-Length': String(answer.size) },
  });
}

export function jsonBody(value: unknown): Built {
  return { body: JSON.stringify(value), contentType: 'application/json' };
}
