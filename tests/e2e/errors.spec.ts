import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { e2eEnv } from './env';
import { expect, expectNoAxeViolations, postJson, test } from './fixtures';
import { startOwnServer, type OwnServer } from './own-server';

// A server of our own on a database we then break underneath it: the only way to make production code fail
// unexpectedly without shipping a switch that does it.
const faultsDb = e2eEnv.DATABASE_PATH.replace('e2e.db', 'faults.db');
let server: OwnServer;

test.beforeAll(async () => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(faultsDb + suffix, { force: true });
  server = await startOwnServer(3, { DATABASE_PATH: faultsDb });
});
test.afterAll(() => server?.stop());

/** The failure lines of the server's log that carry this id. */
function logLinesFor(requestId: string) {
  return server.jsonLines().filter((line) => line.event === 'unhandled_error' && line.requestId === requestId);
}

const leaks = ['no such table', 'SqliteError', 'better-sqlite3', '.next/server', 'SQLITE_ERROR'];

async function expectFriendlyErrorPage(page: Page): Promise<string> {
  const notice = page.getByRole('alert').filter({ hasText: 'Something went wrong on our side' });
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('Something went wrong on our side');
  const reference = /Reference:\s*(\S+)/.exec(await notice.innerText())?.[1];
  expect(reference, 'the page shows a reference').toMatch(/^\w+$/);
  const html = await page.content();
  for (const leak of leaks) expect(html).not.toContain(leak);
  expect(html).not.toMatch(/\n\s+at /);
  return reference!;
}

test('unexpected failures show a friendly page or JSON with a reference, and log one JSON line with it', async ({
  page,
}) => {
  const { base } = server;
  const { csrfToken } = await (await page.request.get(`${base}/api/auth/csrf`)).json();
  expect(
    (
      await page.request.post(`${base}/api/auth/callback/demo`, {
        form: { csrfToken, username: 'alice', json: 'true' },
      })
    ).ok(),
  ).toBe(true);
  const matrix = await (await page.request.get(`${base}/api/v1/matrix?meshes=istio`)).json();
  const proposed = await postJson(
    page.request,
    `${base}/api/v1/proposals`,
    {
      mesh: 'istio',
      version: matrix.meshes[0].version.label,
      feature: 'mtls',
      support: 'partial',
      sources: [{ url: 'https://istio.io/' }],
      rationale: 'r',
      baseRevisionId: matrix.cells.istio.mtls.revisionId,
    },
    base,
  );
  expect(proposed.status()).toBe(201);
  const { id } = await proposed.json();
  await page.goto(`${base}/proposals`);
  const withdraw = page.getByRole('button', { name: `Withdraw proposal ${id}` });
  await expect(withdraw).toBeVisible();
  expect(server.jsonLines().filter((line) => line.event === 'unhandled_error')).toEqual([]);

  const db = new Database(faultsDb);
  db.pragma('foreign_keys = OFF');
  db.exec('DROP TABLE proposals');
  db.close();

  // A server action.
  await withdraw.click();
  const actionRef = await expectFriendlyErrorPage(page);
  await expect.poll(() => logLinesFor(actionRef).length).toBe(1);
  expect(logLinesFor(actionRef)[0]).toMatchObject({
    level: 'error',
    method: 'POST',
    path: '/proposals',
    routeType: 'action',
    message: 'no such table: proposals',
  });
  expect(logLinesFor(actionRef)[0]!.stack).toContain('SqliteError');

  // A page.
  const response = await page.goto(`${base}/proposals`);
  expect(response?.status()).toBe(500);
  const pageRef = await expectFriendlyErrorPage(page);
  await expectNoAxeViolations(page);
  expect(pageRef).not.toBe(actionRef);
  await expect.poll(() => logLinesFor(pageRef).length).toBe(1);
  expect(logLinesFor(pageRef)[0]).toMatchObject({
    method: 'GET',
    path: '/proposals',
    routeType: 'render',
    message: 'no such table: proposals',
  });

  // A route handler.
  const api = await page.request.get(`${base}/api/v1/proposals?mine=1`);
  expect(api.status()).toBe(500);
  const text = await api.text();
  for (const leak of leaks) expect(text).not.toContain(leak);
  const body = JSON.parse(text);
  expect(body).toEqual({
    error: `Something went wrong on our side. Reference: ${body.requestId}`,
    code: 'internal',
    requestId: expect.any(String),
  });
  expect(api.headers()['x-request-id']).toBe(body.requestId);
  await expect.poll(() => logLinesFor(body.requestId).length).toBe(1);
  expect(logLinesFor(body.requestId)[0]).toMatchObject({
    method: 'GET',
    path: '/api/v1/proposals?mine=1',
    routeType: 'route',
    message: 'no such table: proposals',
  });

  // The browser's prefetches of other broken pages fail too; each failed request is one line, every line complete.
  for (const line of server.jsonLines().filter((l) => l.event === 'unhandled_error')) {
    expect(line).toEqual({
      level: 'error',
      event: 'unhandled_error',
      requestId: expect.any(String),
      path: expect.stringMatching(/^\//),
      method: expect.stringMatching(/^(GET|POST)$/),
      routeType: expect.stringMatching(/^(render|action|route)$/),
      message: 'no such table: proposals',
      stack: expect.stringContaining('SqliteError'),
      time: expect.any(String),
    });
  }
});
