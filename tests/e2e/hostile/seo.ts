/**
 * Hostile query strings and path segments for the sitemap and the link-preview images.
 */
import { MESH, script, long, type ApiEntry } from './types';

export const apiEntries: ApiEntry[] = [
  {
    route: 'sitemap.xml',
    method: 'GET',
    as: 'anonymous',
    path: () => '/sitemap.xml',
    cases: () => [
      {
        name: 'a script as parameter',
        path: `/sitemap.xml?page=${encodeURIComponent(script)}`,
        status: 400,
        names: 'page',
      },
    ],
  },
  {
    route: 'sitemap/[file]',
    method: 'GET',
    as: 'anonymous',
    path: () => '/sitemap/0.xml',
    cases: () => [
      { name: 'a script as file', path: `/sitemap/${encodeURIComponent(script)}`, status: 404 },
      { name: 'a file past the last', path: '/sitemap/99999.xml', status: 404 },
      { name: 'a negative file', path: '/sitemap/-1.xml', status: 404 },
      { name: 'a leading zero', path: '/sitemap/00.xml', status: 404 },
      { name: 'another extension', path: '/sitemap/0.json', status: 404 },
      { name: 'an over-long file', path: `/sitemap/${long(300)}.xml`, status: 404 },
      { name: 'an unknown parameter', path: '/sitemap/0.xml?format=json', status: 400, names: 'format' },
    ],
  },
  {
    route: 'og/matrix.png',
    method: 'GET',
    as: 'anonymous',
    path: () => '/og/matrix.png',
    cases: () => [
      {
        name: 'a script as parameter',
        path: `/og/matrix.png?mesh=${encodeURIComponent(script)}`,
        status: 400,
        names: 'mesh',
      },
    ],
  },
  {
    route: 'og/meshes/[file]',
    method: 'GET',
    as: 'anonymous',
    path: () => `/og/meshes/${MESH}.png`,
    cases: () => [
      { name: 'a script as mesh', path: `/og/meshes/${encodeURIComponent(script)}.png`, status: 404 },
      { name: 'no extension', path: `/og/meshes/${MESH}`, status: 404 },
      { name: 'another extension', path: `/og/meshes/${MESH}.svg`, status: 404 },
      { name: 'an over-long mesh', path: `/og/meshes/${long(300)}.png`, status: 404 },
      { name: 'an unknown parameter', path: `/og/meshes/${MESH}.png?version=1.0`, status: 400, names: 'version' },
    ],
  },
];
