import 'server-only';
import { createHash } from 'node:crypto';
import { SHARED_CACHE_CONTROL } from './cache-policy';
import { lastModifiedOf, readDataVersion, unmodifiedSince } from './http-cache';

interface ImageEntry {
  version: string;
  etag: string;
  body: Uint8Array;
  lastModified: string | null;
}

/** A few preview images per mesh at most; an image is about 30 KB. */
const MAX_IMAGES = 200;
const store = globalThis as unknown as { meshMatrixImageCache?: Map<string, ImageEntry> };
const images = (store.meshMatrixImageCache ??= new Map<string, ImageEntry>());

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A generated PNG, drawn once per data version (drawing one costs a few hundred ms of CPU) and answered with ETag and
 * Last-Modified like respondCached's text answers, 304 on a match.
 */
export async function respondCachedImage(
  request: Request,
  key: string,
  draw: () => Promise<Uint8Array>,
): Promise<Response> {
  const version = readDataVersion();
  let entry = images.get(key);
  if (!entry || entry.version !== version.tag) {
    const body = await draw();
    entry = {
      version: version.tag,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
      body,
      lastModified: lastModifiedOf(version),
    };
    images.delete(key);
    images.set(key, entry);
    if (images.size > MAX_IMAGES) images.delete(images.keys().next().value!);
  }
  const headers: Record<string, string> = {
    ETag: entry.etag,
    'Cache-Control': SHARED_CACHE_CONTROL,
    ...(entry.lastModified ? { 'Last-Modified': entry.lastModified } : {}),
  };
  if (matches(request.headers.get('if-none-match'), entry.etag) || unmodifiedSince(request, entry.lastModified))
    return new Response(null, { status: 304, headers });
  return new Response(entry.body.slice(), {
    headers: { ...headers, 'Content-Type': 'image/png', 'Content-Length': String(entry.body.byteLength) },
  });
}
