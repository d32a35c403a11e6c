/**
 * Helpers for the role matrix and the revalidation spec: server actions
 * submitted straight over HTTP (the way the browser's own fetch sends them,
 * without a page to show the form first), sign-in as any of the roles, and
 * fixtures each spec makes for itself under a name of its own run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { baseURL } from './env';

export type Who = 'anonymous' | 'banned' | 'alice' | 'mo' | 'ada';
export const everyone: Who[] = ['anonymous', 'banned', 'alice', 'mo', 'ada'];

/** `app/<route>/actions.ts` and export name, as the hostile sweep names actions. */
export type ActionKey = `${string} ${string}`;

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** Every exported server action in the source, by folder and name (the hostile sweep enumerates them the same way). */
export function serverActionsInSource(): ActionKey[] {
  return filesNamed('app', 'actions.ts').flatMap((file) => {
    const route = path.relative('app', path.dirname(file)).split(path.sep).join('/');
    return [...fs.readFileSync(file, 'utf8').matchAll(/export async function (\w+)/g)].map(
      (match) => `${route} ${match[1]!}` as ActionKey,
    );
  });
}

let ids: Map<string, string> | undefined;

/** The id Next gave an action in the build the server runs, from the build's server reference manifest. */
export function actionId(key: ActionKey): string {
  if (!ids) {
    const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
      node: Record<string, { filename?: string; exportedName?: string }>;
    };
    ids = new Map(
      Object.entries(manifest.node).map(([id, entry]) => [
        `${entry.filename!.replace(/^app\//, '').replace(/\/actions\.ts$/, '')} ${entry.exportedName}`,
        id,
      ]),
    );
  }
  const id = ids.get(key);
  expect(id, `${key} in the build's server reference manifest`).toBeDefined();
  return id!;
}

/** What a server action answered: where it sent the browser, or the state it handed back to the form. */
export interface ActionOutcome {
  /** Path and query of a redirect, decoded. */
  redirect?: string;
  state?: { message?: string; fieldErrors?: Record<string, string[]>; report?: { written?: boolean } } & Record<
    string,
    unknown
  >;
}

/**
 * Submits a server action as React's client does: multipart, the form's
 * fields under the prefix of the argument they belong to, the argument list
 * last (the server reads the fields before the list that refers to them).
 * `formState` actions (those of `useActionState`) take the previous state first.
 */
export async function submitAction(
  context: APIRequestContext,
  key: ActionKey,
  at: string,
  fields: Record<string, string>,
  { formState }: { formState: boolean },
): Promise<ActionOutcome> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append('0', JSON.stringify(formState ? [{}, '$K1'] : ['$K1']));
  const response = await context.post(at, {
    multipart: body,
    headers: { 'Next-Action': actionId(key), Origin: baseURL, Accept: 'text/x-component' },
    maxRedirects: 0,
  });
  const bytes = await response.body();
  expect(response.status(), `${key} at ${at}: ${bytes.toString('utf8', 0, 300)}`).toBe(200);
  const redirect = response.headers()['x-action-redirect'];
  if (redirect) return { redirect: decodeURIComponent(redirect.replace(/;(push|replace)$/, '').replace(/\+/g, ' ')) };
  const rows = flightRows(bytes);
  // Row 0 names the row that holds the action's return value ("a": "$@1").
  const root = JSON.parse(rows.get('0')!) as { a?: string };
  const row = rows.get(root.a?.replace(/^\$@/, '') ?? '');
  expect(row, `${key}: a return value ${root.a} in ${rows.get('0')?.slice(0, 300)}`).toBeDefined();
  // Long strings and shared objects travel in rows of their own, referred to as "$<id>".
  const resolve = (json: string): unknown =>
    JSON.parse(json, (_key, value) =>
      typeof value === 'string' && /^\$[0-9a-f]+$/.test(value) && rows.has(value.slice(1))
        ? resolve(rows.get(value.slice(1))!)
        : value,
    );
  return { state: resolve(row!) as ActionOutcome['state'] };
}

/** The rows of a React Flight answer by id: `id:json\n`, or `id:T<hex byte length>,<text>` with no line end. */
function flightRows(bytes: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(':', at);
    if (colon < 0) break;
    const id = bytes.toString('utf8', at, colon);
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(',', colon);
      const length = parseInt(bytes.toString('utf8', colon + 2, comma), 16);
      rows.set(id, JSON.stringify(bytes.toString('utf8', comma + 1, comma + 1 + length)));
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf('\n', colon);
      rows.set(id, bytes.toString('utf8', colon + 1, end < 0 ? bytes.length : end));
      at = end < 0 ? bytes.length : end + 1;
    }
  }
  return rows;
}

/** A request context signed in as `who`: the demo accounts, or the OIDC user (who the specs ban) as `banned`. */
export async function contextFor(who: Who): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (who === 'anonymous') return context;
  const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
  if (who === 'banned') {
    const { url } = await (
      await context.post('/api/auth/signin/oidc', { form: { csrfToken, callbackUrl: '/about', json: 'true' } })
    ).json();
    // The mock provider answers at once with a code; following it ends the sign-in on our callback.
    expect((await context.get(url)).ok()).toBe(true);
  } else {
    expect(
      (await context.post('/api/auth/callback/demo', { form: { csrfToken, username: who, json: 'true' } })).ok(),
    ).toBe(true);
  }
  const session = await (await context.get('/api/auth/session')).json();
  expect(session.user?.email, `${who} is signed in`).toEqual(expect.any(String));
  return context;
}

/** A user's id, from the admin's list of people. */
export async function userIdOf(admin: APIRequestContext, email: string): Promise<number> {
  const html = await (await admin.get(`/admin/users?q=${encodeURIComponent(email)}`)).text();
  const id = /href="\/admin\/users\/(\d+)"/.exec(html)?.[1];
  expect(id, `${email} in /admin/users`).toBeDefined();
  return Number(id);
}

/** A name no earlier run on the same database has used (a failed test restarts the worker on the same server). */
export function runTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
}

/** JSON write as the site's own pages send it. */
export function postJson(context: APIRequestContext, at: string, data: unknown) {
  return context.post(at, { data, headers: { Origin: baseURL, 'Content-Type': 'application/json' } });
}

/** The current revision of a cell, or null when it has none. */
export async function headOf(
  context: APIRequestContext,
  mesh: string,
  version: string,
  feature: string,
): Promise<number | null> {
  const matrix = await (
    await context.get(`/api/v1/matrix?meshes=${mesh}&versions=${mesh}@${encodeURIComponent(version)}`)
  ).json();
  return matrix.cells?.[mesh]?.[feature]?.revisionId ?? null;
}

/** A pending proposal over the JSON API. */
export async function proposeJson(
  context: APIRequestContext,
  cell: { mesh: string; version: string; feature: string },
  change: Record<string, unknown>,
): Promise<number> {
  const response = await postJson(context, '/api/v1/proposals', {
    ...cell,
    baseRevisionId: await headOf(context, cell.mesh, cell.version, cell.feature),
    rationale: 'role and revalidation fixture',
    sources: [{ url: 'https://example.com/fixture' }],
    ...change,
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

/** A new value for a cell: proposed by alice, approved by mo, over the JSON API. Returns the new revision's id. */
export async function setCellJson(
  alice: APIRequestContext,
  mo: APIRequestContext,
  cell: { mesh: string; version: string; feature: string },
  change: Record<string, unknown>,
): Promise<number> {
  const id = await proposeJson(alice, cell, change);
  const approved = await postJson(mo, `/api/v1/proposals/${id}/approve`, {});
  expect(approved.status(), await approved.text()).toBe(200);
  return (await approved.json()).revisionId;
}
