/**
 * Hostile-input sweep: every route handler and every form gets script tags,
 * `javascript:`/`data:` URLs, over-long and wrongly typed fields, unknown
 * fields, malformed ids, wrong content types and oversized bodies. Each must
 * be answered with a clear 4xx (or the form shown again) naming the field,
 * and the database must be exactly as before.
 *
 * Table-driven: a new route handler is one entry in `apiEntries`, a new form
 * one entry in `formEntries`; the coverage tests at the bottom fail until
 * every `app/**\/route.ts` and every exported server action has one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readDatabaseState } from './db-state';
import { baseURL } from './env';
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
}

const MESH = 'nginx-service-mesh';
const MESH_NAME = 'NGINX Service Mesh';
const RELEASE = 'unspecified';
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
        { name: 'an archived mesh', body: { ...valid, mesh: 'open-service-mesh', version: 'unspecified' }, status: 400, names: 'mesh' },
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
      { name: 'a script as mesh', path: `/api/v1/meshes/${encodeURIComponent(script)}/${RELEASE}/blue-green-deployment/revert`, body: { revisionId: w.earlierRevisionId, reason: 'sweep' }, status: 404, names: 'There is no release' },
      { name: 'a path in the release', path: `/api/v1/meshes/${MESH}/..%2F..%2F1.3/blue-green-deployment/revert`, body: { revisionId: w.earlierRevisionId, reason: 'sweep' }, status: 404, names: 'There is no release' },
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
}

interface FormEntry {
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

const formEntries: FormEntry[] = [
  {
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
      { name: 'an archived mesh', set: { mesh: 'open-service-mesh', version: 'unspecified' }, shows: /mesh Open Service Mesh is archived/ },
      { name: 'a path as release', set: { version: '../1.3' }, shows: /version may contain letters/ },
      { name: 'an unknown row', set: { feature: 'nosuchrow' }, shows: /feature "nosuchrow" is not a row/ },
    ],
  },
  {
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
    action: 'setMeshStatusAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: `Archive ${MESH_NAME}` }),
    valid: { reason: 'sweep' },
    cases: () => [
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or archived/ },
      { name: 'a script as status', set: { status: script }, shows: /status must be active or archived/ },
      { name: 'the status it has', set: { status: 'active' }, shows: new RegExp(`status ${MESH_NAME} is already active`) },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /Page not found/ },
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
  return matrix.cells[mesh][feature].revisionId;
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

test.beforeAll(async () => {
  contexts.set('anonymous', await playwrightRequest.newContext({ baseURL }));
  for (const user of users) contexts.set(user, await signedInContext(user));
  const sources = [{ url: 'https://docs.nginx.com/nginx-service-mesh/' }];

  const earlierRevisionId = await headOf(MESH, RELEASE, 'blue-green-deployment');
  // A fresh note each time: after a failure Playwright starts a new worker and runs this again on the same database.
  const toApprove = await propose('alice', 'blue-green-deployment', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources });
  const approved = await postJson(contexts.get('mo')!, `/api/v1/proposals/${toApprove}/approve`, {});
  expect(approved.status()).toBe(200);
  const rejectedId = await propose('alice', 'open-source', { support: 'unknown', note: `sweep fixture ${Date.now()}`, sources });
  expect((await postJson(contexts.get('mo')!, `/api/v1/proposals/${rejectedId}/reject`, { reason: 'sweep fixture' })).status()).toBe(200);

  world = {
    pendingId: await propose('alice', 'sidecar-proxy', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources }),
    mosPendingId: await propose('mo', 'distributed-tracing', { support: 'partial', note: `sweep fixture ${Date.now()}`, sources }),
    rejectedId,
    revertCell: `${MESH}/${RELEASE}/blue-green-deployment`,
    earlierRevisionId,
    headRevisionId: (await approved.json()).revisionId,
    otherCellRevisionId: await headOf(MESH, RELEASE, 'rate-limiting'),
    proposeCell: { mesh: MESH, version: RELEASE, feature: 'open-source' },
    proposeBaseId: await headOf(MESH, RELEASE, 'open-source'),
  };
});

test.afterAll(async () => {
  // Leave the queue as we found it for the specs that run after this one.
  if (!world) return;
  await postJson(contexts.get('alice')!, `/api/v1/proposals/${world.pendingId}/withdraw`, {});
  await postJson(contexts.get('mo')!, `/api/v1/proposals/${world.mosPendingId}/withdraw`, {});
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

for (const entry of formEntries) {
  test(`form ${entry.action}: hostile input is shown back naming the field and changes nothing`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (entry.as !== 'anonymous') await signInAs(page, entry.as);
    const before = readDatabaseState();
    for (const c of entry.cases(world)) {
      await page.goto(entry.page(world));
      await submitWith(entry.submit(page, world), { ...entry.valid, ...c.set });
      await expect.soft(page.locator('body'), `${entry.action} with ${c.name}`).toContainText(c.shows);
      if (c.hides) await expect.soft(page.locator('body'), `${entry.action} with ${c.name}`).not.toContainText(c.hides);
    }
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
  await mo.goto(`/meshes/${MESH}/${RELEASE}/key-features`);
  await expect(mo.locator('#pending')).toContainText('by alice');
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
  const actions = filesNamed('app', 'actions.ts').flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/export async function (\w+)/g)].map((match) => match[1]!),
  );
  expect(actions.length).toBeGreaterThan(0);
  const missing = actions.filter((action) => !formEntries.some((e) => e.action === action));
  expect(missing, 'add an entry to formEntries in tests/e2e/hostile-input.spec.ts for each').toEqual([]);
});
