import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { getDb } from '../server/db';
import { SHARED_CACHE_CONTROL } from './cache-policy';
import { listsEtag } from '../rules/etag-match';

export interface DataVersion {
  /** Changes on every write: every write path appends a revision or an audit event. */
  tag: string;
  /** When the newest of those was written (milliseconds since the epoch; 0 for an empty database). */
  writtenAt: number;
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
  const at = row.at ? new Date(row.at).getTime() : 0;
  return { tag: `${row.r ?? 0}.${row.a ?? 0}`, writtenAt: Number.isNaN(at) ? 0 : at };
}

/**
 * Last-Modified for data written at `writtenAt`: the next whole second (HTTP dates have no fractions), and nothing
 * until that second has begun. So a copy dated D was fetched at D or later, and any write after it is dated past D:
 * If-Modified-Since cannot hide a second write within the same second as the first.
 */
export function lastModifiedOf(version: DataVersion, now = Date.now()): string | null {
  const date = (Math.floor(version.writtenAt / 1000) + 1) * 1000;
  return now >= date ? new Date(date).toUTCString() : null;
}

/** If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3): the ETag is the stronger validator. */
export function unmodifiedSince(request: Request, lastModified: string | null): boolean {
  const since = request.headers.get('if-modified-since');
  if (!since || !lastModified || request.headers.has('if-none-match')) return false;
  const sinceTime = Date.parse(since);
  return !Number.isNaN(sinceTime) && Date.parse(lastModified) <= sinceTime;
}

interface Entry {
  version: string;
  etag: string;
  /** Encoded once: concurrent responses share these bytes instead of each holding a copy of a large export. */
  body: Uint8Array;
  contentType: string;
  data: DataVersion;
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
  meshMatrixResponseCacheByBytes?: { entries: Map<string, Entry>; bytes: number; version?: string };
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
  // Entries of an older data version are never served again: let them go at once rather than when pushed out.
  if (cache.version !== version.tag) {
    entries.clear();
    cache.bytes = 0;
    cache.version = version.tag;
  }
  let entry = entries.get(key);
  if (!entry || entry.version !== version.tag) {
    const built = build();
    entry = {
      version: version.tag,
      etag: `"${createHash('sha1').update(built.body).digest('base64url').slice(0, 22)}"`,
      body: Buffer.from(built.body),
      contentType: built.contentType,
      // Read after building: a write committed meanwhile may be in the body, and Last-Modified must not be older.
      data: readDataVersion(q),
      headers: built.headers ?? {},
    };
    keepEntry(key, entry);
  }
  const lastModified = lastModifiedOf(entry.data);
  const headers: Record<string, string> = {
    ...entry.headers,
    ETag: entry.etag,
    'Cache-Control': SHARED_CACHE_CONTROL,
    ...(lastModified ? { 'Last-Modified': lastModified } : {}),
  };
  if (listsEtag(request.headers.get('if-none-match'), entry.etag) || unmodifiedSince(request, lastModified))
    return new Response(null, { status: 304, headers });
  return new Response(streamOf(entry.body), {
    headers: { ...headers, 'Content-Type': entry.contentType, 'Content-Length': String(entry.body.byteLength) },
  });
}

export interface Streamed {
  contentType: string;
  headers?: Record<string, string>;
  /** The body in pieces, each produced when the reader asks for more. */
  chunks: Iterator<string>;
}

/**
 * A public GET too large to build in memory (the full dump): revalidated like respondCached, but on the data version
 * itself (the body is not built to hash it), and streamed piece by piece with backpressure, never held whole.
 */
export function respondStreamed(
  request: Request,
  build: (version: DataVersion) => Streamed,
  q: Queryable = getDb(),
): Response {
  const version = readDataVersion(q);
  const url = new URL(request.url);
  const etag = `"${createHash('sha1').update(`${url.pathname}\n${version.tag}`).digest('base64url').slice(0, 22)}"`;
  const lastModified = lastModifiedOf(version);
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': SHARED_CACHE_CONTROL,
    ...(lastModified ? { 'Last-Modified': lastModified } : {}),
  };
  if (listsEtag(request.headers.get('if-none-match'), etag) || unmodifiedSince(request, lastModified))
    return new Response(null, { status: 304, headers });
  const built = build(version);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = built.chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      built.chunks.return?.();
    },
  });
  return new Response(body, { headers: { ...built.headers, ...headers, 'Content-Type': built.contentType } });
}

/**
 * A public GET answered from a body built elsewhere (a precomputed export streamed from disk), with the same ETag,
 * Last-Modified and 304 rules as respondCached.
 */
export function respondPrecomputed(
  request: Request,
  answer: {
    etag: string;
    lastModified: string | null;
    size: number;
    contentType: string;
    headers?: Record<string, string>;
    body: () => ReadableStream<Uint8Array>;
  },
): Response {
  const headers: Record<string, string> = {
    ...answer.headers,
    ETag: answer.etag,
    'Cache-Control': SHARED_CACHE_CONTROL,
    ...(answer.lastModified ? { 'Last-Modified': answer.lastModified } : {}),
  };
  if (listsEtag(request.headers.get('if-none-match'), answer.etag) || unmodifiedSince(request, answer.lastModified))
    return new Response(null, { status: 304, headers });
  return new Response(answer.body(), {
    headers: { ...headers, 'Content-Type': answer.contentType, 'Content-Length': String(answer.size) },
  });
}

export function jsonBody(value: unknown): Built {
  return { body: JSON.stringify(value), contentType: 'application/json' };
}
