/**
 * Hostile paths and query strings for the embeds and badges. The embeds answer errors as a page (a frame shows them),
 * the badges as the API's JSON.
 */
import { script, long, type ApiEntry } from './types';

const seven = ['istio', 'linkerd', 'consul', 'kuma', 'cilium', 'traefik-mesh', 'nginx-service-mesh'].join(',');

export const apiEntries: ApiEntry[] = [
  {
    route: 'embed/meshes/[slug]',
    method: 'GET',
    as: 'anonymous',
    path: () => '/embed/meshes/istio',
    errorsAs: 'html',
    cases: () => [
      { name: 'the mesh itself', status: 200 },
      { name: 'a script as mesh', path: `/embed/meshes/${encodeURIComponent(script)}`, status: 404, names: 'No mesh' },
      { name: 'an over-long mesh', path: `/embed/meshes/${long(300)}`, status: 404, names: 'No mesh' },
      { name: 'a mesh we do not list', path: '/embed/meshes/nosuchmesh', status: 404, names: 'nosuchmesh' },
      { name: 'an unknown parameter', path: '/embed/meshes/istio?theme=dark', status: 400, names: 'theme' },
      {
        name: 'a parameter holding a script',
        path: `/embed/meshes/istio?${encodeURIComponent(script)}=1`,
        status: 400,
      },
    ],
  },
  {
    route: 'embed/compare',
    method: 'GET',
    as: 'anonymous',
    path: () => '/embed/compare?meshes=istio,linkerd',
    errorsAs: 'html',
    cases: () => [
      { name: 'two meshes', status: 200 },
      { name: 'no meshes', path: '/embed/compare', status: 400, names: 'meshes' },
      { name: 'one mesh', path: '/embed/compare?meshes=istio', status: 400, names: 'meshes' },
      { name: 'seven meshes', path: `/embed/compare?meshes=${seven}`, status: 400, names: 'meshes' },
      { name: 'the same mesh twice', path: '/embed/compare?meshes=istio,istio', status: 400, names: 'meshes' },
      {
        name: 'a script as mesh',
        path: `/embed/compare?meshes=istio,${encodeURIComponent(script)}`,
        status: 400,
        names: 'meshes.1',
      },
      { name: 'an over-long mesh', path: `/embed/compare?meshes=istio,${long(300)}`, status: 400, names: 'meshes.1' },
      { name: 'a mesh we do not list', path: '/embed/compare?meshes=istio,nosuchmesh', status: 400, names: 'meshes' },
      { name: 'a release', path: '/embed/compare?meshes=istio@1.9,linkerd', status: 400, names: 'meshes.0' },
      {
        name: 'a repeated meshes',
        path: '/embed/compare?meshes=istio&meshes=linkerd',
        status: 400,
        names: 'meshes',
      },
      {
        name: 'an unknown parameter',
        path: '/embed/compare?meshes=istio,linkerd&differ=1',
        status: 400,
        names: 'differ',
      },
    ],
  },
  {
    route: 'badge/[mesh]/[feature]',
    method: 'GET',
    as: 'anonymous',
    path: () => '/badge/istio/mtls.svg',
    cases: () => [
      { name: 'the badge itself', status: 200 },
      {
        name: 'a script as mesh',
        path: `/badge/${encodeURIComponent(script)}/mtls.svg`,
        status: 404,
        names: 'No mesh',
      },
      { name: 'a script as row', path: `/badge/istio/${encodeURIComponent(script)}.svg`, status: 404, names: 'No row' },
      { name: 'an over-long row', path: `/badge/istio/${long(300)}.svg`, status: 404, names: 'No row' },
      { name: 'a mesh we do not list', path: '/badge/nosuchmesh/mtls.svg', status: 404, names: 'nosuchmesh' },
      { name: 'a row we do not list', path: '/badge/istio/nosuchrow.svg', status: 404, names: 'nosuchrow' },
      { name: 'no .svg', path: '/badge/istio/mtls', status: 404, names: '.svg' },
      { name: 'another extension', path: '/badge/istio/mtls.png', status: 404, names: '.svg' },
      { name: 'an unknown parameter', path: '/badge/istio/mtls.svg?style=flat', status: 400, names: 'style' },
    ],
  },
];
