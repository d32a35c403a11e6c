import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { e2eEnv } from './env';
import { expect, test } from './fixtures';
import { startOwnServer, type OwnServer } from './own-server';

/*
 * The limits against abuse, on a server of its own with small limits (the
 * rest of the suite runs with generous ones): sign-in attempts, submissions
 * and renders past the page cache answer 429 with Retry-After, and cached
 * pages never count. The counting rules have unit tests
 * (tests/unit/request-gate.test.ts); this proves the wiring in the real server.
 */
const OFFSET = 7;
const db = path.join(path.dirname(e2eEnv.DATABASE_PATH), 'limits.db');
let server: OwnServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  server = await startOwnServer(OFFSET, {
    DATABASE_PATH: db,
    RATE_LIMIT_SIGN_IN: '3',
    RATE_LIMIT_WRITES_PER_MINUTE: '2',
    RATE_LIMIT_UNCACHED_PER_MINUTE: '2',
    RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND: '1000',
  });
});

test.afterAll(async () => {
  server?.stop();
  await server?.exited;
});

async function signIn(context: APIRequestContext, username: string) {
  const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
  return context.post('/api/auth/callback/demo', { form: { csrfToken, username, json: 'true' } });
}

test('sign-in attempts, submissions and uncached views answer 429 with Retry-After past their limit', async () => {
  const base = server!.base;
  const context = await playwrightRequest.newContext({ baseURL: base });

  // Uncached views: two a minute from this address; the cached matrix is never counted.
  for (const at of ['2021-01-01', '2021-02-01']) expect((await context.get(`/?at=${at}`)).status()).toBe(200);
  const limited = await context.get('/?at=2021-03-01', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await limited.text()).toContain('Too many filtered, dated or compared views');
  // Refused by the server before Next (lib/next/render-gate.ts), with the headers Next gives every answer.
  expect(limited.headers()['cache-control']).toBe('no-store');
  expect(limited.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(limited.headers()['x-frame-options']).toBe('DENY');
  expect(limited.headers()['x-content-type-options']).toBe('nosniff');
  for (let i = 0; i < 5; i++) expect((await context.get('/')).status()).toBe(200);
  expect((await context.get('/api/v1/matrix?meshes=istio')).status()).toBe(429);

  // Sign-in: three attempts from this address in 15 minutes, whatever the account.
  expect((await signIn(context, 'alice')).ok()).toBe(true);
  const proposer = await context.storageState();
  const mo = await playwrightRequest.newContext({ baseURL: base });
  expect((await signIn(mo, 'mo')).ok()).toBe(true);
  expect((await signIn(mo, 'nobody')).status()).not.toBe(429);
  const tooMany = await signIn(mo, 'ada');
  expect(tooMany.status()).toBe(429);
  expect(Number(tooMany.headers()['retry-after'])).toBeGreaterThan(0);

  // Submissions: two a minute per address and account; the third proposal is refused before it is looked at.
  const alice = await playwrightRequest.newContext({ baseURL: base, storageState: proposer });
  const propose = () =>
    alice.post('/api/v1/proposals', {
      headers: { Origin: base, 'Content-Type': 'application/json' },
      data: { mesh: 'istio', version: '1.16.1', feature: 'mtls', support: 'partial' },
    });
  for (let i = 0; i < 2; i++) expect((await propose()).status()).toBe(400);
  const refused = await propose();
  expect(refused.status()).toBe(429);
  expect((await refused.json()).code).toBe('too_many_requests');
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  await Promise.all([context.dispose(), mo.dispose(), alice.dispose()]);
});
