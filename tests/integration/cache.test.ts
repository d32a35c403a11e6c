import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { SHARED_CACHE_CONTROL } from '@/lib/next/cache-policy';
import {
  jsonBody,
  lastModifiedOf,
  readDataVersion,
  respondCached,
  responseCacheUsage,
  RESPONSE_CACHE_MAX_BYTES,
  RESPONSE_CACHE_MAX_ENTRY_BYTES,
} from '@/lib/next/http-cache';
import { proposeCellChange } from '@/lib/server/proposals/proposals';
import { approveProposal } from '@/lib/server/proposals/review';
import { getMatrix } from '@/lib/server/matrix/matrix';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

let db: TempDatabase;
beforeAll(() => {
  db = createTempDatabase();
});
afterAll(() => db.cleanup());

function makeUser(name: string, role: 'contributor' | 'moderator') {
  return db.db
    .insert(users)
    .values({ name, email: `${name}@example.org`, role })
    .returning()
    .get();
}

describe('cached public responses', () => {
  it('answer 304 to an unchanged If-None-Match and build once per data version', () => {
    let builds = 0;
    const build = () => {
      builds++;
      return jsonBody({ n: builds });
    };
    const url = 'http://localhost/api/v1/test-cache?b=2&a=1';
    const first = respondCached(new Request(url), build, db.db);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toBe(SHARED_CACHE_CONTROL);
    expect(Date.parse(first.headers.get('last-modified')!)).not.toBeNaN();
    const again = respondCached(
      new Request('http://localhost/api/v1/test-cache?a=1&b=2', { headers: { 'If-None-Match': etag } }),
      build,
      db.db,
    );
    expect(again.status).toBe(304);
    expect(builds).toBe(1);
    const since = respondCached(
      new Request(url, { headers: { 'If-Modified-Since': first.headers.get('last-modified')! } }),
      build,
      db.db,
    );
    expect(since.status).toBe(304);
    expect(since.headers.get('etag')).toBe(etag);
    // An ETag that no longer matches wins over a date that still would (RFC 9110 §13.1.3).
    const both = respondCached(
      new Request(url, {
        headers: { 'If-None-Match': '"older"', 'If-Modified-Since': first.headers.get('last-modified')! },
      }),
      build,
      db.db,
    );
    expect(both.status).toBe(200);
    const earlier = new Date(Date.parse(first.headers.get('last-modified')!) - 1000).toUTCString();
    const before = respondCached(new Request(url, { headers: { 'If-Modified-Since': earlier } }), build, db.db);
    expect(before.status).toBe(200);
    const other = respondCached(new Request('http://localhost/api/v1/test-cache?a=2'), build, db.db);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(builds).toBe(2);
  });

  it('date Last-Modified past the newest write, and only once that second has begun', () => {
    const written = Date.parse('2026-05-01T10:00:00.250Z');
    const version = { tag: '1.1', writtenAt: written };
    // A second write at 10:00:00.900 must not look unmodified to a copy dated by the first.
    expect(lastModifiedOf(version, written + 100)).toBeNull();
    expect(lastModifiedOf(version, Date.parse('2026-05-01T10:00:01.000Z'))).toBe('Fri, 01 May 2026 10:00:01 GMT');
    expect(lastModifiedOf({ tag: '1.2', writtenAt: Date.parse('2026-05-01T10:00:01.000Z') }, written + 5000)).toBe(
      'Fri, 01 May 2026 10:00:02 GMT',
    );
  });

  it('change version, ETag and body after an approval', async () => {
    const alice = makeUser('cache-alice', 'contributor');
    const mo = makeUser('cache-mo', 'moderator');
    const url = 'http://localhost/api/v1/matrix?meshes=istio';
    const build = () => jsonBody(getMatrix({ meshes: ['istio'] }, db.db).cells.istio?.['rate-limiting'] ?? null);
    const before = readDataVersion(db.db);
    const first = respondCached(new Request(url), build, db.db);
    // The column the cached response shows: Istio's newest release.
    const shown = getMatrix({ meshes: ['istio'] }, db.db);
    const version = shown.columns[0]!.version.label;
    const head = shown.cells.istio?.['rate-limiting'];
    expect(head).toBeDefined();
    expect(head?.support).not.toBe('partial');
    const { id } = proposeCellChange(
      alice,
      {
        mesh: 'istio',
        version,
        feature: 'rate-limiting',
        support: 'partial',
        sources: [{ url: 'https://istio.io/rl' }],
        rationale: 'x',
        baseRevisionId: head?.revisionId ?? null,
      },
      { db: db.db },
    );
    const afterProposal = readDataVersion(db.db);
    expect(afterProposal.tag).not.toBe(before.tag);
    approveProposal(mo, { id }, { db: db.db });
    const second = respondCached(
      new Request(url, { headers: { 'If-None-Match': first.headers.get('etag')! } }),
      build,
      db.db,
    );
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(readDataVersion(db.db).writtenAt).toBeGreaterThanOrEqual(before.writtenAt);
    expect(JSON.parse(await second.text()).support).toBe('partial');
  });
});

describe('the response cache bounds', () => {
  it('holds at most RESPONSE_CACHE_MAX_BYTES of bodies, dropping the oldest first', () => {
    const body = 'x'.repeat(RESPONSE_CACHE_MAX_ENTRY_BYTES - 1024);
    const count = Math.ceil(RESPONSE_CACHE_MAX_BYTES / body.length) + 2;
    for (let i = 0; i < count; i++)
      respondCached(new Request(`http://localhost/api/v1/test-bytes?i=${i}`), () => jsonBody(body), db.db);
    const usage = responseCacheUsage();
    expect(usage.bytes).toBeLessThanOrEqual(RESPONSE_CACHE_MAX_BYTES);
    expect(usage.bytes).toBeGreaterThan(RESPONSE_CACHE_MAX_BYTES - 2 * body.length);
    let builds = 0;
    const rebuild = () => {
      builds++;
      return jsonBody(body);
    };
    // The newest entry is kept, the first one was pushed out.
    respondCached(new Request(`http://localhost/api/v1/test-bytes?i=${count - 1}`), rebuild, db.db);
    expect(builds).toBe(0);
    respondCached(new Request('http://localhost/api/v1/test-bytes?i=0'), rebuild, db.db);
    expect(builds).toBe(1);
  });

  it('lets every body of an older data version go at the first read after a write', () => {
    const body = 'z'.repeat(1024);
    for (let i = 0; i < 3; i++)
      respondCached(new Request(`http://localhost/api/v1/test-version?i=${i}`), () => jsonBody(body), db.db);
    expect(responseCacheUsage().entries).toBeGreaterThanOrEqual(3);
    const writer = makeUser('cache-version-writer', 'contributor');
    const version = getMatrix({ meshes: ['linkerd'] }, db.db).columns[0]!.version.label;
    proposeCellChange(
      writer,
      {
        mesh: 'linkerd',
        version,
        feature: 'rate-limiting',
        support: 'partial',
        sources: [{ url: 'https://linkerd.io/rl' }],
        rationale: 'x',
        baseRevisionId: getMatrix({ meshes: ['linkerd'] }, db.db).cells.linkerd?.['rate-limiting']?.revisionId ?? null,
      },
      { db: db.db },
    );
    respondCached(new Request('http://localhost/api/v1/test-version?i=0'), () => jsonBody(body), db.db);
    expect(responseCacheUsage()).toEqual({ entries: 1, bytes: Buffer.byteLength(JSON.stringify(body)) });
  });

  it('serves a body larger than RESPONSE_CACHE_MAX_ENTRY_BYTES without keeping it', async () => {
    const before = responseCacheUsage();
    const body = 'y'.repeat(RESPONSE_CACHE_MAX_ENTRY_BYTES + 1);
    const response = respondCached(new Request('http://localhost/api/v1/test-huge'), () => jsonBody(body), db.db);
    expect(await response.text()).toBe(JSON.stringify(body));
    expect(responseCacheUsage().bytes).toBeLessThanOrEqual(before.bytes);
  });
});
