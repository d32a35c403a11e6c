import 'server-only';
import { createHash } from 'node:crypto';
import { htmlStash } from './html-stash';

/**
 * How long stashed markup waits for its render, and how much may wait at once. A page's server render follows its RSC
 * render within the same request, so seconds are plenty; RSC-only requests (prefetches) stash markup no render reads,
 * and the bounds keep those from piling up.
 */
const MAX_AGE_MS = 15_000;
const MAX_BYTES = 48 * 1024 * 1024;

/**
 * Stashes markup for the island that renders it and returns its key. The key is the content's hash, so renders of
 * the same content share one entry and a render can never pick up another page's markup.
 */
export function stashHtml(html: string): string {
  const stash = htmlStash();
  const key = createHash('sha1').update(html).digest('base64url');
  const now = Date.now();
  const existing = stash.entries.get(key);
  if (existing) {
    // Refreshed and moved to the back, so the markup a render is about to read is the last to go.
    stash.entries.delete(key);
    existing.at = now;
    stash.entries.set(key, existing);
    return key;
  }
  const bytes = html.length * 2;
  stash.entries.set(key, { html, bytes, at: now });
  stash.bytes += bytes;
  for (const [oldKey, entry] of stash.entries) {
    if (oldKey === key || (stash.bytes <= MAX_BYTES && now - entry.at < MAX_AGE_MS)) break;
    stash.entries.delete(oldKey);
    stash.bytes -= entry.bytes;
  }
  return key;
}
