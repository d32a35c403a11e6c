/**
 * Hostile query strings and path segments for the read-only route handlers.
 */
import { MESH, RELEASE, script, long, type ApiEntry } from './types';
import { feedCases } from './watch';

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/meshes/[slug]/[version]/[feature]/history',
    method: 'GET',
    as: 'anonymous',
    path: (w) => `/api/v1/meshes/${w.revertCell}/history`,
    cases: () => [
      {
        name: 'a script as mesh',
        path: `/api/v1/meshes/${encodeURIComponent(script)}/${RELEASE}/mtls/history`,
        status: 404,
      },
      { name: 'an over-long release', path: `/api/v1/meshes/${MESH}/${long(300)}/mtls/history`, status: 404 },
      {
        name: 'an unknown row',
        path: `/api/v1/meshes/${MESH}/${RELEASE}/${encodeURIComponent('" OR 1=1 --')}/history`,
        status: 404,
      },
    ],
  },
  {
    route: 'api/v1/meshes/[slug]/diff',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/meshes/istio/diff',
    cases: () => [
      {
        name: 'a script as from',
        path: `/api/v1/meshes/istio/diff?from=${encodeURIComponent(script)}&to=1.3`,
        status: 400,
        names: 'from',
      },
      { name: 'an over-long to', path: `/api/v1/meshes/istio/diff?from=1.3&to=${long(41)}`, status: 400, names: 'to' },
      {
        name: 'an unknown parameter',
        path: '/api/v1/meshes/istio/diff?from=1.3&to=1.9&format=xml',
        status: 400,
        names: 'format',
      },
      { name: 'an unknown release', path: '/api/v1/meshes/istio/diff?from=1.3&to=9.9', status: 400, names: 'to' },
      { name: 'a repeated from', path: '/api/v1/meshes/istio/diff?from=1.3&from=1.9', status: 400, names: 'from' },
      { name: 'a script as mesh', path: `/api/v1/meshes/${encodeURIComponent(script)}/diff`, status: 404 },
    ],
  },
  {
    route: 'api/v1/matrix',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/matrix',
    cases: () => [
      {
        name: 'a script as mesh',
        path: `/api/v1/matrix?meshes=${encodeURIComponent(script)}`,
        status: 400,
        names: 'meshes.0',
      },
      {
        name: 'a script as release',
        path: `/api/v1/matrix?versions=istio@${encodeURIComponent(script)}`,
        status: 400,
        names: 'versions.0',
      },
      { name: 'a javascript: date', path: '/api/v1/matrix?at=javascript:alert(1)', status: 400, names: 'at' },
      { name: 'February 30th', path: '/api/v1/matrix?at=2021-02-30', status: 400, names: 'at' },
      {
        name: 'fifty-one meshes',
        path: `/api/v1/matrix?meshes=${Array.from({ length: 51 }, () => 'istio').join(',')}`,
        status: 400,
        names: 'meshes',
      },
      { name: 'an unknown parameter', path: '/api/v1/matrix?mesh=istio', status: 400, names: 'mesh' },
      { name: 'a constructor parameter', path: '/api/v1/matrix?constructor=x', status: 400, names: 'constructor' },
      // A list is one comma-separated value; a repeat would otherwise keep only its last value, silently.
      { name: 'a repeated meshes', path: '/api/v1/matrix?meshes=istio&meshes=linkerd', status: 400, names: 'meshes' },
      { name: 'a repeated at', path: '/api/v1/matrix?at=2021-01-01&at=2022-01-01', status: 400, names: 'at' },
      // Next drops `__proto__` keys before a handler sees them; `constructor` arrives and is refused by name.
      {
        name: 'a repeated constructor',
        path: '/api/v1/matrix?constructor=x&constructor=y',
        status: 400,
        names: 'constructor',
      },
    ],
  },
  {
    route: 'api/v1/matrix.csv',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/matrix.csv',
    cases: () => [
      {
        name: 'a script as mesh',
        path: `/api/v1/matrix.csv?meshes=${encodeURIComponent(script)}`,
        status: 400,
        names: 'meshes.0',
      },
      {
        name: 'a formula as mesh',
        path: `/api/v1/matrix.csv?meshes=${encodeURIComponent('=HYPERLINK("https://evil.example")')}`,
        status: 400,
        names: 'meshes.0',
      },
      { name: 'an unknown parameter', path: '/api/v1/matrix.csv?delimiter=;', status: 400, names: 'delimiter' },
      {
        name: 'a repeated meshes',
        path: '/api/v1/matrix.csv?meshes=istio&meshes=linkerd',
        status: 400,
        names: 'meshes',
      },
    ],
  },
  {
    route: 'api/v1/stats',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/stats',
    cases: () => [
      {
        name: 'a script as a parameter',
        path: `/api/v1/stats?${encodeURIComponent(script)}=1`,
        status: 400,
        names: script,
      },
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
      {
        name: 'a script as mesh',
        path: `/changes/feed.xml?mesh=${encodeURIComponent(script)}`,
        status: 404,
        names: script,
      },
      { name: 'an over-long mesh', path: `/changes/feed.xml?mesh=${long(5000)}`, status: 404 },
      { name: 'a repeated mesh', path: '/changes/feed.xml?mesh=istio&mesh=linkerd', status: 400, names: 'mesh' },
      { name: 'an unknown parameter', path: '/changes/feed.xml?format=rss', status: 400, names: 'format' },
      ...feedCases(),
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
export const sweptElsewhere = new Set(['api/auth/[...nextauth]']);
