import Database from 'better-sqlite3';
import { request as playwrightRequest, type APIRequestContext, type Browser, type Locator } from '@playwright/test';
import { oidcUser } from '../env';
import { expect, postJson } from '../fixtures';
import { AdminUsersPage } from '../pages/admin-users-page';
import { SignInPage } from '../pages/sign-in-page';
import { HOSTILE_BASE, hostileDb, MESH, RELEASE, type Who, type World } from './types';
import { changesetBody, changesetFixtures, changesetForms, singleProposalBody } from './changeset-world';

const users: Exclude<Who, 'anonymous'>[] = ['alice', 'mo', 'ada'];

/** Request contexts of everyone the sweep plays, on the sweep's own server; filled by `setUpWorld`. */
export const contexts = new Map<Who, APIRequestContext>();

/** A browser context on the sweep's server: the config's baseURL is the shared server's. */
export function newSweepContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  return browser.newContext({ ...options, baseURL: HOSTILE_BASE });
}

async function signedInContext(username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: HOSTILE_BASE });
  const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
  expect((await context.post('/api/auth/callback/demo', { form: { csrfToken, username, json: 'true' } })).ok()).toBe(
    true,
  );
  return context;
}

async function headOf(mesh: string, version: string, feature: string): Promise<number> {
  const matrix = await (
    await contexts.get('anonymous')!.get(`/api/v1/matrix?meshes=${mesh}&versions=${mesh}@${version}`)
  ).json();
  const id = matrix.cells[mesh][feature]?.revisionId;
  // The fixtures need cells with a value: a missing head would quietly turn the cross-cell cases into valid requests.
  expect(id, `${mesh} ${version} ${feature} has a current revision`).toEqual(expect.any(Number));
  return id;
}

async function propose(who: Who, feature: string, change: Record<string, unknown>): Promise<number> {
  const response = await postJson(
    contexts.get(who)!,
    '/api/v1/proposals',
    {
      mesh: MESH,
      version: RELEASE,
      feature,
      baseRevisionId: await headOf(MESH, RELEASE, feature),
      rationale: 'hostile-input sweep fixture',
      ...change,
    },
    HOSTILE_BASE,
  );
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** Follows something (or finds it already followed, after a failed run) and gives the watch's id. */
async function follow(who: Who, target: Record<string, string>): Promise<number> {
  const response = await postJson(contexts.get(who)!, '/api/v1/watches', target, HOSTILE_BASE);
  expect([200, 201], await response.text()).toContain(response.status());
  return (await response.json()).id;
}

/** A comment on a row's talk thread. */
async function comment(who: Who, feature: string): Promise<number> {
  const response = await postJson(
    contexts.get(who)!,
    '/api/v1/comments',
    { target: 'row', feature, body: `hostile-input sweep fixture ${Date.now()}` },
    HOSTILE_BASE,
  );
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** A user's id, from the admin's list of people. */
async function userIdOf(email: string): Promise<number> {
  const html = await (await contexts.get('ada')!.get(`/admin/users?q=${encodeURIComponent(email)}`)).text();
  const id = /href="\/admin\/users\/(\d+)"/.exec(html)?.[1];
  expect(id, `${email} in /admin/users`).toBeDefined();
  return Number(id);
}

/** The id of the name “Linkerd 2” the seed remembers, from the sweep's database (read-only): ids differ between databases. */
export function linkerdAliasIdOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id FROM import_aliases WHERE name = 'Linkerd 2'").get() as { id: number }).id;
  } finally {
    db.close();
  }
}

async function created(who: Who, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await postJson(contexts.get(who)!, path, body, HOSTILE_BASE);
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** The changesets and the proposal in feedback the sweep's changeset forms and routes work on. */
async function changesetWorld(): Promise<Omit<World, keyof Awaited<ReturnType<typeof baseWorld>>>> {
  const { alice, mo, feedback } = changesetFixtures;
  const mine = await created('alice', '/api/v1/changesets', changesetBody(alice.title, alice.cells));
  const his = await created('mo', '/api/v1/changesets', changesetBody(mo.title, mo.cells));
  const toRevise = await created('alice', '/api/v1/changesets', changesetBody(feedback.title, feedback.cells));
  await created('mo', `/api/v1/changesets/${toRevise.id}/request-changes`, { comment: 'sweep fixture: add a source' });
  const single = await created('alice', '/api/v1/proposals', singleProposalBody());
  await created('mo', `/api/v1/proposals/${single.id}/request-changes`, { comment: 'sweep fixture: which page?' });
  const ids = { feedbackChangesetId: toRevise.id as number, feedbackProposalId: single.id as number };
  const db = new Database(hostileDb, { readonly: true, fileMustExist: true });
  try {
    return {
      changesetId: mine.id as number,
      changesetCellIds: mine.proposals as number[],
      mosChangesetId: his.id as number,
      ...ids,
      ...changesetForms(db, ids),
    };
  } finally {
    db.close();
  }
}

/** Signs everyone in and makes what the sweep works on, before any snapshot. */
export async function setUpWorld(browser: Browser): Promise<World> {
  const base = await baseWorld(browser);
  return { ...base, ...(await changesetWorld()) };
}

async function baseWorld(browser: Browser) {
  contexts.set('anonymous', await playwrightRequest.newContext({ baseURL: HOSTILE_BASE }));
  for (const user of users) contexts.set(user, await signedInContext(user));
  const sources = [{ url: 'https://docs.nginx.com/nginx-service-mesh/' }];

  // A cell the seed gives a value, so the approval below makes its second revision.
  const earlierRevisionId = await headOf(MESH, RELEASE, 'percentage-based-traffic-splits');
  // A fresh note each time: after a failure Playwright starts a new worker and runs this again on the same database.
  const toApprove = await propose('alice', 'percentage-based-traffic-splits', {
    support: 'partial',
    note: `sweep fixture ${Date.now()}`,
    sources,
  });
  const approved = await postJson(contexts.get('mo')!, `/api/v1/proposals/${toApprove}/approve`, {}, HOSTILE_BASE);
  expect(approved.status()).toBe(200);
  const rejectedId = await propose('alice', 'open-source', {
    support: 'unknown',
    note: `sweep fixture ${Date.now()}`,
    sources,
  });
  expect(
    (
      await postJson(
        contexts.get('mo')!,
        `/api/v1/proposals/${rejectedId}/reject`,
        { reason: 'sweep fixture' },
        HOSTILE_BASE,
      )
    ).status(),
  ).toBe(200);

  const world = {
    pendingId: await propose('alice', 'sidecar-proxy', {
      support: 'partial',
      note: `sweep fixture ${Date.now()}`,
      sources,
    }),
    mosPendingId: await propose('mo', 'distributed-tracing', {
      support: 'partial',
      note: `sweep fixture ${Date.now()}`,
      sources,
    }),
    rejectedId,
    revertCell: `${MESH}/${RELEASE}/percentage-based-traffic-splits`,
    earlierRevisionId,
    headRevisionId: (await approved.json()).revisionId,
    otherCellRevisionId: await headOf(MESH, RELEASE, 'rate-limiting'),
    proposeCell: { mesh: MESH, version: RELEASE, feature: 'open-source' },
    proposeBaseId: await headOf(MESH, RELEASE, 'open-source'),
    aliceId: await userIdOf('alice@demo.mesh-matrix.invalid'),
    adaId: await userIdOf('ada@demo.mesh-matrix.invalid'),
    banned: { id: 0, name: oidcUser.name },
    linkerdAliasId: linkerdAliasIdOf(hostileDb),
    moId: await userIdOf('mo@demo.mesh-matrix.invalid'),
    patrolId: 0,
    alicesWatchId: await follow('alice', { mesh: MESH }),
    mosWatchId: await follow('mo', { mesh: MESH }),
    commentRow: 'rate-limiting',
    commentId: await comment('alice', 'rate-limiting'),
    hiddenCommentId: await comment('alice', 'rate-limiting'),
  };
  const hidden = await postJson(
    contexts.get('mo')!,
    `/api/v1/comments/${world.hiddenCommentId}/hide`,
    { reason: 'sweep fixture' },
    HOSTILE_BASE,
  );
  expect(hidden.status(), await hidden.text()).toBe(200);

  // The OIDC user exists once signed in (a browser follows the provider's redirects); banned unless a failed run left them so.
  const olivia = await (await newSweepContext(browser)).newPage();
  await new SignInPage(olivia).signInWithOidc('/meshes');
  await olivia.context().close();
  world.banned.id = await userIdOf(oidcUser.email);
  const ada = await (await newSweepContext(browser)).newPage();
  await new SignInPage(ada).signInOverHttp('ada');
  const people = new AdminUsersPage(ada);
  await people.gotoUser(world.banned.id);
  if (await people.banButton(oidcUser.name).count()) await people.ban(oidcUser.name, 'hostile-input sweep fixture');
  // mo, trusted for a moment (after his pending fixture above), publishes one value without review for the patrol list.
  await people.gotoUser(world.moId);
  if (await people.trustButton('mo').count()) await people.trust('mo', 'hostile-input sweep fixture');
  world.patrolId = await propose('mo', 'rate-limiting', {
    support: 'partial',
    note: `sweep ${Date.now()}`,
    sources,
  });
  await people.gotoUser(world.moId);
  await people.stopTrusting('mo', 'hostile-input sweep fixture');
  await ada.context().close();
  return world;
}

export async function closeSweep() {
  for (const context of contexts.values()) await context.dispose();
  contexts.clear();
}

/**
 * Submits the form of `submit` with `fields` in place of what the page put
 * there: the page's own inputs of those names are disabled (so not sent) and
 * hidden inputs carry the hostile values; browser-side checks are off, as a
 * hand-made request would have none.
 */
export async function submitWith(submit: Locator, fields: Record<string, string | undefined>) {
  await submit.evaluate((button, values) => {
    const form = (button as HTMLButtonElement).form!;
    form.noValidate = true;
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      for (const element of Array.from(form.elements) as HTMLInputElement[])
        if (element.name === name) element.disabled = true;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
  }, fields);
  await submit.click();
}
