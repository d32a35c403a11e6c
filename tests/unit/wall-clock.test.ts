import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import FileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache';
import { alignPerformanceClock } from '@/lib/next/wall-clock';

const ownTimeOrigin = Object.getOwnPropertyDescriptor(performance, 'timeOrigin');

afterEach(() => {
  vi.restoreAllMocks();
  if (ownTimeOrigin) Object.defineProperty(performance, 'timeOrigin', ownTimeOrigin);
  else delete (performance as { timeOrigin?: number }).timeOrigin;
});

/** Next's own page cache, as the server runs it: in memory, nothing written to disk. */
function pageCache(): FileSystemCache {
  return new FileSystemCache({
    fs: fs.promises as never,
    flushToDisk: false,
    // Never read: the page is found in memory, where set() put it.
    serverDistDir: path.join(os.tmpdir(), 'wall-clock-unused'),
    revalidatedTags: [],
    maxMemoryCacheSize: 1024 * 1024,
  } as never);
}

/** A cached page, then the wall clock stepped forward (as time sync does), then a write revalidating the page. */
async function revalidateAfterClockStep(key: string): Promise<unknown> {
  const cache = pageCache();
  const tag = `_N_T_${key}`;
  await cache.set(
    key,
    { kind: 'APP_PAGE', html: 'old', rscData: undefined, headers: { 'x-next-cache-tags': tag }, status: 200 } as never,
    { cacheControl: { revalidate: false, expire: undefined } } as never,
  );
  const wallClock = Date.now;
  vi.spyOn(Date, 'now').mockImplementation(() => wallClock() + 10_000);
  await cache.revalidateTag([tag]);
  return cache.get(key, { kind: 'APP_PAGE', isFallback: false } as never);
}

test("with Next's own clock, a page revalidated after the wall clock stepped forward is still served", async () => {
  // The failure lib/next/wall-clock.ts exists for: once Next compares one clock with itself, this fails and it can go.
  expect(await revalidateAfterClockStep('/unaligned')).not.toBeNull();
});

test('with the clocks aligned, the very next read after a revalidation misses, however the wall clock moved', async () => {
  alignPerformanceClock();
  expect(await revalidateAfterClockStep('/aligned')).toBeNull();
  expect(Math.abs(performance.timeOrigin + performance.now() - Date.now())).toBeLessThan(5);
});
