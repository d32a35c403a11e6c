/**
 * Hostile input for watchlists: following, unfollowing, the private feed's secret, the watchlist API, the private
 * feed by its secret, and the public per-cell and per-row feeds' new parameters.
 */
import { badIds, idPathCases } from './api-cases';
import { MESH, MESH_NAME, RELEASE, script, long, type ApiCase, type ApiEntry, type FormEntry } from './types';

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/watches',
    method: 'POST',
    as: 'alice',
    path: () => '/api/v1/watches',
    // A cell alice does not follow: with version or feature taken away it is no whole combination.
    body: () => ({ mesh: MESH, version: RELEASE, feature: 'mtls' }),
    fields: { mesh: { kind: 'slug' }, version: { kind: 'label' }, feature: { kind: 'slug' } },
    cases: () => [
      { name: 'a mesh we do not list', body: { mesh: 'nosuchmesh' }, status: 400, names: 'mesh' },
      {
        name: 'a release we do not list',
        body: { mesh: MESH, version: '9.99', feature: 'mtls' },
        status: 400,
        names: 'version',
      },
      { name: 'a row we do not list', body: { feature: 'nosuchrow' }, status: 400, names: 'feature' },
      { name: 'a version without a mesh', body: { version: RELEASE, feature: 'mtls' }, status: 400, names: 'mesh' },
      { name: 'a release without a row', body: { mesh: MESH, version: RELEASE }, status: 400, names: 'feature' },
      { name: 'nothing to follow', body: {}, status: 400, names: 'mesh' },
      { name: 'smuggled owner', body: { mesh: MESH, userId: 1 }, status: 400, names: 'userId' },
    ],
  },
  {
    route: 'api/v1/watches',
    method: 'GET',
    as: 'alice',
    path: () => '/api/v1/watches',
    cases: () => [
      { name: 'an unknown parameter', path: '/api/v1/watches?user=1', status: 400, names: 'user' },
      {
        name: 'a script as parameter',
        path: `/api/v1/watches?${encodeURIComponent(script)}=1`,
        status: 400,
      },
    ],
  },
  {
    route: 'api/v1/watches/[id]',
    method: 'DELETE',
    as: 'alice',
    path: (w) => `/api/v1/watches/${w.alicesWatchId}`,
    body: () => ({}),
    fields: {},
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/watches/${id}`, {}).map((c) => ({ ...c, method: 'DELETE' as const })),
      {
        name: "someone else's watch",
        method: 'DELETE',
        path: `/api/v1/watches/${w.mosWatchId}`,
        body: {},
        status: 404,
        names: String(w.mosWatchId),
      },
      { name: 'a key in the body', method: 'DELETE', body: { key: 'mesh:1' }, status: 400, names: 'key' },
    ],
  },
  {
    route: 'api/v1/watchlist',
    method: 'GET',
    as: 'alice',
    path: () => '/api/v1/watchlist',
    cases: () => [
      { name: 'an unknown parameter', path: '/api/v1/watchlist?seen=1', status: 400, names: 'seen' },
      { name: 'a constructor parameter', path: '/api/v1/watchlist?constructor=x', status: 400, names: 'constructor' },
    ],
  },
  {
    route: 'watchlist/feed/[token]',
    method: 'GET',
    as: 'anonymous',
    path: () => `/watchlist/feed/${'A'.repeat(43)}`,
    cases: () => [
      { name: 'a secret nobody has', path: `/watchlist/feed/${'A'.repeat(43)}`, status: 404 },
      { name: 'a script as secret', path: `/watchlist/feed/${encodeURIComponent(script)}`, status: 404 },
      // Paths too long or not decodable are the request gate's to answer, as for every page (hostile-input.spec.ts).
      { name: 'an over-long secret', path: `/watchlist/feed/${long(500)}`, status: 404 },
      { name: 'SQL as secret', path: `/watchlist/feed/${encodeURIComponent("' OR 1=1 --")}`, status: 404 },
      ...badIds.map((id) => ({ name: `secret ${id}`, path: `/watchlist/feed/${id}`, status: 404 })),
    ],
  },
];

/** The public feed's per-row and per-cell parameters; reads.ts's entry for changes/feed.xml sends them. */
export const feedCases = (): ApiCase[] => [
  { name: 'a version without a mesh', path: `/changes/feed.xml?version=${RELEASE}`, status: 400, names: 'mesh' },
  {
    name: 'a release without a row',
    path: `/changes/feed.xml?mesh=${MESH}&version=${RELEASE}`,
    status: 400,
    names: 'feature',
  },
  { name: 'a row we do not list', path: '/changes/feed.xml?feature=nosuchrow', status: 404 },
  { name: 'a script as row', path: `/changes/feed.xml?feature=${encodeURIComponent(script)}`, status: 404 },
  {
    name: 'a release we do not list',
    path: `/changes/feed.xml?mesh=${MESH}&version=${long(300)}&feature=mtls`,
    status: 404,
  },
  { name: 'a repeated row', path: '/changes/feed.xml?feature=mtls&feature=jwt', status: 400, names: 'feature' },
];

export const formEntries: FormEntry[] = [
  {
    route: 'watchlist',
    action: 'watchTargetAction',
    as: 'alice',
    page: () => `/meshes/${MESH}`,
    submit: (page) => page.getByRole('button', { name: `Follow this mesh: ${MESH_NAME}` }),
    form: () => ({ mesh: MESH }),
    cases: () => [
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /mesh "nosuchmesh" is not a mesh we list/ },
      { name: 'a script as mesh', set: { mesh: script }, shows: /mesh must be lowercase letters/ },
      { name: 'an empty mesh', set: { mesh: '' }, shows: /mesh is required/ },
      { name: 'a release without a row', set: { version: RELEASE }, shows: /feature is required with version/ },
      {
        name: 'a release we do not list',
        set: { version: '9.99', feature: 'mtls' },
        shows: /version "9.99" is not a recorded release/,
      },
      {
        name: 'a row we do not list',
        set: { mesh: '', feature: 'nosuchrow' },
        shows: /feature "nosuchrow" is not a row/,
      },
      { name: 'a path as release', set: { version: '../1.3', feature: 'mtls' }, shows: /version may contain letters/ },
    ],
  },
  {
    route: 'watchlist',
    action: 'unwatchTargetAction',
    as: 'alice',
    page: () => '/watchlist',
    submit: (page) => page.getByRole('button', { name: `Unfollow ${MESH_NAME}` }),
    form: (w) => ({ id: String(w.alicesWatchId) }),
    cases: (w) => [
      { name: 'an id that is not a number', set: { id: `1${script}` }, shows: /id must be a positive whole number/ },
      { name: "someone else's watch", set: { id: String(w.mosWatchId) }, shows: /You follow nothing with id/ },
      { name: 'an id of no watch', set: { id: '999999' }, shows: /You follow nothing with id 999999/ },
      { name: 'an empty id', set: { id: '' }, shows: /id must be a positive whole number/ },
    ],
  },
  {
    route: 'watchlist',
    action: 'rotateFeedTokenAction',
    as: 'alice',
    page: () => '/watchlist',
    submit: (page) => page.getByRole('button', { name: 'Make a private feed address for your watchlist' }),
    form: () => ({ feed: 'replace' }),
    cases: () => [
      { name: 'a script as feed', set: { feed: script }, shows: /feed must be replace or revoke/ },
      { name: 'an empty feed', set: { feed: '' }, shows: /feed must be replace or revoke/ },
      { name: 'an unknown choice', set: { feed: 'show' }, shows: /feed must be replace or revoke/ },
      {
        name: 'signed out since the page was shown',
        set: {},
        as: 'anonymous',
        shows: /Sign in first/,
        at: /^\/watchlist\?problem=/,
      },
    ],
  },
];
