/**
 * Hostile query strings for the open-data reads: the API description and the full dump take no parameters, so any
 * given is refused by name, before anything is read or streamed.
 */
import { script, long, type ApiEntry } from './types';

function noParameterCases(path: string) {
  return [
    { name: 'a script as a parameter', path: `${path}?${encodeURIComponent(script)}=1`, status: 400, names: script },
    { name: 'an unknown parameter', path: `${path}?meshes=istio`, status: 400, names: 'meshes' },
    { name: 'a constructor parameter', path: `${path}?constructor=x`, status: 400, names: 'constructor' },
    { name: 'an over-long parameter', path: `${path}?${long(2000)}=1`, status: 400 },
  ];
}

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/openapi.json',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/openapi.json',
    cases: () => noParameterCases('/api/v1/openapi.json'),
  },
  {
    route: 'api/v1/dump.json',
    method: 'GET',
    as: 'anonymous',
    path: () => '/api/v1/dump.json',
    cases: () => [
      ...noParameterCases('/api/v1/dump.json'),
      // A bogus validator must not be taken for a match: the whole dump is sent, not a 304.
      { name: 'a hostile If-None-Match', headers: { 'If-None-Match': `"${script}"` }, status: 200 },
    ],
  },
];
