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
const store = globalThis as unknown as { meshMatrixResponseCache?: Map<string, Entry> };
const entries = (store.meshMatrixResponseCache ??= new Map<string, Entry>());

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
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
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
  const headers = { ETag: etag, 'Last-Modified': version.lastModified, 'Cache-Control': PUBLIC_API_CACHE_CONTROL };
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
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

export function jsonBody(value: unknown): Built {
  return { body: JSON.stringify(value), contentType: 'application/json' };
}
