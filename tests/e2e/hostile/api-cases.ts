import type { APIRequestContext } from '@playwright/test';
import { type World, script, long, type FieldKind, type ApiCase, type ApiEntry, HOSTILE_BASE } from './types';

export const hostileValues: Record<
  FieldKind['kind'],
  (field: string, kind: FieldKind) => { value: unknown; names?: string }[]
> = {
  slug: () => [
    { value: 123 },
    { value: ['istio'] },
    { value: null },
    { value: script },
    { value: long(81) },
    { value: '../istio' },
  ],
  label: () => [{ value: 1.16 }, { value: null }, { value: script }, { value: '../1.3' }, { value: long(41) }],
  text: (_field, kind) => {
    const { max, required } = kind as Extract<FieldKind, { kind: 'text' }>;
    return [
      { value: 123 },
      { value: ['x'] },
      { value: { $gt: '' } },
      { value: long(max + 1) },
      // The text policy (lib/rules/text-policy.ts): controls, lone surrogates and disguising characters are refused.
      { value: 'a\u0001b' },
      { value: 'nul\u0000' },
      { value: 'a\uD800b' },
      { value: 'safe\u202Etxt.exe' },
      { value: 'a\u200Bb' },
      ...(required ? [{ value: null }, { value: '' }, { value: '\u3164\u2800 ' }] : []),
    ];
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
export function genericWriteCases(valid: Record<string, unknown>): ApiCase[] {
  const json = JSON.stringify(valid);
  return [
    { name: 'text/plain body', raw: { data: json, contentType: 'text/plain' }, status: 415, names: 'application/json' },
    { name: 'a form post', raw: { data: 'comment=x', contentType: 'application/x-www-form-urlencoded' }, status: 415 },
    {
      name: 'multipart',
      raw: {
        data: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--',
        contentType: 'multipart/form-data; boundary=b',
      },
      status: 415,
    },
    { name: 'no Origin', body: valid, headers: { Origin: '' }, status: 403, names: 'Origin' },
    { name: 'a foreign Origin', body: valid, headers: { Origin: 'https://evil.example' }, status: 403 },
    { name: 'a lookalike Origin', body: valid, headers: { Origin: `${HOSTILE_BASE}.evil.example` }, status: 403 },
    {
      name: 'invalid JSON',
      raw: { data: '{"comment": ', contentType: 'application/json' },
      status: 400,
      names: 'body',
    },
    { name: 'a JSON array', body: [valid], status: 400, names: 'form' },
    { name: 'JSON null', body: null, status: 400, names: 'form' },
    { name: 'a JSON string', body: script, status: 400, names: 'form' },
    { name: 'an oversized body', body: { ...valid, padding: long(70 * 1024) }, status: 413, names: 'at most' },
    { name: 'an unknown field', body: { ...valid, isAdmin: true }, status: 400, names: 'isAdmin' },
    {
      name: 'a __proto__ field',
      raw: {
        data: `{"__proto__": {"role": "admin"}${json === '{}' ? '' : `, ${json.slice(1, -1)}`}}`,
        contentType: 'application/json',
      },
      status: 400,
      names: '__proto__',
    },
    {
      name: 'a constructor field',
      body: { ...valid, constructor: { prototype: { role: 'admin' } } },
      status: 400,
      names: 'constructor',
    },
  ];
}

export function fieldCases(valid: Record<string, unknown>, fields: Record<string, FieldKind>): ApiCase[] {
  return Object.entries(fields).flatMap(([field, kind]) =>
    hostileValues[kind.kind](field, kind).map(({ value, names }) => ({
      name: `${field} = ${JSON.stringify(value)?.slice(0, 60)}`,
      body: { ...valid, [field]: value },
      status: 400,
      names: names ?? field,
    })),
  );
}

export const badIds = ['abc', '0', '-1', '1.5', '1e3', '99999999999999', '%3Cscript%3E', '1%20OR%201=1'];

export function idPathCases(template: (id: string) => string, body: Record<string, unknown>): ApiCase[] {
  return [
    ...badIds.map((id) => ({ name: `id ${id}`, path: template(id), body, status: 400, names: 'id' })),
    { name: 'an id of no proposal', path: template('999999'), body, status: 404, names: '999999' },
    // Answered by the app (lib/next/request-gate.ts) with a request id, not by Next's router with a bare 500.
    { name: 'malformed percent-encoding', path: template('%ff'), body, status: 400 },
  ];
}

const routeMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every method the route does not take (`allowed`: those of all its entries) is a 405 naming the method. */
export function methodCases(allowed: ReadonlySet<string>): ApiCase[] {
  return routeMethods
    .filter((method) => !allowed.has(method))
    .map((method) => ({ name: `a ${method}`, method, status: 405, names: method }));
}

export function casesOf(entry: ApiEntry, w: World, allowed: ReadonlySet<string>): ApiCase[] {
  const generated =
    entry.body && entry.fields ? [...genericWriteCases(entry.body(w)), ...fieldCases(entry.body(w), entry.fields)] : [];
  return [...generated, ...methodCases(allowed), ...(entry.cases?.(w) ?? [])];
}

export async function send(context: APIRequestContext, method: string, url: string, c: ApiCase) {
  const headers: Record<string, string> = { Origin: HOSTILE_BASE, ...c.headers };
  if (headers.Origin === '') delete headers.Origin;
  // Bytes, so that Playwright sends exactly them instead of encoding a string as JSON once more.
  if (c.raw)
    return context.fetch(url, {
      method,
      headers: { ...headers, 'Content-Type': c.raw.contentType },
      data: Buffer.from(c.raw.data),
    });
  if (method === 'GET') return context.fetch(url, { method, headers });
  return context.fetch(url, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    data: Buffer.from(JSON.stringify('body' in c ? c.body : {})),
  });
}
