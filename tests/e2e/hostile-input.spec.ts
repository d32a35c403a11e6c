/**
 * Hostile-input sweep: every route handler and every form gets script tags,
 * `javascript:`/`data:` URLs, over-long and wrongly typed fields, unknown
 * fields, malformed ids, wrong content types and oversized bodies. Each must
 * be answered with a clear 4xx (or the form shown again) naming the field,
 * and the database must be exactly as before.
 *
 * Table-driven, one table file per area under tests/e2e/hostile/: a new
 * route handler is one entry in its area's `apiEntries`, a new form one entry
 * in its `formEntries` (the browser sends the cases `casesForTheBrowser`
 * picks; tests/integration/form-fields.test.ts sends the rest without one); the coverage tests at the bottom fail until every
 * `app/**\/route.ts` and every exported server action (by folder and name)
 * has one. A form case with `as` is submitted by someone else, signed in
 * after the page was shown, so a page guard cannot stand in for the action's
 * own check. No alert may fire, and no markup typed into a field may come
 * back as an element.
 *
 * The sweep has a server and database of its own (see hostile/types.ts), so
 * Playwright runs it as a project of its own beside the other specs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest } from '@playwright/test';
import { readDatabaseState } from './db-state';
import { expect, postJson, signInAs, test } from './fixtures';
import { startOwnServer, type OwnServer } from './own-server';
import { ProposePage } from './pages/propose-page';
import { ReviewPage } from './pages/review-page';
import { SignInPage } from './pages/sign-in-page';
import { casesOf, send } from './hostile/api-cases';
import { formEntries } from './hostile/form-entries';
import * as changesets from './hostile/changesets';
import * as comments from './hostile/comments';
import * as embeds from './hostile/embeds';
import * as openData from './hostile/open-data';
import * as proposals from './hostile/proposals';
import * as reads from './hostile/reads';
import * as review from './hostile/review';
import * as seo from './hostile/seo';
import * as trust from './hostile/trust';
import * as watch from './hostile/watch';
import {
  casesForTheBrowser,
  HOSTILE_BASE,
  HOSTILE_OFFSET,
  hostileDb,
  MESH,
  RELEASE,
  script,
  type ApiEntry,
  type Who,
  type World,
} from './hostile/types';
import { closeSweep, contexts, newSweepContext, setUpWorld, submitWith } from './hostile/world';

const apiEntries: ApiEntry[] = [
  ...proposals.apiEntries,
  ...review.apiEntries,
  ...reads.apiEntries,
  ...changesets.apiEntries,
  ...trust.apiEntries,
  ...watch.apiEntries,
  ...comments.apiEntries,
  ...embeds.apiEntries,
  ...openData.apiEntries,
  ...seo.apiEntries,
];

/** The sweep's database as it is now. */
const snapshot = () => readDatabaseState(hostileDb);

let server: OwnServer | undefined;
let world: World;

test.beforeAll(async ({ browser }) => {
  // Starting a server on a new database seeds it first; on a busy machine that alone can take most of a minute.
  test.setTimeout(180_000);
  // A fresh seed each time, also when Playwright starts a new worker after a failure.
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(hostileDb + suffix, { force: true });
  server = await startOwnServer(HOSTILE_OFFSET, { DATABASE_PATH: hostileDb });
  world = await setUpWorld(browser);
});

test.afterAll(async () => {
  await closeSweep();
  server?.stop();
  await server?.exited;
});

/** The methods each route handler takes: those of its entries (api/v1/proposals has a GET and a POST). */
function methodsOf(route: string): Set<string> {
  return new Set(apiEntries.filter((e) => e.route === route).map((e) => e.method));
}

for (const entry of apiEntries) {
  test(`${entry.method} ${entry.route}: hostile input gets a clear 4xx and changes nothing`, async () => {
    const before = snapshot();
    const context = contexts.get(entry.as)!;
    const cases = casesOf(entry, world, methodsOf(entry.route));
    for (const c of cases) {
      const url = c.path ?? entry.path(world);
      const method = c.method ?? entry.method;
      const response = await send(context, method, url, c);
      const text = await response.text();
      const where = `${method} ${url.slice(0, 120)} with ${c.name}: ${text.slice(0, 300)}`;
      expect.soft(response.status(), where).toBe(c.status);
      if (c.status === 200) continue;
      if (entry.errorsAs === 'html') {
        expect.soft(response.headers()['content-type'], `${where}: an HTML page`).toMatch(/^text\/html/);
        expect.soft(text, `${where}: no markup from the input`).not.toMatch(/<script|<img|<svg/i);
        if (c.status === 405) expect.soft(response.headers().allow, `${where}: an Allow header`).toContain('GET');
        if (c.names) expect.soft(text, `${where}: names ${c.names}`).toContain(c.names);
        continue;
      }
      const body = (() => {
        try {
          return JSON.parse(text) as { error?: unknown; code?: unknown; fieldErrors?: Record<string, string[]> };
        } catch {
          return {};
        }
      })();
      expect.soft(typeof body.error, `${where}: a JSON error message`).toBe('string');
      if (c.status === 405) {
        expect.soft(body.code, where).toBe('method_not_allowed');
        expect.soft(response.headers().allow, `${where}: an Allow header`).toContain(entry.method);
      }
      if (!c.names) continue;
      if (c.status === 400) {
        const key = Object.keys(body.fieldErrors ?? {}).find((k) => k === c.names || k.startsWith(`${c.names}.`));
        expect.soft(key, `${where}: names ${c.names}`).toBeDefined();
        if (key)
          expect
            .soft(body.fieldErrors![key]![0], where)
            .toMatch(new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      } else {
        expect.soft(String(body.error), `${where}: says ${c.names}`).toContain(c.names);
      }
    }
    expect(snapshot()).toEqual(before);
  });
}

/** What hostile markup would have become had it been rendered as markup; the page must show it as text instead. */
const injected =
  'main script, main iframe, main img[src="x"], main [onmouseover], main a[href^="javascript:" i], main a[href^="data:" i], main a[href^="vbscript:" i]';

for (const entry of formEntries) {
  test(`form ${entry.route} ${entry.action}: hostile input is shown back naming the field and changes nothing`, async ({
    browser,
  }) => {
    const cases = casesForTheBrowser(entry, entry.cases(world));
    // Every case is a page load and a submission; the longest tables (twenty cases) outlast the default timeout on a
    // busy machine, which would fail the sweep for slowness rather than for anything it checks.
    test.setTimeout(Math.max(60_000, cases.length * 6_000));
    const context = await newSweepContext(browser);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    let signedIn: Who = 'anonymous';
    // Sessions are the cookies of the sweep's signed-in request contexts: switching sends no request, so it cannot meet
    // a keep-alive socket the server closed while the page was busy.
    const becomes = async (who: Who) => {
      if (who === signedIn) return;
      await context.clearCookies();
      if (who !== 'anonymous') await context.addCookies((await contexts.get(who)!.storageState()).cookies);
      signedIn = who;
    };
    const before = snapshot();
    for (const c of cases) {
      const where = `${entry.action} with ${c.name}`;
      await becomes(entry.as);
      // The page asks /api/auth/session who is signed in, and that answer sets the entry user's cookie again: a case
      // submitted by someone else waits for that answer before switching, or the switch would be undone.
      const shownAt = Date.now();
      const sessionAnswered = c.as
        ? page.waitForResponse(
            (response) =>
              new URL(response.url()).pathname === '/api/auth/session' &&
              response.request().timing().startTime >= shownAt,
          )
        : undefined;
      await page.goto(entry.page(world));
      const submit = entry.submit(page, world);
      await expect(submit, where).toBeVisible();
      if (c === cases[0]) {
        const sent = await submit.evaluate((button) =>
          [...new FormData((button as HTMLButtonElement).form!, button as HTMLButtonElement)].filter(
            (field): field is [string, string] => typeof field[1] === 'string' && !field[0].startsWith('$ACTION'),
          ),
        );
        expect
          .soft(Object.fromEntries(sent), `${entry.action}: what the form sends of itself`)
          .toEqual(entry.form(world));
      }
      if (c.as) {
        await sessionAnswered;
        await becomes(c.as);
      }
      await submitWith(submit, { ...entry.valid, ...c.set });
      await expect.soft(page.locator('body'), where).toContainText(c.shows);
      if (c.hides) await expect.soft(page.locator('body'), where).not.toContainText(c.hides);
      if (c.at) {
        await expect
          .soft(() => {
            const url = new URL(page.url());
            expect(url.origin === HOSTILE_BASE ? url.pathname + url.search : url.href).toMatch(c.at!);
          }, where)
          .toPass();
      }
      await expect.soft(page.locator(injected), where).toHaveCount(0);
    }
    expect(dialogs).toEqual([]);
    expect(snapshot()).toEqual(before);
    await context.close();
  });
}

test('a server action posted from another site is refused with 403 on every form page, changing nothing', async () => {
  const before = snapshot();
  const pages = [...new Set(formEntries.map((entry) => entry.page(world)))];
  const context = contexts.get('ada')!;
  const attempts: [string, Record<string, string>][] = [
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['no Origin and no Referer', {}],
    ['a foreign Referer only', { Referer: 'https://evil.example/form' }],
    ['a forged X-Forwarded-Host', { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' }],
    ['a forged Host', { Origin: 'https://evil.example', Host: 'evil.example' }],
  ];
  for (const url of pages) {
    for (const [name, headers] of attempts) {
      const response = await context.fetch(url, {
        method: 'POST',
        headers: { 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
        data: '[]',
      });
      expect.soft(response.status(), `${url} with ${name}`).toBe(403);
      expect.soft(response.headers()['x-request-id'], `${url} with ${name}`).toBeTruthy();
    }
  }
  // The same request from the site itself gets past the origin rule (and then finds no such action).
  const own = await context.fetch(pages[0]!, {
    method: 'POST',
    headers: { Origin: HOSTILE_BASE, 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(own.status()).not.toBe(403);
  expect(snapshot()).toEqual(before);
});

test('paths the router cannot decode, over-long paths and odd methods get the app’s own answer', async () => {
  const context = contexts.get('anonymous')!;
  for (const url of ['/meshes/%ff', '/proposals/%ff', `/meshes/${MESH}/%E0%A4%A`, '/api/v1/meshes/%ff/diff']) {
    const response = await context.get(url);
    expect.soft(response.status(), url).toBe(400);
    expect.soft(response.headers()['x-request-id'], url).toBeTruthy();
  }
  const longPath = await context.get(`/meshes/${'a'.repeat(3000)}`);
  expect(longPath.status()).toBe(404);
  const put = await context.fetch('/meshes', { method: 'PUT', headers: { Origin: HOSTILE_BASE } });
  expect(put.status()).toBe(405);
  expect(put.headers().allow).toBe('GET, HEAD, POST');
});

test('a sign-in callback URL never leads off the site', async ({ browser }) => {
  const before = snapshot();
  const offSite = [
    'javascript:alert(document.domain)',
    `data:text/html,${script}`,
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example/steal',
    ' https://evil.example/',
    `${HOSTILE_BASE}.evil.example/`,
  ];
  for (const callbackUrl of offSite) {
    const context = await playwrightRequest.newContext({ baseURL: HOSTILE_BASE });
    const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
    const response = await context.post('/api/auth/callback/demo', {
      form: { csrfToken, username: 'alice', callbackUrl, json: 'true' },
    });
    expect(response.ok()).toBe(true);
    const { url } = await response.json();
    expect(new URL(url).origin, `${callbackUrl} → ${url}`).toBe(HOSTILE_BASE);
    await context.dispose();
  }
  const anonymous = contexts.get('anonymous')!;
  const { csrfToken } = await (await anonymous.get('/api/auth/csrf')).json();
  const unknown = await anonymous.post('/api/auth/callback/demo', {
    form: { csrfToken, username: script, json: 'true' },
  });
  expect(unknown.status()).toBe(401);

  // The sign-in page itself only hands a same-site path to the sign-in call.
  const context = await newSweepContext(browser);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto('https://evil.example/steal');
  await signIn.signInWithDemo('alice');
  await expect(signIn.header()).toContainText('Signed in as alice');
  expect(new URL(page.url()).origin).toBe(HOSTILE_BASE);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(snapshot()).toEqual(before);
  await context.close();
});

test('markup in a proposal is stored as typed and shown as text; smuggled form fields are ignored', async ({
  browser,
}) => {
  const context = await newSweepContext(browser);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(page, 'alice');
  const rationale = `<script>window.__sweep = 'rationale'</script><img src=x onerror="window.__sweep = 'img'"> ${script}`;
  const note = `<b onmouseover="alert(1)">bold</b><script>alert('note')</script>`;
  const title = `<script>alert('title')</script>`;
  const proposePage = new ProposePage(page);
  await proposePage.goto(`/meshes/${MESH}/${RELEASE}/key-features`);
  await submitWith(proposePage.submitButton(), {
    text: `<iframe src="javascript:alert('text')"></iframe>`,
    note,
    'sources.0.url': 'https://example.com/?q=<script>',
    'sources.0.title': title,
    rationale,
    // Not fields of the form: they must not make the proposal approved, or someone else's.
    status: 'approved',
    authorId: '1',
    reviewerId: '1',
    role: 'admin',
  });
  await expect(page).toHaveURL(/\/proposals\?submitted=\d+/);
  const id = Number(new URL(page.url()).searchParams.get('submitted'));

  const mine = (await (await page.request.get('/api/v1/proposals?mine=1')).json()).proposals.find(
    (p: { id: number }) => p.id === id,
  );
  expect(mine).toMatchObject({
    status: 'pending',
    authorName: 'alice',
    rationale,
    note,
    sources: [{ url: 'https://example.com/?q=<script>', title }],
  });

  await page.goto(`/proposals/${id}`);
  await expect(page.getByText(rationale, { exact: true })).toBeVisible();
  await expect(page.getByText(note, { exact: false })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sweep?: string }).__sweep)).toBeUndefined();
  expect(await page.locator('main script, main img[src="x"], main iframe, main b').count()).toBe(0);

  const moContext = await newSweepContext(browser);
  const mo = await moContext.newPage();
  mo.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(mo, 'mo');
  await new ReviewPage(mo).goto(MESH);
  await expect(mo.getByText(rationale, { exact: true })).toBeVisible();
  // A regeneration of this cached page that started before the proposal (the form sweeps above visit it) may finish
  // after the proposal's revalidation and be served once; the next request renders the proposal.
  await expect(async () => {
    await mo.goto(`/meshes/${MESH}/${RELEASE}/key-features`);
    await expect(mo.locator('#pending')).toContainText('by alice', { timeout: 1000 });
    // A busy machine (the whole suite on two workers) can take longer than one regeneration to catch up.
  }).toPass({ timeout: 30_000 });
  expect(await mo.evaluate(() => (window as unknown as { __sweep?: string }).__sweep)).toBeUndefined();
  expect(await mo.locator('main script, main img[src="x"], main iframe, main b').count()).toBe(0);
  expect(dialogs).toEqual([]);

  expect((await postJson(page.request, `/api/v1/proposals/${id}/withdraw`, {}, HOSTILE_BASE)).status()).toBe(200);
  await moContext.close();
  await context.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Coverage: a new route handler or server action fails here until it has an entry in tests/e2e/hostile/.
// ---------------------------------------------------------------------------------------------------------------

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

test('every route handler under app/ has an entry in the sweep', () => {
  const routes = filesNamed('app', 'route.ts').map((file) =>
    path.relative('app', path.dirname(file)).split(path.sep).join('/'),
  );
  const swept = new Set([...apiEntries.map((e) => e.route), ...reads.sweptElsewhere]);
  const missing = routes.filter((route) => !swept.has(route));
  expect(missing, "add an entry to the apiEntries of its area's file under tests/e2e/hostile/ for each").toEqual([]);
  const stale = [...swept].filter((route) => !routes.includes(route));
  expect(stale, 'entries for route handlers that no longer exist').toEqual([]);
});

test('every server action has an entry in the sweep', () => {
  // By folder and name: two actions.ts files may export actions of the same name (setMeshStatusAction), and each form is attacked.
  const actions = filesNamed('app', 'actions.ts').flatMap((file) => {
    const route = path.relative('app', path.dirname(file)).split(path.sep).join('/');
    return [...fs.readFileSync(file, 'utf8').matchAll(/export async function (\w+)/g)].map(
      (match) => `${route} ${match[1]!}`,
    );
  });
  expect(actions.length).toBeGreaterThan(0);
  const swept = new Set(formEntries.map((e) => `${e.route} ${e.action}`));
  const missing = actions.filter((action) => !swept.has(action));
  expect(missing, "add an entry to the formEntries of its area's file under tests/e2e/hostile/ for each").toEqual([]);
  const stale = [...swept].filter((action) => !actions.includes(action));
  expect(stale, 'entries for server actions that no longer exist').toEqual([]);
});
