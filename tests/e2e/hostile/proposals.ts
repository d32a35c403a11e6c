/**
 * Hostile input for proposing and withdrawing: the JSON API and the propose and withdraw forms.
 */
import { idPathCases } from './api-cases';
import { script, long, type ApiEntry, type FormEntry } from './types';

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/proposals',
    method: 'POST',
    as: 'alice',
    path: () => '/api/v1/proposals',
    body: (w) => ({
      ...w.proposeCell,
      support: 'no',
      note: null,
      sources: [{ url: 'https://example.com/' }],
      rationale: 'sweep',
      affiliated: false,
      baseRevisionId: w.proposeBaseId,
    }),
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
      const valid = {
        ...w.proposeCell,
        support: 'no',
        sources: [{ url: 'https://example.com/' }],
        rationale: 'sweep',
        baseRevisionId: w.proposeBaseId,
      };
      return [
        { name: 'a mesh we do not list', body: { ...valid, mesh: 'nosuchmesh' }, status: 400, names: 'mesh' },
        {
          name: 'an archived mesh',
          body: { ...valid, mesh: 'open-service-mesh', version: '1.0' },
          status: 400,
          names: 'mesh',
        },
        {
          name: 'a base revision of another cell',
          body: { ...valid, baseRevisionId: w.otherCellRevisionId },
          status: 400,
          names: 'baseRevisionId',
        },
        { name: 'text on a support row', body: { ...valid, text: script }, status: 400, names: 'text' },
        {
          name: 'smuggled author and status',
          body: { ...valid, authorId: 1, status: 'approved' },
          status: 400,
          names: 'authorId',
        },
      ];
    },
  },
  {
    route: 'api/v1/proposals',
    method: 'GET',
    as: 'alice',
    path: () => '/api/v1/proposals',
    cases: () => [
      {
        name: 'a script as status',
        path: `/api/v1/proposals?mine=1&status=${encodeURIComponent(script)}`,
        status: 400,
        names: 'status',
      },
      { name: 'mine=yes', path: '/api/v1/proposals?mine=yes', status: 400, names: 'mine' },
      { name: 'an unknown parameter', path: '/api/v1/proposals?mine=1&author=1', status: 400, names: 'author' },
      {
        name: 'a repeated status',
        path: '/api/v1/proposals?mine=1&status=pending&status=approved',
        status: 400,
        names: 'status',
      },
      {
        name: 'a constructor parameter',
        path: '/api/v1/proposals?mine=1&constructor=x',
        status: 400,
        names: 'constructor',
      },
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
      {
        name: "someone else's proposal",
        path: `/api/v1/proposals/${w.mosPendingId}/withdraw`,
        body: {},
        status: 403,
        names: 'Only the author',
      },
      {
        name: 'a decided proposal',
        path: `/api/v1/proposals/${w.rejectedId}/withdraw`,
        body: {},
        status: 409,
        names: 'already rejected',
      },
      { name: 'a status in the body', body: { status: 'withdrawn' }, status: 400, names: 'status' },
    ],
  },
];

export const formEntries: FormEntry[] = [
  {
    route: 'meshes/[slug]/[version]/[feature]/propose',
    action: 'proposeCellChangeAction',
    as: 'alice',
    page: (w) => `/meshes/${w.proposeCell.mesh}/${w.proposeCell.version}/${w.proposeCell.feature}/propose`,
    submit: (page) => page.getByRole('button', { name: 'Submit proposal' }),
    form: (w) => ({
      ...w.proposeCell,
      baseRevisionId: String(w.proposeBaseId),
      support: 'yes',
      note: 'primarily open source',
      ...Object.fromEntries(
        [0, 1, 2, 3, 4].flatMap((i) => [
          [`sources.${i}.url`, ''],
          [`sources.${i}.title`, ''],
        ]),
      ),
      rationale: '',
    }),
    valid: { support: 'no', 'sources.0.url': 'https://example.com/', rationale: 'sweep' },
    cases: (w) => [
      {
        name: 'a javascript: source',
        set: { 'sources.0.url': 'javascript:alert(document.domain)' },
        shows: /sources\.0\.url must start with http:\/\/ or https:\/\//,
      },
      {
        name: 'a data: source',
        set: { 'sources.0.url': `data:text/html,${script}` },
        shows: /sources\.0\.url must start with http:\/\/ or https:\/\//,
      },
      {
        name: 'an over-long source',
        set: { 'sources.0.url': `https://example.com/${long(2100)}` },
        shows: /sources\.0\.url is longer than 2048 characters/,
      },
      {
        name: 'an over-long source title',
        set: { 'sources.0.title': long(201) },
        shows: /sources\.0\.title must be at most 200 characters/,
      },
      {
        name: 'an over-long rationale',
        set: { rationale: long(2001) },
        shows: /rationale must be at most 2,000 characters/,
      },
      { name: 'an empty rationale', set: { rationale: '   ' }, shows: /rationale is required/ },
      { name: 'an over-long note', set: { note: long(1001) }, shows: /note must be at most 1,000 characters/ },
      {
        name: 'a script as support level',
        set: { support: script },
        shows: /support must be one of yes, partial, no or unknown/,
      },
      { name: 'text on a support row', set: { text: script }, shows: /text must be empty/ },
      {
        name: 'a base revision that is not a number',
        set: { baseRevisionId: 'abc' },
        shows: /baseRevisionId must be a revision id/,
      },
      {
        name: 'a base revision of another cell',
        set: { baseRevisionId: String(w.otherCellRevisionId) },
        shows: /baseRevisionId is not a revision of/,
      },
      { name: 'a script as mesh', set: { mesh: script }, shows: /mesh must be lowercase letters/ },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /mesh "nosuchmesh" is not a mesh we list/ },
      {
        name: 'an archived mesh',
        set: { mesh: 'open-service-mesh', version: '1.0' },
        shows: /mesh Open Service Mesh is archived/,
      },
      { name: 'a path as release', set: { version: '../1.3' }, shows: /version may contain letters/ },
      { name: 'an unknown row', set: { feature: 'nosuchrow' }, shows: /feature "nosuchrow" is not a row/ },
    ],
  },
  {
    route: 'proposals',
    action: 'withdrawProposalAction',
    as: 'alice',
    page: () => '/proposals',
    submit: (page, w) => page.getByRole('button', { name: `Withdraw proposal ${w.pendingId}` }),
    form: (w) => ({ id: String(w.pendingId) }),
    cases: (w) => [
      { name: 'an id that is not a number', set: { id: `1${script}` }, shows: /id must be a positive whole number/ },
      {
        name: "someone else's proposal",
        set: { id: String(w.mosPendingId) },
        shows: /Only the author can withdraw a proposal/,
      },
      { name: 'a decided proposal', set: { id: String(w.rejectedId) }, shows: /is already rejected/ },
      { name: 'an id of no proposal', set: { id: '999999' }, shows: /There is no proposal 999999/ },
    ],
  },
];
