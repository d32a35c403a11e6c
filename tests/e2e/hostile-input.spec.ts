/**
 * Hostile-input sweep: every route handler and every form gets script tags,
 * `javascript:`/`data:` URLs, over-long and wrongly typed fields, unknown
 * fields, malformed ids, wrong content types and oversized bodies. Each must
 * be answered with a clear 4xx (or the form shown again) naming the field,
 * and the database must be exactly as before.
 *
 * Table-driven: a new route handler is one entry in `apiEntries`, a new form
 * one entry in `formEntries`; the coverage tests at the bottom fail until
 * every `app/**\/route.ts` and every exported server action (by folder and
 * name) has one. A form case with `as` is submitted by someone else, signed
 * in after the page was shown, so a page guard cannot stand in for the
 * action's own check. No alert may fire, and no markup typed into a field
 * may come back as an element.
 */
import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { readDatabaseState } from './db-state';
import { baseURL, oidcUser } from './env';
import { expect, postJson, signInAs, test } from './fixtures';

type Who = 'anonymous' | 'alice' | 'mo' | 'ada';

/** What the sweep works on; made in beforeAll, before any snapshot. */
interface World {
  /** alice's pending proposal for `proposeCell`'s release. */
  pendingId: number;
  /** mo's pending proposal (alice may not withdraw it, mo may not approve it). */
  mosPendingId: number;
  /** alice's proposal, already rejected. */
  rejectedId: number;
  /** A cell with two revisions: revert `earlierRevisionId` back over `headRevisionId`. */
  revertCell: string;
  earlierRevisionId: number;
  headRevisionId: number;
  /** The head revision of an unrelated cell: a well-formed id that belongs elsewhere. */
  otherCellRevisionId: number;
  /** The cell the propose form is attacked on, and its head. */
  proposeCell: { mesh: string; version: string; feature: string };
  proposeBaseId: number;
  /** The admin pages' people: alice and ada by id, and the OIDC user, banned for the sweep (only a banned user's page has the form that lifts a ban). */
  aliceId: number;
  adaId: number;
  banned: { id: number; name: string };
}

const MESH = 'nginx-service-mesh';
const MESH_NAME = 'NGINX Service Mesh';
const RELEASE = 'as-of-2022-01';
const script = '<script>alert(document.domain)</script>';
const long = (n: number) => 'x'.repeat(n);

// ---------------------------------------------------------------------------------------------------------------
// Route handlers
// ---------------------------------------------------------------------------------------------------------------

/** A JSON body field and what it accepts; the sweep sends it values of every other shape. */
type FieldKind =
  | { kind: 'slug' }
  | { kind: 'label' }
  | { kind: 'text'; max: number; required?: boolean }
  | { kind: 'enum' }
  | { kind: 'boolean' }
  | { kind: 'id'; required?: boolean }
  | { kind: 'sources' };

interface ApiCase {
  name: string;
  /** Defaults to the entry's path. */
  path?: string;
  /** Sent as JSON text; `raw` sends exactly these bytes with this content type. */
  body?: unknown;
  raw?: { data: string; contentType: string };
  headers?: Record<string, string>;
  status: number;
  /** A 400 must have this key (or one under it) in `fieldErrors`; other statuses must say it in `error`. */
  names?: string;
}

interface ApiEntry {
  /** The handler this covers: its folder under app/, as in `app/<route>/route.ts`. */
  route: string;
  method: 'GET' | 'POST';
  as: Who;
  path: (w: World) => string;
  /** JSON writes: a body that would be accepted (never sent as is), and each field's kind. */
  body?: (w: World) => Record<string, unknown>;
  fields?: Record<string, FieldKind>;
  /** Hand-written cases: hostile query strings, path segments, cross-field rules. */
  cases?: (w: World) => ApiCase[];
}

const hostileValues: Record<FieldKind['kind'], (field: string, kind: FieldKind) => { value: unknown; names?: string }[]> = {
  slug: () => [{ value: 123 }, { value: ['istio'] }, { value: null }, { value: script }, { value: long(81) }, { value: '../istio' }],
  label: () => [{ value: 1.16 }, { value: null }, { value: script }, { value: '../1.3' }, { value: long(41) }],
  text: (_field, kind) => {
    const { max, required } = kind as Extract<FieldKind, { kind: 'text' }>;
    return [{ value: 123 }, { value: ['x'] }, { value: { $gt: '' } }, { value: long(max + 1) }, ...(required ? [{ value: null }, { value: '' }] : [])];
  },
  enum: () => [{ value: true }, { value: 'maybe' }, { value: ['yes'] }, { value: script }],
  boolean: () => [{ value: 'yes' }, { value: 1 }, { value: 'true' }, { value: [true] }],
  id: (_field, kind) => [
    { value: '12' },
    { value: -1 },
    { value: 0 },
    { value: 1.5 },
    { value: 'abc' },
    { value: true },
    { value: [1] },
    ...((kind as Extract<FieldKind, { kind: 'id' }>).required ? [{ value: null }] : []),
  ],
  sources: (field) => [
    { value: null },
    { value: 'https://example.com/' },
    { value: {} },
    { value: [] },
    { value: [123], names: `${field}.0` },
    { value: [{ url: 'javascript:alert(document.domain)' }], names: `${field}.0.url` },
    { value: [{ url: 'JaVaScRiPt:alert(1)' }], names: `${field}.0.url` },
    { value: [{ url: ' javascript:alert(1)' }], names: `${field}.0.url` },
    { value: [{ url: `data:text/html,${script}` }], names: `${field}.0.url` },
    { value: [{ url: 'vbscript:msgbox(1)' }], names: `${field}.0.url` },
    { value: [{ url: 'https://' }], names: `${field}.0.url` },
    { value: [{ url: `https://example.com/${long(2100)}` }], names: `${field}.0.url` },
    { value: [{ url: 'https://example.com/', title: long(201) }], names: `${field}.0.title` },
    { value: [{ url: 'https://example.com/', title: 5 }], names: `${field}.0.title` },
    { value: [{ url: 'https://example.com/', rel: 'dofollow' }], names: `${field}.0.rel` },
    { value: Array.from({ length: 6 }, (_, i) => ({ url: `https://example.com/${i}` })) },
  ],
};

/** What every JSON write must refuse, whatever its fields. */
function genericWriteCases(valid: Record<string, unknown>): ApiCase[] {
  const json = JSON.stringify(valid);
  return [
    { name: 'text/plain body', raw: { data: json, contentType: 'text/plain' }, status: 415, names: 'application/json' },
    { name: 'a form post', raw: { data: 'comment=x', contentType: 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'multipart', raw: { data: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--', contentType: 'multipart/form-data; boundary=b' }, status: 415 },
    { name: 'no Origin', body: valid, headers: { Origin: '' }, status: 403, names: 'Origin' },
    { name: 'a foreign Origin', body: valid, headers: { Origin: 'https://evil.example' }, status: 403 },
    { name: 'a lookalike Origin', body: valid, headers: { Origin: `${baseURL}.evil.example` }, status: 403 },
    { name: 'invalid JSON', raw: { data: '{"comment": ', contentType: 'application/json' }, status: 400, names: 'body' },
    { name: 'a JSON array', body: [valid], status: 400, names: 'form' },
    { name: 'JSON null', body: null, status: 400, names: 'form' },
    { name: 'a JSON string', body: script, status: 400, names: 'form' },
    { name: 'an oversized body', body: { ...valid, padding: long(70 * 1024) }, status: 413, names: 'at most' },
    { name: 'an unknown field', body: { ...valid, isAdmin: true }, status: 400, names: 'isAdmin' },
    { name: 'a __proto__ field', raw: { data: `{"__proto__": {"role": "admin"}${json === '{}' ? '' : `, ${json.slice(1, -1)}`}}`, contentType: 'application/json' }, status: 400, names: '__proto__' },
    { name: 'a constructor field', body: { ...valid, constructor: { prototype: { role: 'admin' } } }, status: 400, names: 'constructor' },
  ];
}

function fieldCases(valid: Record<string, unknown>, fields: Record<string, FieldKind>): ApiCase[] {
  return Object.entries(fields).flatMap(([field, kind]) =>
    hostileValues[kind.kind](field, kind).map(({ value, names }) => ({
      name: `${field} = ${JSON.stringify(value)?.slice(0, 60)}`,
      body: { ...valid, [field]: value },
      status: 400,
      names: names ?? field,
    })),
  );
}

const badIds = ['abc', '0', '-1', '1.5', '1e3', '99999999999999', '%3Cscript%3E', '1%20OR%201=1'];

function idPathCases(template: (id: string) => string, body: Record<string, unknown>): ApiCase[] {
  return [
    ...badIds.map((id) => ({ name: `id ${id}`, path: template(id), body, status: 400, names: 'id' })),
    { name: 'an id of no proposal', path: template('999999'), body, status: 404, names: '999999' },
  ];
}

const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/proposals',
    method: 'POST',
    as: 'alice',
    path: () => '/api/v1/proposals',
    body: (w) => ({ ...w.proposeCell, support: 'no', note: null, sources: [{ url: 'https://example.com/' }], rationale: 'sweep', affiliated: false, baseRevisionId: w.proposeBaseId }),
    fields: {
      mesh: { kind: 'slug' },
      version: { kind: 'label' },
      feature: { kind: 'slug' },
      support: { kind: 'enum' },
      text: { kind: 'text', max: 500 },
      note: { kind: 'text', max: 1000 },
      sources: { kind: 'sources' },
      rationale: { kind: 'text', max: 2000, required: true },
      affiliated: { kind: 'boolean' },
      baseRevisionId: { kind: 'id' },
    },
    cases: (w) => {
      const valid = { ...w.proposeCell, support: 'no', sources: [{ url: 'https://example.com/' }], rationale: 'sweep', baseRevisionId: w.proposeBaseId };
      return [
        { name: 'a mesh we do not list', body: { ...valid, mesh: 'nosuchmesh' }, status: 400, names: 'mesh' },
        { name: 'an archived mesh', body: { ...valid, mesh: 'open-service-mesh', version: '1.0' }, status: 400, names: 'mesh' },
        { name: 'a base revision of another cell', body: { ...valid, baseRevisionId: w.otherCellRevisionId }, status: 400, names: 'baseRevisionId' },
        { name: 'text on a support row', body: { ...valid, text: script }, status: 400, names: 'text' },
        { name: 'smuggled author and status', body: { ...valid, authorId: 1, status: 'approved' }, status: 400, names: 'authorId' },
      ];
    },
  },
  {
    route: 'api/v1/proposals',
    method: 'GET',
    as: 'alice',
    path: () => '/api/v1/proposals',
    cases: () => [
      { name: 'a script as status', path: `/api/v1/proposals?mine=1&status=${encodeURIComponent(script)}`, status: 400, names: 'status' },
      { name: 'mine=yes', path: '/api/v1/proposals?mine=yes', status: 400, names: 'mine' },
      { name: 'an unknown parameter', path: '/api/v1/proposals?mine=1&author=1', status: 400, names: 'author' },
      { name: 'a constructor parameter', path: '/api/v1/proposals?mine=1&constructor=x', status: 400, names: 'constructor' },
    ],
  },
  {
    route: 'api/v1/proposals/[id]/approve',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/proposals/${w.pendingId}/approve`,
    body: () => ({ comment: 'ok', overConflict: false }),
    fields: { comment: { kind: 'text', max: 1000 }, overConflict: { kind: 'boolean' } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/proposals/${id}/approve`, {}),
      { name: 'smuggled approver', body: { approverId: 1 }, status: 400, names: 'approverId' },
      { name: 'his own proposal', path: `/api/v1/proposals/${w.mosPendingId}/approve`, body: {}, status: 403, names: 'own proposal' },
      { name: 'a decided proposal', path: `/api/v1/proposals/${w.rejectedId}/approve`, body: {}, status: 409, names: 'already rejected' },
    ],
  },
  {
    route: 'api/v1/proposals/[id]/reject',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/proposals/${w.pendingId}/reject`,
    body: () => ({ reason: 'No source supports this' }),
    fields: { reason: { kind: 'text', max: 1000, required: true } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/proposals/${id}/reject`, { reason: 'No source supports this' }),
      { name: 'a two-letter reason', body: { reason: 'no' }, status: 400, names: 'reason' },
      { name: 'a decided proposal', path: `/api/v1/proposals/${w.rejectedId}/reject`, body: { reason: 'again' }, status: 409, names: 'already rejected' },
    ],
  },
  {
    route: 'api/v1/proposals/[id]/withdraw',
    method: 'POST',
    as: 'alice',
    path: (w) => `/api/v1/proposals/${w.pendingId}/withdraw`,
    body: () => ({}),
    fields: {},
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/proposals/${id}/withdraw`, {}),
      { name: "someone else's proposal", path: `/api/v1/proposals/${w.mosPendingId}/withdraw`, body: {}, status: 403, names: 'Only the author' },
      { name: 'a decided proposal', path: `/api/v1/proposals/${w.rejectedId}/withdraw`, body: {}, status: 409, names: 'already rejected' },
      { name: 'a status in the body', body: { status: 'withdrawn' }, status: 400, names: 'status' },
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/[version]/[feature]/revert',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/meshes/${w.revertCell}/revert`,
    body: (w) => ({ revisionId: w.earlierRevisionId, reason: 'sweep' }),
    fields: { revisionId: { kind: 'id', required: true }, reason: { kind: 'text', max: 1000, required: true } },
    cases: (w) => [
      { name: 'a revision of another cell', body: { revisionId: w.otherCellRevisionId, reason: 'sweep' }, status: 400, names: 'revisionId' },
      { name: 'the current revision', body: { revisionId: w.headRevisionId, reason: 'sweep' }, status: 400, names: 'revisionId' },
      { name: 'a script as mesh', path: `/api/v1/meshes/${encodeURIComponent(script)}/${RELEASE}/percentage-based-traffic-splits/revert`, body: { revisionId: w.earlierRevisionId, reason: 'sweep' }, status: 404, names: 'There is no release' },
      { name: 'a path in the release', path: `/api/v1/meshes/${MESH}/..%2F..%2F1.3/percentage-based-traffic-splits/revert`, body: { revisionId: w.earlierRevisionId, reason: 'sweep' }, status: 404, names: 'There is no release' },
      { name: 'an unknown row', path: `/api/v1/meshes/${MESH}/${RELEASE}/nosuchrow/revert`, body: { revisionId: w.earlierRevisionId, reason: 'sweep' }, status: 404, names: 'nosuchrow' },
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/[version]/[feature]/history',
    method: 'GET',
    as: 'anonymous',
    path: (w) => `/api/v1/meshes/${w.revertCell}/history`,
    cases: () => [
      { name: 'a script as mesh', path: `/api/v1/meshes/${encodeURIComponent(script)}/${RELEASE}/mtls/history`, status: 404 },
      { name: 'an over-long release', path: `/api/v1/meshes/${MESH}/${long(300)}/mtls/history`, status: 404 },
      { name: 'an unknown row', path: `/api/v1/meshes/${MESH}/${RELEASE}/${encodeURIComponent('" OR 1=1 --')}/history`, status: 404 },
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/diff',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/meshes/istio/diff',
    cases: () => [
      { name: 'a script as from', path: `/api/v1/meshes/istio/diff?from=${encodeURIComponent(script)}&to=1.3`, status: 400, names: 'from' },
      { name: 'an over-long to', path: `/api/v1/meshes/istio/diff?from=1.3&to=${long(41)}`, status: 400, names: 'to' },
      { name: 'an unknown parameter', path: '/api/v1/meshes/istio/diff?from=1.3&to=1.9&format=xml', status: 400, names: 'format' },
      { name: 'an unknown release', path: '/api/v1/meshes/istio/diff?from=1.3&to=9.9', status: 400, names: 'to' },
      { name: 'a script as mesh', path: `/api/v1/meshes/${encodeURIComponent(script)}/diff`, status: 404 },
    ],
  },
  {
    route: 'api/v1/matrix',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/matrix',
    cases: () => [
      { name: 'a script as mesh', path: `/api/v1/matrix?meshes=${encodeURIComponent(script)}`, status: 400, names: 'meshes.0' },
      { name: 'a script as release', path: `/api/v1/matrix?versions=istio@${encodeURIComponent(script)}`, status: 400, names: 'versions.0' },
      { name: 'a javascript: date', path: '/api/v1/matrix?at=javascript:alert(1)', status: 400, names: 'at' },
      { name: 'February 30th', path: '/api/v1/matrix?at=2021-02-30', status: 400, names: 'at' },
      { name: 'fifty-one meshes', path: `/api/v1/matrix?meshes=${Array.from({ length: 51 }, () => 'istio').join(',')}`, status: 400, names: 'meshes' },
      { name: 'an unknown parameter', path: '/api/v1/matrix?mesh=istio', status: 400, names: 'mesh' },
      { name: 'a constructor parameter', path: '/api/v1/matrix?constructor=x', status: 400, names: 'constructor' },
    ],
  },
  {
    route: 'api/v1/matrix.csv',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/matrix.csv',
    cases: () => [
      { name: 'a script as mesh', path: `/api/v1/matrix.csv?meshes=${encodeURIComponent(script)}`, status: 400, names: 'meshes.0' },
      { name: 'a formula as mesh', path: `/api/v1/matrix.csv?meshes=${encodeURIComponent('=HYPERLINK("https://evil.example")')}`, status: 400, names: 'meshes.0' },
      { name: 'an unknown parameter', path: '/api/v1/matrix.csv?delimiter=;', status: 400, names: 'delimiter' },
    ],
  },
  {
    route: 'api/v1/stats',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/stats',
    cases: () => [
      { name: 'a script as a parameter', path: `/api/v1/stats?${encodeURIComponent(script)}=1`, status: 400, names: script },
      { name: 'an unknown parameter', path: '/api/v1/stats?mesh=istio', status: 400, names: 'mesh' },
      { name: 'a constructor parameter', path: '/api/v1/stats?constructor=x', status: 400, names: 'constructor' },
    ],
  },
  {
    route: 'changes/feed.xml',
    method: 'GET',
    as: 'anonymous',
    path: () => '/changes/feed.xml',
    cases: () => [
      { name: 'a script as mesh', path: `/changes/feed.xml?mesh=${encodeURIComponent(script)}`, status: 404, names: script },
      { name: 'an over-long mesh', path: `/changes/feed.xml?mesh=${long(5000)}`, status: 404 },
    ],
  },
  {
    route: 'api/health',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/health',
    // It reads nothing from the request; hostile query strings change nothing about its answer.
    cases: () => [{ name: 'a hostile query string', path: `/api/health?x=${encodeURIComponent(script)}`, status: 200 }],
  },
];

/** Route handlers whose input is someone else's protocol, swept by their own tests below. */
const sweptElsewhere = new Set(['api/auth/[...nextauth]']);

function casesOf(entry: ApiEntry, w: World): ApiCase[] {
  const generated = entry.body && entry.fields ? [...genericWriteCases(entry.body(w)), ...fieldCases(entry.body(w), entry.fields)] : [];
  return [...generated, ...(entry.cases?.(w) ?? [])];
}

async function send(context: APIRequestContext, method: string, url: string, c: ApiCase) {
  const headers: Record<string, string> = { Origin: baseURL, ...c.headers };
  if (headers.Origin === '') delete headers.Origin;
  // Bytes, so that Playwright sends exactly them instead of encoding a string as JSON once more.
  if (c.raw) return context.fetch(url, { method, headers: { ...headers, 'Content-Type': c.raw.contentType }, data: Buffer.from(c.raw.data) });
  if (method === 'GET') return context.fetch(url, { method, headers });
  return context.fetch(url, { method, headers: { ...headers, 'Content-Type': 'application/json' }, data: Buffer.from(JSON.stringify('body' in c ? c.body : {})) });
}

// ---------------------------------------------------------------------------------------------------------------
// Forms (server actions)
// ---------------------------------------------------------------------------------------------------------------

interface FormCase {
  name: string;
  /** Form fields to send instead of what the page put there (hidden ones included); missing ones are added. */
  set: Record<string, string | undefined>;
  /** Text the page must show afterwards: the field named, or the thing that is missing. */
  shows: RegExp;
  /** Text the page must not show afterwards. */
  hides?: RegExp;
  /** Who submits it, if not the entry's user: signed in (or out) after the page was shown, as in a tab left open. */
  as?: Who;
  /** Where the browser must end up: path and query on this site (a button form's way back). */
  at?: RegExp;
}

interface FormEntry {
  /** Where the action lives: its folder under app/, as in `app/<route>/actions.ts`. */
  route: string;
  /** The exported server action this form posts to. */
  action: string;
  as: Who;
  page: (w: World) => string;
  /** The form's submit button; the sweep attacks the form it belongs to. */
  submit: (page: Page, w: World) => Locator;
  /** Fields of an otherwise acceptable submission; each case overrides some. */
  valid?: Record<string, string>;
  cases: (w: World) => FormCase[];
}

/** A table the importer would accept (the sweep only ever dry-runs it, or breaks another field). */
const importableTable = ['| Feature | Kuma |', '| --- | --- |', '| Version | 0.2 |', '| Governance | Kong (hostile-input sweep) |'].join('\n');
/** Cells with markup and links of every unsafe scheme: the report must show text, and no link but http(s). */
const hostileMarkdownTable = [
  '| Feature | Kuma |',
  '| --- | --- |',
  '| Version | 0.2 |',
  `| Governance | ${script} [docs](javascript:alert(document.domain)) [more](JaVaScRiPt:alert(1)) <img src=x onerror="alert(1)"> |`,
  `| Open source | yes <a href="data:text/html,${script}">see</a> <a href=" javascript:alert(1)">this</a> [vb](vbscript:msgbox(1)) |`,
  `| ${script} | yes |`,
].join('\n');
/** A column the importer cannot place, named with markup. */
const hostileColumnTable = `| Feature | Kuma | <b onmouseover="alert(1)">Evil Mesh</b> ${script} |\n| --- | --- | --- |\n| mTLS | yes | no |`;
const hostileHtmlTable = [
  '<table><tr><th>Feature</th><th>Kuma</th></tr><tr><td>Version</td><td>0.2</td></tr>',
  `<tr><td>Governance</td><td>${script}<a href="javascript:alert(document.domain)">docs</a> <a href="&#106;avascript:alert(1)">encoded</a> <iframe src="javascript:alert(1)"></iframe></td></tr>`,
  '<tr><td>Open source</td><td><b onmouseover="alert(1)">yes</b> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">b64</a></td></tr></table>',
].join('\n');

const formEntries: FormEntry[] = [
  {
    route: 'meshes/[slug]/[version]/[feature]/propose',
    action: 'proposeCellChangeAction',
    as: 'alice',
    page: (w) => `/meshes/${w.proposeCell.mesh}/${w.proposeCell.version}/${w.proposeCell.feature}/propose`,
    submit: (page) => page.getByRole('button', { name: 'Submit proposal' }),
    valid: { support: 'no', 'sources.0.url': 'https://example.com/', rationale: 'sweep' },
    cases: (w) => [
      { name: 'a javascript: source', set: { 'sources.0.url': 'javascript:alert(document.domain)' }, shows: /sources\.0\.url must start with http:\/\/ or https:\/\// },
      { name: 'a data: source', set: { 'sources.0.url': `data:text/html,${script}` }, shows: /sources\.0\.url must start with http:\/\/ or https:\/\// },
      { name: 'an over-long source', set: { 'sources.0.url': `https://example.com/${long(2100)}` }, shows: /sources\.0\.url is longer than 2048 characters/ },
      { name: 'an over-long source title', set: { 'sources.0.title': long(201) }, shows: /sources\.0\.title must be at most 200 characters/ },
      { name: 'an over-long rationale', set: { rationale: long(2001) }, shows: /rationale must be at most 2,000 characters/ },
      { name: 'an empty rationale', set: { rationale: '   ' }, shows: /rationale is required/ },
      { name: 'an over-long note', set: { note: long(1001) }, shows: /note must be at most 1,000 characters/ },
      { name: 'a script as support level', set: { support: script }, shows: /support must be one of yes, partial, no or unknown/ },
      { name: 'text on a support row', set: { text: script }, shows: /text must be empty/ },
      { name: 'a base revision that is not a number', set: { baseRevisionId: 'abc' }, shows: /baseRevisionId must be a revision id/ },
      { name: 'a base revision of another cell', set: { baseRevisionId: String(w.otherCellRevisionId) }, shows: /baseRevisionId is not a revision of/ },
      { name: 'a script as mesh', set: { mesh: script }, shows: /mesh must be lowercase letters/ },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /mesh "nosuchmesh" is not a mesh we list/ },
      { name: 'an archived mesh', set: { mesh: 'open-service-mesh', version: '1.0' }, shows: /mesh Open Service Mesh is archived/ },
      { name: 'a path as release', set: { version: '../1.3' }, shows: /version may contain letters/ },
      { name: 'an unknown row', set: { feature: 'nosuchrow' }, shows: /feature "nosuchrow" is not a row/ },
    ],
  },
  {
    route: 'review',
    action: 'approveProposalAction',
    as: 'mo',
    page: () => `/review?mesh=${MESH}`,
    submit: (page, w) => page.getByRole('button', { name: `Approve proposal ${w.pendingId}` }),
    cases: (w) => [
      { name: 'an id that is not a number', set: { id: 'abc' }, shows: /id must be a positive whole number/ },
      { name: 'id 0', set: { id: '0' }, shows: /id must be a positive whole number/ },
      { name: 'an id of no proposal', set: { id: '999999' }, shows: /There is no proposal 999999/ },
      { name: 'his own proposal', set: { id: String(w.mosPendingId) }, shows: /You cannot approve your own proposal/ },
      { name: 'a decided proposal', set: { id: String(w.rejectedId) }, shows: new RegExp(`Proposal ${w.rejectedId} is already rejected`) },
      { name: 'an over-long comment', set: { comment: long(1001) }, shows: /comment must be at most 1,000 characters/ },
    ],
  },
  {
    route: 'review',
    action: 'rejectProposalAction',
    as: 'mo',
    page: () => `/review?mesh=${MESH}`,
    submit: (page, w) => page.getByRole('button', { name: `Reject proposal ${w.pendingId}` }),
    valid: { preset: 'No source supports this' },
    cases: (w) => [
      { name: 'no reason', set: { preset: '', details: '' }, shows: /reason is required: tell the author why/ },
      { name: 'an over-long reason', set: { details: long(1001) }, shows: /reason must be at most 1,000 characters/ },
      { name: 'a negative id', set: { id: '-1' }, shows: /id must be a positive whole number/ },
      { name: 'a decided proposal', set: { id: String(w.rejectedId) }, shows: /is already rejected/ },
    ],
  },
  {
    route: 'proposals',
    action: 'withdrawProposalAction',
    as: 'alice',
    page: () => '/proposals',
    submit: (page, w) => page.getByRole('button', { name: `Withdraw proposal ${w.pendingId}` }),
    cases: (w) => [
      { name: 'an id that is not a number', set: { id: `1${script}` }, shows: /id must be a positive whole number/ },
      { name: "someone else's proposal", set: { id: String(w.mosPendingId) }, shows: /Only the author can withdraw a proposal/ },
      { name: 'a decided proposal', set: { id: String(w.rejectedId) }, shows: /is already rejected/ },
      { name: 'an id of no proposal', set: { id: '999999' }, shows: /There is no proposal 999999/ },
    ],
  },
  {
    route: 'meshes/[slug]/[version]/[feature]/diff',
    action: 'revertCellAction',
    as: 'mo',
    page: (w) => `/meshes/${w.revertCell}/diff?from=${w.earlierRevisionId}&to=${w.headRevisionId}`,
    submit: (page, w) => page.getByRole('button', { name: `Revert to revision ${w.earlierRevisionId}` }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why the cell goes back/ },
      { name: 'an over-long reason', set: { reason: long(1001) }, shows: /reason must be at most 1,000 characters/ },
      { name: 'a revision id that is not a number', set: { revisionId: 'abc' }, shows: /revisionId must be the id of an earlier revision/ },
      { name: 'a revision of another cell', set: { revisionId: String(w.otherCellRevisionId) }, shows: /revisionId \d+ is not a revision of this cell/ },
      { name: 'the current revision', set: { revisionId: String(w.headRevisionId) }, shows: /has the same value and sources as the current one/ },
      { name: 'a script as mesh', set: { mesh: script }, shows: /Page not found|There is no release/ },
      { name: 'a query smuggled into the way back', set: { reason: '', to: `${w.headRevisionId}&problem=forged` }, shows: /reason is required/, hides: /forged/ },
    ],
  },
  {
    route: 'meshes/[slug]/manage',
    action: 'addReleaseAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: 'Add release' }),
    valid: { label: '99.0-sweep' },
    cases: () => [
      { name: 'a script as label', set: { label: script }, shows: /label may contain letters, digits/ },
      { name: 'no label', set: { label: ' ' }, shows: /label must not be empty/ },
      { name: 'an over-long label', set: { label: long(41) }, shows: /label must be at most 40 characters/ },
      { name: 'a reserved label', set: { label: 'compare' }, shows: /label is a reserved word/ },
      { name: 'an existing label', set: { label: RELEASE }, shows: new RegExp(`label ${RELEASE} already exists`) },
      { name: 'February 30th', set: { releasedOn: '2023-02-30' }, shows: /releasedOn is not a real date/ },
      { name: 'a script as date', set: { releasedOn: script }, shows: /releasedOn must be a date like 2024-05-31/ },
      { name: 'a javascript: notes link', set: { releaseNotesUrl: 'javascript:alert(1)' }, shows: /releaseNotesUrl must start with http:\/\/ or https:\/\// },
      { name: 'a data: notes link', set: { releaseNotesUrl: `data:text/html,${script}` }, shows: /releaseNotesUrl must start with http:\/\/ or https:\/\// },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /There is no mesh "nosuchmesh"/ },
    ],
  },
  {
    route: 'meshes/[slug]/manage',
    action: 'updateReleaseAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: `Save ${RELEASE}` }),
    cases: () => [
      { name: 'month 13', set: { releasedOn: '2023-13-01' }, shows: /releasedOn is not a real date/ },
      { name: 'a javascript: notes link', set: { releaseNotesUrl: 'javascript:alert(1)' }, shows: /releaseNotesUrl must start with http:\/\/ or https:\/\// },
      { name: 'an over-long notes link', set: { releaseNotesUrl: `https://example.com/${long(2100)}` }, shows: /releaseNotesUrl is longer than 2048 characters/ },
      { name: 'a script as label', set: { label: script }, shows: /has no release "<script>alert\(document\.domain\)<\/script>"/ },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /Page not found/ },
    ],
  },
  {
    route: 'meshes/[slug]/manage',
    action: 'setMeshStatusAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: `Archive ${MESH_NAME}` }),
    valid: { reason: 'sweep', sourceUrl: 'https://example.com/status' },
    cases: () => [
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or archived/ },
      { name: 'a script as status', set: { status: script }, shows: /status must be active or archived/ },
      { name: 'the status it has', set: { status: 'active' }, shows: new RegExp(`status ${MESH_NAME} is already active`) },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'no source', set: { sourceUrl: '' }, shows: /sourceUrl is required: a link where the change can be checked/ },
      { name: 'a script URL as source', set: { sourceUrl: 'javascript:alert(1)' }, shows: /sourceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /Page not found/ },
    ],
  },
  // Admin: people. Every form is shown to ada; `as` cases submit it after someone else signed in in the same browser.
  {
    route: 'admin/users',
    action: 'changeUserRoleAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Change role of alice' }),
    valid: { role: 'moderator', reason: 'sweep' },
    cases: (w) => [
      { name: 'a script as role', set: { role: script }, shows: /role must be one of contributor, moderator, admin/ },
      { name: 'a role we do not have', set: { role: 'superuser' }, shows: /role must be one of contributor, moderator, admin/ },
      { name: 'no role', set: { role: '' }, shows: /role must be one of contributor, moderator, admin/ },
      { name: 'the role she has', set: { role: 'contributor' }, shows: /alice is already a contributor/ },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'a blank reason', set: { reason: '   ' }, shows: /reason is required: say why/ },
      { name: 'a two-letter reason', set: { reason: 'ok' }, shows: /reason must be at least 3 characters/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'a script as reason with a bad role', set: { role: 'root', reason: script }, shows: /role must be one of/ },
      { name: 'a user id that is not a number', set: { userId: 'abc' }, shows: /userId must be the numeric id of a user/ },
      { name: 'user id 0', set: { userId: '0' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a negative user id', set: { userId: '-1' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a fractional user id', set: { userId: '1.5' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      { name: 'a sixteen-digit user id', set: { userId: '9'.repeat(16) }, shows: /userId must be the numeric id of a user/ },
      { name: 'an id of nobody', set: { userId: '999999' }, shows: /There is no user 999999/ },
      { name: 'the last admin demoted', set: { userId: String(w.adaId) }, shows: /ada is the only admin who is not banned/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'a moderator', as: 'mo', set: {}, shows: /Only admins can do this/ },
      { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as an admin/ },
    ],
  },
  {
    route: 'admin/users',
    action: 'banUserAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Ban alice' }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'a two-letter reason', set: { reason: 'no' }, shows: /reason must be at least 3 characters/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'a script as reason for nobody', set: { reason: script, userId: '999999' }, shows: /There is no user 999999/ },
      { name: 'a user id that is not a number', set: { userId: '1 OR 1=1' }, shows: /userId must be the numeric id of a user/ },
      { name: 'no user id', set: { userId: '' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      { name: 'someone already banned', set: { userId: String(w.banned.id) }, shows: new RegExp(`${w.banned.name} is already banned`) },
      { name: 'the last admin', set: { userId: String(w.adaId) }, shows: /ada is the only admin who is not banned/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as an admin/ },
    ],
  },
  {
    route: 'admin/users',
    action: 'unbanUserAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.banned.id}`,
    submit: (page, w) => page.getByRole('button', { name: `Lift the ban on ${w.banned.name}` }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'a user id that is not a number', set: { userId: 'abc' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      { name: 'someone not banned', set: { userId: String(w.aliceId) }, shows: /alice is not banned/ },
      { name: 'an id of nobody', set: { userId: '999999' }, shows: /There is no user 999999/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'a moderator', as: 'mo', set: {}, shows: /Only admins can do this/ },
    ],
  },

  // Admin: structure. One-button forms answer on the page they name in `back` (never off the section); the others show the form again.
  {
    route: 'admin/structure',
    action: 'addCategoryAction',
    as: 'ada',
    page: () => '/admin/structure',
    submit: (page) => page.getByRole('button', { name: 'Add category' }),
    valid: { name: 'Sweep category' },
    cases: () => [
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'a blank name', set: { name: '   ' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(81) }, shows: /name must be at most 80 characters/ },
      { name: 'a script as slug', set: { slug: script }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'a path as slug', set: { slug: '../general' }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'capitals and spaces in the slug', set: { slug: 'Sweep Category' }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long slug', set: { slug: long(81) }, shows: /slug must be at most 80 characters/ },
      { name: 'a slug that is taken', set: { slug: 'general' }, shows: /slug "general" is already used by the category General/ },
      { name: 'a name that is taken', set: { name: 'GENERAL', slug: 'sweep-category' }, shows: /name "GENERAL" is already a category/ },
      { name: 'a name with nothing to make a slug of', set: { name: '<>!?' }, shows: /slug cannot be derived from "<>!\?"/ },
      { name: 'a script as name with a bad slug', set: { name: script, slug: 'Bad Slug' }, shows: /slug must be lowercase letters/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'renameCategoryAction',
    as: 'ada',
    page: () => '/admin/structure/categories/general',
    submit: (page) => page.getByRole('button', { name: 'Rename category' }),
    valid: { name: 'General (sweep)' },
    cases: () => [
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(81) }, shows: /name must be at most 80 characters/ },
      { name: 'the name it has', set: { name: 'General' }, shows: /name is already "General"/ },
      { name: "another category's name", set: { name: 'architecture AND platforms' }, shows: /name "architecture AND platforms" is already the name of the category architecture/ },
      { name: 'a category we do not have', set: { category: 'nosuchcategory' }, shows: /There is no category "nosuchcategory"/ },
      { name: 'a script as category and name', set: { category: script, name: script }, shows: /category must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long category', set: { category: long(20_000) }, shows: /category must be at most 80 characters/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'moveCategoryAction',
    as: 'ada',
    page: () => '/admin/structure',
    submit: (page) => page.getByRole('button', { name: 'Move down General', exact: true }),
    cases: () => [
      { name: 'a script as direction', set: { direction: script }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'sideways', set: { direction: 'sideways' }, shows: /direction must be up or down/ },
      { name: 'no direction', set: { direction: '' }, shows: /direction must be up or down/ },
      { name: 'up from the top', set: { direction: 'up' }, shows: /direction cannot go up: the category is already first/ },
      { name: 'a category we do not have', set: { category: 'nosuchcategory' }, shows: /There is no category "nosuchcategory"/ },
      { name: 'a script as category', set: { category: script }, shows: /category must be lowercase letters, digits and single hyphens/ },
      // The problem travels back in the redirect's query string: an echo of 20,000 characters would be refused as too large a request.
      { name: 'an over-long category', set: { category: long(20_000) }, shows: /category must be at most 80 characters/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a javascript: way back', set: { direction: 'sideways', back: 'javascript:alert(document.domain)' }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a way back off the site', set: { direction: 'sideways', back: '//evil.example/admin/structure' }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a way back out of the section', set: { direction: 'sideways', back: '/admin/structure/categories/../../users' }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'setCategoryStatusAction',
    as: 'ada',
    page: () => '/admin/structure',
    submit: (page) => page.getByRole('button', { name: 'Retire General', exact: true }),
    cases: () => [
      { name: 'a script as status', set: { status: script }, shows: /status must be active or retired/ },
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or retired/ },
      { name: 'no status', set: { status: '' }, shows: /status must be active or retired/ },
      { name: 'the status it has', set: { status: 'active' }, shows: /status the category General is already active/ },
      { name: 'a category we do not have', set: { category: 'nosuchcategory' }, shows: /There is no category "nosuchcategory"/ },
      { name: 'an over-long category', set: { category: long(20_000) }, shows: /category must be at most 80 characters/ },
      { name: 'a javascript: way back', set: { status: 'active', back: 'javascript:alert(document.domain)' }, shows: /already active/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'addFeatureAction',
    as: 'ada',
    page: () => '/admin/structure',
    submit: (page) => page.getByRole('button', { name: 'Add row' }),
    valid: { category: 'general', name: 'Sweep row', definition: 'Yes if the sweep says so.', kind: 'support' },
    cases: () => [
      { name: 'a script as category', set: { category: script }, shows: /category must be lowercase letters, digits and single hyphens/ },
      { name: 'a category we do not have', set: { category: 'nosuchcategory' }, shows: /category "nosuchcategory" is not a category/ },
      { name: 'an unknown kind', set: { kind: 'maybe' }, shows: /kind must be support or text/ },
      { name: 'a script as kind', set: { kind: script }, shows: /kind must be support or text/ },
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(121) }, shows: /name must be at most 120 characters/ },
      { name: 'a name that is taken', set: { name: 'LICENSE', slug: 'sweep-row' }, shows: /name "LICENSE" is already a row \(license\)/ },
      { name: 'a bad slug', set: { slug: 'sweep_row' }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'a slug that is taken', set: { slug: 'license' }, shows: /slug "license" is already used by the row License/ },
      { name: 'no definition', set: { definition: '' }, shows: /definition must not be empty: say in one sentence what counts as support/ },
      { name: 'an over-long definition', set: { definition: long(501) }, shows: /definition must be at most 500 characters/ },
      { name: 'a javascript: reference link', set: { referenceUrl: 'javascript:alert(document.domain)' }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a mixed-case javascript: link', set: { referenceUrl: 'JaVaScRiPt:alert(1)' }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a padded javascript: link', set: { referenceUrl: ' javascript:alert(1)' }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a data: reference link', set: { referenceUrl: `data:text/html,${script}` }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a link with no host', set: { referenceUrl: 'https://' }, shows: /referenceUrl is not a valid URL/ },
      { name: 'an over-long reference link', set: { referenceUrl: `https://example.com/${long(2100)}` }, shows: /referenceUrl is longer than 2048 characters/ },
      { name: 'a script as definition with a bad kind', set: { definition: script, kind: 'maybe' }, shows: /kind must be support or text/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'updateFeatureAction',
    as: 'ada',
    page: () => '/admin/structure/rows/license',
    submit: (page) => page.getByRole('button', { name: 'Save row' }),
    valid: { name: 'License (sweep)' },
    cases: () => [
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(121) }, shows: /name must be at most 120 characters/ },
      { name: 'no definition', set: { definition: ' ' }, shows: /definition must not be empty/ },
      { name: 'an over-long definition', set: { definition: long(501) }, shows: /definition must be at most 500 characters/ },
      { name: 'a javascript: reference link', set: { referenceUrl: 'javascript:alert(document.domain)' }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a data: reference link', set: { referenceUrl: `data:text/html,${script}` }, shows: /referenceUrl must start with http:\/\/ or https:\/\// },
      { name: 'an over-long reference link', set: { referenceUrl: `https://example.com/${long(2100)}` }, shows: /referenceUrl is longer than 2048 characters/ },
      { name: 'nothing changed', set: { name: 'License' }, shows: /form changes nothing: edit the name, the definition or the reference link/ },
      { name: "another row's name", set: { name: 'open SOURCE' }, shows: /name "open SOURCE" is already the name of the row open-source/ },
      { name: 'a row we do not have', set: { feature: 'nosuchrow' }, shows: /There is no row "nosuchrow"/ },
      { name: 'a script as row', set: { feature: script, name: script }, shows: /feature must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long row', set: { feature: long(20_000) }, shows: /feature must be at most 80 characters/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'moveFeatureToCategoryAction',
    as: 'ada',
    page: () => '/admin/structure/rows/license',
    submit: (page) => page.getByRole('button', { name: 'Move row' }),
    valid: { category: 'architecture' },
    cases: () => [
      { name: 'a script as category', set: { category: script }, shows: /category must be lowercase letters, digits and single hyphens/ },
      { name: 'no category', set: { category: '' }, shows: /category must not be empty/ },
      { name: 'an over-long category', set: { category: long(81) }, shows: /category must be at most 80 characters/ },
      { name: 'a category we do not have', set: { category: 'nosuchcategory' }, shows: /category "nosuchcategory" is not a category/ },
      { name: 'the category it is in', set: { category: 'general' }, shows: /category License is already in General/ },
      { name: 'a row we do not have', set: { feature: 'nosuchrow' }, shows: /There is no row "nosuchrow"/ },
      { name: 'a script as row', set: { feature: script }, shows: /feature must be lowercase letters, digits and single hyphens/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'moveFeatureAction',
    as: 'ada',
    page: () => '/admin/structure/categories/general',
    submit: (page) => page.getByRole('button', { name: 'Move down License', exact: true }),
    cases: () => [
      { name: 'a script as direction', set: { direction: script }, shows: /direction must be up or down/, at: /^\/admin\/structure\/categories\/general\?problem=/ },
      { name: 'sideways', set: { direction: 'sideways' }, shows: /direction must be up or down/ },
      { name: 'up from the top', set: { direction: 'up' }, shows: /direction cannot go up: the row is already first/ },
      { name: 'a row we do not have', set: { feature: 'nosuchrow' }, shows: /There is no row "nosuchrow"/ },
      { name: 'a script as row', set: { feature: script }, shows: /feature must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long row', set: { feature: long(20_000) }, shows: /feature must be at most 80 characters/, at: /^\/admin\/structure\/categories\/general\?problem=/ },
      { name: 'a javascript: way back', set: { direction: 'sideways', back: 'javascript:alert(document.domain)' }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'markup in the way back', set: { direction: 'sideways', back: '/admin/structure/categories/general#x"><script>alert(1)</script>' }, shows: /direction must be up or down/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'setFeatureStatusAction',
    as: 'ada',
    page: () => '/admin/structure/rows/license',
    submit: (page) => page.getByRole('button', { name: 'Retire row License', exact: true }),
    cases: () => [
      { name: 'a script as status', set: { status: script }, shows: /status must be active or retired/, at: /^\/admin\/structure\/rows\/license\?problem=/ },
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or retired/ },
      { name: 'the status it has', set: { status: 'active' }, shows: /status the row License is already active/ },
      { name: 'a row we do not have', set: { feature: 'nosuchrow' }, shows: /There is no row "nosuchrow"/ },
      { name: 'an over-long row', set: { feature: long(20_000) }, shows: /feature must be at most 80 characters/ },
      { name: 'a way back off the site', set: { status: 'active', back: 'https://evil.example/admin/structure' }, shows: /already active/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'addMeshAction',
    as: 'ada',
    page: () => '/admin/structure',
    submit: (page) => page.getByRole('button', { name: 'Add mesh' }),
    valid: { name: 'Sweep Mesh', firstRelease: '1.0' },
    cases: () => [
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(81) }, shows: /name must be at most 80 characters/ },
      { name: 'a name that is taken', set: { name: 'ISTIO', slug: 'sweep-mesh' }, shows: /name "ISTIO" is already the name of the mesh istio/ },
      { name: 'a script as slug', set: { slug: script }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'a path as slug', set: { slug: '../istio' }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'a slug that is taken', set: { slug: 'istio' }, shows: /slug "istio" is already used by the mesh Istio/ },
      { name: 'a former slug of another mesh', set: { slug: 'maesh' }, shows: /slug "maesh" is a former slug of Traefik Mesh/ },
      { name: 'a javascript: homepage', set: { homepage: 'javascript:alert(document.domain)' }, shows: /homepage must start with http:\/\/ or https:\/\// },
      { name: 'a data: repository', set: { repository: `data:text/html,${script}` }, shows: /repository must start with http:\/\/ or https:\/\// },
      { name: 'an over-long homepage', set: { homepage: `https://example.com/${long(2100)}` }, shows: /homepage is longer than 2048 characters/ },
      { name: 'an over-long description', set: { description: long(501) }, shows: /description must be at most 500 characters/ },
      { name: 'no first release', set: { firstRelease: '' }, shows: /firstRelease must not be empty/ },
      { name: 'a script as first release', set: { firstRelease: script }, shows: /firstRelease may contain letters, digits/ },
      { name: 'a reserved first release', set: { firstRelease: 'compare' }, shows: /firstRelease is a reserved word/ },
      { name: 'an over-long first release', set: { firstRelease: long(41) }, shows: /firstRelease must be at most 40 characters/ },
      { name: 'February 30th', set: { releasedOn: '2023-02-30' }, shows: /releasedOn is not a real date/ },
      { name: 'a script as date', set: { releasedOn: script }, shows: /releasedOn must be a date like 2024-05-31/ },
      { name: 'a script as name and description with a bad slug', set: { name: script, description: script, slug: 'Sweep' }, shows: /slug must be lowercase letters/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'renameMeshAction',
    as: 'ada',
    page: () => `/admin/structure/meshes/${MESH}`,
    submit: (page) => page.getByRole('button', { name: 'Rename mesh' }),
    valid: { name: `${MESH_NAME} (sweep)` },
    cases: () => [
      { name: 'no name', set: { name: '' }, shows: /name must not be empty/ },
      { name: 'an over-long name', set: { name: long(81) }, shows: /name must be at most 80 characters/ },
      { name: 'the name it has and no new slug', set: { name: MESH_NAME }, shows: new RegExp(`name is already "${MESH_NAME}" and the slug is unchanged`) },
      { name: "another mesh's name", set: { name: 'ISTIO' }, shows: /name "ISTIO" is already the name of the mesh istio/ },
      { name: 'a script as slug', set: { slug: script }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long slug', set: { slug: long(81) }, shows: /slug must be at most 80 characters/ },
      { name: 'a slug that is taken', set: { slug: 'istio' }, shows: /slug "istio" is already used by the mesh Istio/ },
      { name: 'a former slug of another mesh', set: { slug: 'conduit' }, shows: /slug "conduit" is a former slug of Linkerd/ },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /There is no mesh "nosuchmesh"/ },
      { name: 'a script as mesh', set: { mesh: script }, shows: /mesh must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long mesh', set: { mesh: long(20_000) }, shows: /mesh must be at most 80 characters/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'setMeshStatusAction',
    as: 'ada',
    page: () => `/admin/structure/meshes/${MESH}`,
    submit: (page) => page.getByRole('button', { name: `Archive ${MESH_NAME}`, exact: true }),
    valid: { reason: 'sweep', sourceUrl: 'https://example.com/status' },
    cases: () => [
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or archived/, at: new RegExp(`^/admin/structure/meshes/${MESH}\\?problem=`) },
      { name: 'a script as status', set: { status: script }, shows: /status must be active or archived/ },
      { name: 'the status it has', set: { status: 'active' }, shows: new RegExp(`status ${MESH_NAME} is already active`) },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'no source', set: { sourceUrl: '' }, shows: /sourceUrl is required: a link where the change can be checked/ },
      { name: 'a script URL as source', set: { sourceUrl: 'javascript:alert(1)' }, shows: /sourceUrl must start with http:\/\/ or https:\/\// },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /There is no mesh "nosuchmesh"/ },
      { name: 'a script as mesh', set: { mesh: script }, shows: /mesh must be lowercase letters, digits and single hyphens/ },
      { name: 'an over-long mesh', set: { mesh: long(20_000) }, shows: /mesh must be at most 80 characters/ },
      { name: 'a javascript: way back', set: { reason: '', back: 'javascript:alert(document.domain)' }, shows: /reason is required/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },
  {
    route: 'admin/structure',
    action: 'forgetImportAliasAction',
    as: 'ada',
    page: () => '/admin/structure/meshes/linkerd',
    submit: (page) => page.getByRole('button', { name: 'Forget the name “Linkerd 2”', exact: true }),
    cases: () => [
      { name: 'an alias that is not a number', set: { alias: 'abc' }, shows: /alias must be a positive whole number/, at: /^\/admin\/structure\/meshes\/linkerd\?problem=/ },
      { name: 'a script as alias', set: { alias: script }, shows: /alias must be a positive whole number/ },
      { name: 'no alias', set: { alias: '' }, shows: /alias must be a positive whole number/ },
      { name: 'an alias we do not have', set: { alias: '999999' }, shows: /There is no remembered name 999999/ },
      { name: 'a javascript: way back', set: { alias: 'abc', back: 'javascript:alert(document.domain)' }, shows: /alias must be a positive whole number/, at: /^\/admin\/structure\?problem=/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Not allowed/ },
    ],
  },

  // Admin: imports. A dry run writes nothing, so hostile tables are also read all the way to the report; `intent=import` cases must be refused.
  {
    route: 'admin/import',
    action: 'importTableAction',
    as: 'ada',
    page: () => '/admin/import',
    submit: (page) => page.getByRole('button', { name: 'Dry run' }),
    valid: { table: importableTable, source: 'https://example.org/sweep', date: '2024-05-01', title: 'Sweep' },
    cases: () => [
      { name: 'a hostile Markdown table, dry run', set: { table: hostileMarkdownTable }, shows: /Dry run, nothing written/ },
      { name: 'a hostile HTML table, dry run', set: { table: hostileHtmlTable }, shows: /Dry run, nothing written/ },
      { name: 'a hostile table imported with a bad date', set: { table: hostileMarkdownTable, intent: 'import', date: '2024-13-01' }, shows: /date is not a real date/ },
      // Markup in a heading is read as its text; the name to settle is that text, shown as text.
      { name: 'markup as mesh column, dry run', set: { table: hostileColumnTable }, shows: /Column “Evil Mesh”/ },
      {
        name: 'markup as mesh column, imported mapped to no mesh',
        set: {
          table: hostileColumnTable,
          intent: 'import',
          'choice-kind-0': 'column',
          'choice-heading-0': 'Evil Mesh',
          'choice-value-0': 'map:nosuchmesh',
        },
        shows: /"Evil Mesh" is to be mapped to "nosuchmesh", which is not a mesh/,
      },
      { name: 'ragged rows, imported', set: { table: '| Feature | Kuma |\n| --- | --- |\n| mTLS | yes | no |', intent: 'import' }, shows: /the row has 3 cells where the header has 2/ },
      { name: 'no table', set: { table: '' }, shows: /table is empty: upload a file or paste a table/ },
      // One over-size case: each sends megabytes, and the dry run is refused by the same check.
      { name: 'an over-size paste, imported', set: { table: long(3.1 * 1024 * 1024), intent: 'import' }, shows: /table is 3\.1 MB; pasted tables can be up to 3 MB/ },
      { name: 'a script as mode', set: { mode: script, intent: 'import' }, shows: /mode must be publish or review/ },
      { name: 'a choice for a kind of name there is not', set: { 'choice-kind-0': 'mesh', 'choice-heading-0': 'Kuma', 'choice-value-0': 'create' }, shows: /choice-kind-0 must be column or row/ },
      { name: 'a script as a choice', set: { 'choice-kind-0': 'row', 'choice-heading-0': 'Governance', 'choice-value-0': script, intent: 'import' }, shows: /choice-value-0 must be empty \(leave out\), create or map:<slug>/ },
      { name: 'a choice without a heading', set: { 'choice-kind-0': 'row', 'choice-value-0': 'create', intent: 'import' }, shows: /choice-heading-0 is required/ },
      { name: 'an over-long choice heading', set: { 'choice-kind-0': 'row', 'choice-heading-0': long(301), 'choice-value-0': 'create' }, shows: /choice-heading-0 must be at most 300 characters/ },
      { name: 'a choice field of no choice', set: { 'choice-evil-0': script }, shows: /choice-evil-0 is not a field this accepts/ },
      { name: 'a choice mapping to a script slug', set: { 'choice-kind-0': 'row', 'choice-heading-0': 'Governance', 'choice-value-0': `map:${script}`, intent: 'import' }, shows: /slug must be lowercase letters, digits and single hyphens/ },
      { name: 'a choice mapping to a row we do not have', set: { 'choice-kind-0': 'row', 'choice-heading-0': 'Governance', 'choice-value-0': 'map:nosuchrow', intent: 'import' }, shows: /"Governance" is to be mapped to "nosuchrow", which is not a row/ },
      { name: 'a javascript: source', set: { source: 'javascript:alert(1)', intent: 'import' }, shows: /source must start with http:\/\/ or https:\/\// },
      { name: 'a data: source', set: { source: `data:text/html,${script}` }, shows: /source must start with http:\/\/ or https:\/\// },
      { name: 'no source', set: { source: '' }, shows: /source is required: the URL where the table is published/ },
      { name: 'an over-long source', set: { source: `https://example.com/${long(2100)}` }, shows: /source is longer than 2048 characters/ },
      { name: 'a bad date', set: { date: 'yesterday', intent: 'import' }, shows: /date must be a date like 2024-05-31/ },
      { name: 'February 30th', set: { date: '2023-02-30' }, shows: /date is not a real date/ },
      { name: 'a future date', set: { date: '2999-01-01', intent: 'import' }, shows: /date is in the future/ },
      { name: 'a script as date', set: { date: script }, shows: /date must be a date like 2024-05-31/ },
      { name: 'no date', set: { date: '' }, shows: /date must be a date like 2024-05-31/ },
      { name: 'an over-long title', set: { title: long(201), intent: 'import' }, shows: /title must be at most 200 characters/ },
      { name: 'a contributor importing', as: 'alice', set: { intent: 'import' }, shows: /Only admins can do this/ },
    ],
  },
];

/**
 * Submits the form of `submit` with `fields` in place of what the page put
 * there: the page's own inputs of those names are disabled (so not sent) and
 * hidden inputs carry the hostile values; browser-side checks are off, as a
 * hand-made request would have none.
 */
async function submitWith(submit: Locator, fields: Record<string, string | undefined>) {
  await submit.evaluate((button, values) => {
    const form = (button as HTMLButtonElement).form!;
    form.noValidate = true;
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      for (const element of Array.from(form.elements) as HTMLInputElement[]) if (element.name === name) element.disabled = true;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
  }, fields);
  await submit.click();
}

// ---------------------------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------------------------

const users: Exclude<Who, 'anonymous'>[] = ['alice', 'mo', 'ada'];
const contexts = new Map<Who, APIRequestContext>();
let world: World;

async function signedInContext(username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
  expect((await context.post('/api/auth/callback/demo', { form: { csrfToken, username, json: 'true' } })).ok()).toBe(true);
  return context;
}

async function headOf(mesh: string, version: string, feature: string): Promise<number> {
  const matrix = await (await contexts.get('anonymous')!.get(`/api/v1/matrix?meshes=${mesh}&versions=${mesh}@${version}`)).json();
  const id = matrix.cells[mesh][feature]?.revisionId;
  // The fixtures need cells with a value: a missing head would quietly turn the cross-cell cases into valid requests.
  expect(id, `${mesh} ${version} ${feature} has a current revision`).toEqual(expect.any(Number));
  return id;
}

async function propose(who: Who, feature: string, change: Record<string, unknown>): Promise<number> {
  const response = await postJson(contexts.get(who)!, '/api/v1/proposals', {
    mesh: MESH,
    version: RELEASE,
    feature,
    baseRevisionId: await headOf(MESH, RELEASE, feature),
    rationale: 'hostile-input sweep fixture',
    ...change,
  });
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

/** ada's browser on a user's admin page. */
async function adminUserPage(browser: Browser, id: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, 'ada');
  await page.goto(`/admin/users/${id}`);
  return page;
}

test.beforeAll(async ({ browser }) => {
  contexts.set('anonymous', await playwrightRequest.newContext({ baseURL }));
  for (const user of users) contexts.set(user, await signedInContext(user));
  const sources = [{ url: 'https://docs.nginx.com/nginx-service-mesh/' }];

  // A cell the seed gives a value, so the approval below makes its second revision.
  const earlierRevisionId = await headOf(MESH, RELEASE, 'percentage-based-traffic-splits');
  // A fresh note each time: after a failure Playwright starts a new worker and runs this again on the same database.
  const toApprove = await propose('alice', 'percentage-based-traffic-splits', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources });
  const approved = await postJson(contexts.get('mo')!, `/api/v1/proposals/${toApprove}/approve`, {});
  expect(approved.status()).toBe(200);
  const rejectedId = await propose('alice', 'open-source', { support: 'unknown', note: `sweep fixture ${Date.now()}`, sources });
  expect((await postJson(contexts.get('mo')!, `/api/v1/proposals/${rejectedId}/reject`, { reason: 'sweep fixture' })).status()).toBe(200);

  world = {
    pendingId: await propose('alice', 'sidecar-proxy', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources }),
    mosPendingId: await propose('mo', 'distributed-tracing', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources }),
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
  };

  // The OIDC user exists once signed in (a browser follows the provider's redirects); banned unless a failed run left them so.
  const olivia = await (await browser.newContext()).newPage();
  await olivia.goto('/signin?callbackUrl=%2Fmeshes');
  await olivia.getByRole('button', { name: 'Sign in with Test OIDC' }).click();
  await expect(olivia).toHaveURL('/meshes');
  await olivia.context().close();
  world.banned.id = await userIdOf(oidcUser.email);
  const ada = await adminUserPage(browser, world.banned.id);
  if (await ada.getByRole('button', { name: `Ban ${oidcUser.name}` }).count()) {
    await ada.getByLabel(/^Reason for the ban/).fill('hostile-input sweep fixture');
    await ada.getByRole('button', { name: `Ban ${oidcUser.name}` }).click();
    await expect(ada.getByRole('status').filter({ hasText: 'Banned.' })).toBeVisible();
  }
  await ada.context().close();
});

test.afterAll(async ({ browser }) => {
  // Leave the queue and the people as we found them for the specs that run after this one.
  if (!world) return;
  await postJson(contexts.get('alice')!, `/api/v1/proposals/${world.pendingId}/withdraw`, {});
  await postJson(contexts.get('mo')!, `/api/v1/proposals/${world.mosPendingId}/withdraw`, {});
  if (world.banned.id) {
    const ada = await adminUserPage(browser, world.banned.id);
    const lift = ada.getByRole('button', { name: `Lift the ban on ${oidcUser.name}` });
    if (await lift.count()) {
      await ada.getByLabel(/^Reason for lifting the ban/).fill('hostile-input sweep over');
      await lift.click();
      await expect(ada.getByRole('status').filter({ hasText: 'Ban lifted.' })).toBeVisible();
    }
    await ada.context().close();
  }
  for (const context of contexts.values()) await context.dispose();
});

for (const entry of apiEntries) {
  test(`${entry.method} ${entry.route}: hostile input gets a clear 4xx and changes nothing`, async () => {
    const before = readDatabaseState();
    const context = contexts.get(entry.as)!;
    const cases = casesOf(entry, world);
    for (const c of cases) {
      const url = c.path ?? entry.path(world);
      const response = await send(context, entry.method, url, c);
      const text = await response.text();
      const where = `${entry.method} ${url.slice(0, 120)} with ${c.name}: ${text.slice(0, 300)}`;
      expect.soft(response.status(), where).toBe(c.status);
      if (c.status === 200) continue;
      const body = (() => {
        try {
          return JSON.parse(text) as { error?: unknown; code?: unknown; fieldErrors?: Record<string, string[]> };
        } catch {
          return {};
        }
      })();
      expect.soft(typeof body.error, `${where}: a JSON error message`).toBe('string');
      if (!c.names) continue;
      if (c.status === 400) {
        const key = Object.keys(body.fieldErrors ?? {}).find((k) => k === c.names || k.startsWith(`${c.names}.`));
        expect.soft(key, `${where}: names ${c.names}`).toBeDefined();
        if (key) expect.soft(body.fieldErrors![key]![0], where).toMatch(new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      } else {
        expect.soft(String(body.error), `${where}: says ${c.names}`).toContain(c.names);
      }
    }
    expect(readDatabaseState()).toEqual(before);
  });
}

/** What hostile markup would have become had it been rendered as markup; the page must show it as text instead. */
const injected = 'main script, main iframe, main img[src="x"], main [onmouseover], main a[href^="javascript:" i], main a[href^="data:" i], main a[href^="vbscript:" i]';

for (const entry of formEntries) {
  test(`form ${entry.route} ${entry.action}: hostile input is shown back naming the field and changes nothing`, async ({ browser }) => {
    const context = await browser.newContext();
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
    const before = readDatabaseState();
    for (const c of entry.cases(world)) {
      const where = `${entry.action} with ${c.name}`;
      await becomes(entry.as);
      await page.goto(entry.page(world));
      const submit = entry.submit(page, world);
      await expect(submit, where).toBeVisible();
      if (c.as) {
        // The page asks /api/auth/session who is signed in, and that answer sets the entry user's cookie again.
        await page.waitForLoadState('networkidle');
        await becomes(c.as);
      }
      await submitWith(submit, { ...entry.valid, ...c.set });
      await expect.soft(page.locator('body'), where).toContainText(c.shows);
      if (c.hides) await expect.soft(page.locator('body'), where).not.toContainText(c.hides);
      if (c.at) {
        await expect
          .soft(() => {
            const url = new URL(page.url());
            expect(url.origin === baseURL ? url.pathname + url.search : url.href).toMatch(c.at!);
          }, where)
          .toPass();
      }
      await expect.soft(page.locator(injected), where).toHaveCount(0);
    }
    expect(dialogs).toEqual([]);
    expect(readDatabaseState()).toEqual(before);
    await context.close();
  });
}

test('a sign-in callback URL never leads off the site', async ({ browser }) => {
  const before = readDatabaseState();
  const offSite = [
    'javascript:alert(document.domain)',
    `data:text/html,${script}`,
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example/steal',
    ' https://evil.example/',
    `${baseURL}.evil.example/`,
  ];
  for (const callbackUrl of offSite) {
    const context = await playwrightRequest.newContext({ baseURL });
    const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
    const response = await context.post('/api/auth/callback/demo', { form: { csrfToken, username: 'alice', callbackUrl, json: 'true' } });
    expect(response.ok()).toBe(true);
    const { url } = await response.json();
    expect(new URL(url).origin, `${callbackUrl} → ${url}`).toBe(baseURL);
    await context.dispose();
  }
  const anonymous = contexts.get('anonymous')!;
  const { csrfToken } = await (await anonymous.get('/api/auth/csrf')).json();
  const unknown = await anonymous.post('/api/auth/callback/demo', { form: { csrfToken, username: script, json: 'true' } });
  expect(unknown.status()).toBe(401);

  // The sign-in page itself only hands a same-site path to the sign-in call.
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent('https://evil.example/steal')}`);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Sign in with the demo account' }).click();
  await expect(page.getByRole('banner')).toContainText('Signed in as alice');
  expect(new URL(page.url()).origin).toBe(baseURL);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(readDatabaseState()).toEqual(before);
});

test('markup in a proposal is stored as typed and shown as text; smuggled form fields are ignored', async ({ browser }) => {
  const context = await browser.newContext();
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
  await page.goto(`/meshes/${MESH}/${RELEASE}/key-features/propose`);
  await submitWith(page.getByRole('button', { name: 'Submit proposal' }), {
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

  const mine = (await (await page.request.get('/api/v1/proposals?mine=1')).json()).proposals.find((p: { id: number }) => p.id === id);
  expect(mine).toMatchObject({ status: 'pending', authorName: 'alice', rationale, note, sources: [{ url: 'https://example.com/?q=<script>', title }] });

  await page.goto(`/proposals/${id}`);
  await expect(page.getByText(rationale, { exact: true })).toBeVisible();
  await expect(page.getByText(note, { exact: false })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sweep?: string }).__sweep)).toBeUndefined();
  expect(await page.locator('main script, main img[src="x"], main iframe, main b').count()).toBe(0);

  const mo = await (await browser.newContext()).newPage();
  mo.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(mo, 'mo');
  await mo.goto(`/review?mesh=${MESH}`);
  await expect(mo.getByText(rationale, { exact: true })).toBeVisible();
  // A regeneration of this cached page that started before the proposal (the form sweeps above visit it) may finish
  // after the proposal's revalidation and be served once; the next request renders the proposal.
  await expect(async () => {
    await mo.goto(`/meshes/${MESH}/${RELEASE}/key-features`);
    await expect(mo.locator('#pending')).toContainText('by alice', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  expect(await mo.evaluate(() => (window as unknown as { __sweep?: string }).__sweep)).toBeUndefined();
  expect(await mo.locator('main script, main img[src="x"], main iframe, main b').count()).toBe(0);
  expect(dialogs).toEqual([]);

  expect((await postJson(page.request, `/api/v1/proposals/${id}/withdraw`, {})).status()).toBe(200);
  await context.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Coverage: a new route handler or server action fails here until it has an entry above.
// ---------------------------------------------------------------------------------------------------------------

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

test('every route handler under app/ has an entry in the sweep', () => {
  const routes = filesNamed('app', 'route.ts').map((file) => path.relative('app', path.dirname(file)).split(path.sep).join('/'));
  const swept = new Set([...apiEntries.map((e) => e.route), ...sweptElsewhere]);
  const missing = routes.filter((route) => !swept.has(route));
  expect(missing, 'add an entry to apiEntries in tests/e2e/hostile-input.spec.ts for each').toEqual([]);
  const stale = [...swept].filter((route) => !routes.includes(route));
  expect(stale, 'entries for route handlers that no longer exist').toEqual([]);
});

test('every server action has an entry in the sweep', () => {
  // By folder and name: two actions.ts files may export actions of the same name (setMeshStatusAction), and each form is attacked.
  const actions = filesNamed('app', 'actions.ts').flatMap((file) => {
    const route = path.relative('app', path.dirname(file)).split(path.sep).join('/');
    return [...fs.readFileSync(file, 'utf8').matchAll(/export async function (\w+)/g)].map((match) => `${route} ${match[1]!}`);
  });
  expect(actions.length).toBeGreaterThan(0);
  const swept = new Set(formEntries.map((e) => `${e.route} ${e.action}`));
  const missing = actions.filter((action) => !swept.has(action));
  expect(missing, 'add an entry to formEntries in tests/e2e/hostile-input.spec.ts for each').toEqual([]);
  const stale = [...swept].filter((action) => !actions.includes(action));
  expect(stale, 'entries for server actions that no longer exist').toEqual([]);
});
