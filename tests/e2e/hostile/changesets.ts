/**
 * Hostile input for changesets and requests for changes: proposing, deciding, revising and withdrawing, over JSON and
 * as forms.
 */
import { idPathCases } from './api-cases';
import { MESH, RELEASE, script, long, type ApiEntry, type FormEntry, type World } from './types';

const SOURCE = 'https://docs.nginx.com/nginx-service-mesh/';
const change = (feature: string, extra: Record<string, unknown> = {}) => ({
  mesh: MESH,
  version: RELEASE,
  feature,
  support: 'yes',
  ...extra,
});
const validChangeset = () => ({
  title: 'Sweep changeset',
  sources: [{ url: SOURCE }],
  rationale: 'sweep',
  affiliated: false,
  changes: [change('tcp')],
});

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/changesets',
    method: 'POST',
    as: 'alice',
    path: () => '/api/v1/changesets',
    body: validChangeset,
    fields: {
      title: { kind: 'text', max: 200, required: true },
      rationale: { kind: 'text', max: 2000, required: true },
      affiliated: { kind: 'boolean' },
    },
    cases: (w) => [
      { name: 'no changes', body: { ...validChangeset(), changes: [] }, status: 400, names: 'changes' },
      { name: 'changes not a list', body: { ...validChangeset(), changes: 'tcp' }, status: 400, names: 'changes' },
      {
        name: 'the same cell twice',
        body: { ...validChangeset(), changes: [change('tcp'), change('tcp')] },
        status: 400,
        names: 'changes.1',
      },
      {
        name: '101 cells',
        body: { ...validChangeset(), changes: Array.from({ length: 101 }, () => change('tcp')) },
        status: 400,
        names: 'changes',
      },
      {
        name: 'a base revision of another cell',
        body: { ...validChangeset(), changes: [change('tcp', { baseRevisionId: w.otherCellRevisionId })] },
        status: 400,
        names: 'changes.0.baseRevisionId',
      },
      {
        name: 'a script as a cell’s row',
        body: { ...validChangeset(), changes: [change(script)] },
        status: 400,
        names: 'changes.0.feature',
      },
      {
        name: 'an unknown mesh',
        body: { ...validChangeset(), changes: [change('tcp', { mesh: 'nosuchmesh' })] },
        status: 400,
        names: 'changes.0.mesh',
      },
      {
        name: 'a javascript: source on a cell',
        body: { ...validChangeset(), changes: [change('tcp', { sources: [{ url: 'javascript:alert(1)' }] })] },
        status: 400,
        names: 'changes.0.sources.0.url',
      },
      {
        name: 'an unknown field in a change',
        body: { ...validChangeset(), changes: [change('tcp', { approverId: 1 })] },
        status: 400,
        names: 'changes.0.approverId',
      },
      {
        name: 'a release label that exists',
        body: { ...validChangeset(), changes: [], release: { mesh: MESH, label: RELEASE } },
        status: 400,
        names: 'release.label',
      },
      {
        name: 'a release date without its source',
        body: { ...validChangeset(), changes: [], release: { mesh: MESH, label: '9.9', releasedOn: '2024-01-01' } },
        status: 400,
        names: 'release.releasedOnSource',
      },
      {
        name: 'a script as release label',
        body: { ...validChangeset(), changes: [], release: { mesh: MESH, label: script } },
        status: 400,
        names: 'release.label',
      },
    ],
  },
  {
    route: 'api/v1/changesets/[id]',
    method: 'GET',
    as: 'anonymous',
    path: (w) => `/api/v1/changesets/${w.changesetId}`,
    cases: () => [
      ...idPathCases((id) => `/api/v1/changesets/${id}`, {}).map((c) => ({ ...c, body: undefined })),
      { name: 'an unknown parameter', path: '/api/v1/changesets/1?x=1', status: 400, names: 'x' },
    ],
  },
  {
    route: 'api/v1/changesets/[id]/approve',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/changesets/${w.changesetId}/approve`,
    body: () => ({ comment: 'ok' }),
    fields: { comment: { kind: 'text', max: 1000 } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/changesets/${id}/approve`, {}),
      {
        name: 'his own changeset',
        path: `/api/v1/changesets/${w.mosChangesetId}/approve`,
        body: {},
        status: 403,
        names: 'own changeset',
      },
      { name: 'except an id of no cell', body: { except: [999999] }, status: 400, names: 'except.0' },
      { name: 'except not a list', body: { except: 5 }, status: 400, names: 'except' },
      { name: 'overConflict a script', body: { overConflict: [script] }, status: 400, names: 'overConflict.0' },
      {
        name: 'a changeset waiting for its author',
        path: `/api/v1/changesets/${w.feedbackChangesetId}/approve`,
        body: {},
        status: 409,
        names: 'waits for its author',
      },
    ],
  },
  {
    route: 'api/v1/changesets/[id]/reject',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/changesets/${w.changesetId}/reject`,
    body: () => ({ reason: 'No source supports this' }),
    fields: { reason: { kind: 'text', max: 1000, required: true } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/changesets/${id}/reject`, { reason: 'No source supports this' }),
      { name: 'only an id of no cell', body: { reason: 'nope', only: [999999] }, status: 400, names: 'only.0' },
      { name: 'a two-letter reason', body: { reason: 'no' }, status: 400, names: 'reason' },
      {
        name: 'his own changeset',
        path: `/api/v1/changesets/${w.mosChangesetId}/reject`,
        body: { reason: 'nope' },
        status: 403,
        names: 'own changeset',
      },
    ],
  },
  {
    route: 'api/v1/changesets/[id]/withdraw',
    method: 'POST',
    as: 'alice',
    path: (w) => `/api/v1/changesets/${w.changesetId}/withdraw`,
    body: () => ({}),
    fields: {},
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/changesets/${id}/withdraw`, {}),
      {
        name: 'someone else’s changeset',
        path: `/api/v1/changesets/${w.mosChangesetId}/withdraw`,
        body: {},
        status: 403,
        names: 'Only the author',
      },
    ],
  },
  {
    route: 'api/v1/changesets/[id]/request-changes',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/changesets/${w.changesetId}/request-changes`,
    body: () => ({ comment: 'Please cite the release notes' }),
    fields: { comment: { kind: 'text', max: 2000, required: true } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/changesets/${id}/request-changes`, { comment: 'Please cite the notes' }),
      {
        name: 'his own changeset',
        path: `/api/v1/changesets/${w.mosChangesetId}/request-changes`,
        body: { comment: 'Please cite the notes' },
        status: 403,
        names: 'own changeset',
      },
      {
        name: 'a changeset already waiting for its author',
        path: `/api/v1/changesets/${w.feedbackChangesetId}/request-changes`,
        body: { comment: 'Please cite the notes' },
        status: 409,
        names: 'not waiting for review',
      },
    ],
  },
  {
    route: 'api/v1/proposals/[id]/request-changes',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/proposals/${w.pendingId}/request-changes`,
    body: () => ({ comment: 'Which page says so?' }),
    fields: { comment: { kind: 'text', max: 2000, required: true } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/proposals/${id}/request-changes`, { comment: 'Which page says so?' }),
      {
        name: 'his own proposal',
        path: `/api/v1/proposals/${w.mosPendingId}/request-changes`,
        body: { comment: 'Which page says so?' },
        status: 403,
        names: 'own proposal',
      },
      {
        name: 'a decided proposal',
        path: `/api/v1/proposals/${w.rejectedId}/request-changes`,
        body: { comment: 'Which page says so?' },
        status: 409,
        names: 'is rejected',
      },
      {
        name: 'a cell of a changeset',
        path: `/api/v1/proposals/${w.changesetCellIds[0]}/request-changes`,
        body: { comment: 'Which page says so?' },
        status: 400,
        names: 'proposalId',
      },
    ],
  },
];

const cellChoices = (w: World) => Object.fromEntries(w.changesetCellIds.map((id) => [`cell.${id}`, 'approve']));

export const formEntries: FormEntry[] = [
  {
    route: 'changesets',
    action: 'proposeChangesetAction',
    as: 'alice',
    page: () => `/changesets/new?mesh=${MESH}&version=${RELEASE}`,
    submit: (page) => page.getByRole('button', { name: 'Send the changeset for review' }),
    form: (w) => w.releaseForm,
    valid: { title: 'Sweep changeset', 'sources.0.url': SOURCE, rationale: 'sweep', 'cells.tcp.support': 'yes' },
    cases: (w) => [
      { name: 'no title', set: { title: '', rationale: script }, shows: /title is required/ },
      { name: 'no rationale', set: { rationale: '' }, shows: /rationale is required/ },
      { name: 'an over-long title', set: { title: long(201) }, shows: /title must be at most 200 characters/ },
      { name: 'no cell changed', set: { 'cells.tcp.support': '' }, shows: /changes is empty/ },
      {
        name: 'a javascript: shared source',
        set: { 'sources.0.url': 'javascript:alert(1)' },
        shows: /sources\.0\.url/,
      },
      {
        name: 'a javascript: source for a cell',
        set: { 'cells.tcp.source': 'javascript:alert(1)' },
        shows: /changes\.0\.sources\.0\.url/,
      },
      { name: 'a tampered mesh', set: { mesh: 'nosuchmesh' }, shows: /"nosuchmesh" is not a mesh we list/ },
      {
        name: 'a base revision of another cell',
        set: { 'cells.tcp.base': String(w.otherCellRevisionId) },
        shows: /changes\.0\.baseRevisionId is not a revision/,
      },
      { name: 'a support level that is not one', set: { 'cells.tcp.support': 'maybe' }, shows: /must be one of yes/ },
    ],
  },
  {
    route: 'changesets',
    action: 'reviseChangesetAction',
    as: 'alice',
    page: (w) => `/changesets/${w.feedbackChangesetId}/revise`,
    submit: (page) => page.getByRole('button', { name: 'Send the revised changeset' }),
    form: (w) => w.reviseForm,
    cases: (w) => [
      { name: 'no title', set: { title: '' }, shows: /title is required/ },
      { name: 'an over-long rationale', set: { rationale: long(2001) }, shows: /rationale must be at most 2,000/ },
      { name: 'someone else’s changeset', set: { id: String(w.mosChangesetId) }, shows: /Only the author can revise/ },
      { name: 'an id that is not a number', set: { id: 'abc' }, shows: /id must be a positive whole number/ },
      {
        name: 'a changeset nobody asked changes for',
        set: { id: String(w.changesetId) },
        shows: /can be revised only after a moderator asks for changes/,
      },
    ],
  },
  {
    route: 'changesets',
    action: 'decideChangesetAction',
    as: 'mo',
    page: (w) => `/changesets/${w.changesetId}`,
    submit: (page, w) => page.getByRole('button', { name: `Apply these decisions to changeset ${w.changesetId}` }),
    form: (w) => ({ id: String(w.changesetId), ...cellChoices(w), reason: '', comment: '' }),
    cases: (w) => [
      {
        name: 'a rejection without a reason',
        set: { [`cell.${w.changesetCellIds[0]}`]: 'reject' },
        shows: /reason is required/,
      },
      { name: 'an over-long comment', set: { comment: long(1001) }, shows: /comment must be at most 1,000 characters/ },
      {
        name: 'a cell of no changeset',
        set: { 'cell.999999': 'approve' },
        shows: /proposal 999999 is not a pending cell/,
      },
      { name: 'his own changeset', set: { id: String(w.mosChangesetId) }, shows: /cannot decide your own changeset/ },
      { name: 'an id of no changeset', set: { id: '999999' }, shows: /There is no changeset 999999/ },
      { name: 'a cell id that is a script', set: { [`cell.${script}`]: 'approve' }, shows: /approve\.\d+/ },
    ],
  },
  {
    route: 'changesets',
    action: 'requestChangesetChangesAction',
    as: 'mo',
    page: (w) => `/changesets/${w.changesetId}`,
    submit: (page, w) => page.getByRole('button', { name: `Ask for changes to changeset ${w.changesetId}` }),
    form: (w) => ({ changesetId: String(w.changesetId), comment: '' }),
    valid: { comment: 'Please cite the release notes' },
    cases: (w) => [
      { name: 'no comment', set: { comment: '' }, shows: /comment is required: say what should change/ },
      { name: 'an over-long comment', set: { comment: long(2001) }, shows: /comment must be at most 2,000/ },
      { name: 'his own changeset', set: { changesetId: String(w.mosChangesetId) }, shows: /your own changeset/ },
      { name: 'an id that is a script', set: { changesetId: script }, shows: /changesetId must be a positive/ },
    ],
  },
  {
    route: 'changesets',
    action: 'withdrawChangesetAction',
    as: 'alice',
    page: (w) => `/changesets/${w.changesetId}`,
    submit: (page, w) => page.getByRole('button', { name: `Withdraw changeset ${w.changesetId}` }),
    form: (w) => ({ id: String(w.changesetId) }),
    cases: (w) => [
      {
        name: 'someone else’s changeset',
        set: { id: String(w.mosChangesetId) },
        shows: /Only the author can withdraw/,
      },
      { name: 'an id that is not a number', set: { id: 'abc' }, shows: /id must be a positive whole number/ },
      { name: 'an id of no changeset', set: { id: '999999' }, shows: /There is no changeset 999999/ },
    ],
  },
  {
    route: 'review',
    action: 'requestProposalChangesAction',
    as: 'mo',
    page: () => `/review?mesh=${MESH}`,
    submit: (page, w) => page.getByRole('button', { name: `Ask for changes to proposal ${w.pendingId}` }),
    form: (w) => ({ proposalId: String(w.pendingId), comment: '' }),
    valid: { comment: 'Which page says so?' },
    cases: (w) => [
      { name: 'no comment', set: { comment: '' }, shows: /comment is required: say what should change/ },
      { name: 'his own proposal', set: { proposalId: String(w.mosPendingId) }, shows: /your own proposal/ },
      { name: 'a decided proposal', set: { proposalId: String(w.rejectedId) }, shows: /is rejected, not waiting/ },
      { name: 'an id of no proposal', set: { proposalId: '999999' }, shows: /There is no proposal 999999/ },
    ],
  },
  {
    route: 'proposals',
    action: 'reviseProposalAction',
    as: 'alice',
    page: (w) => `/proposals/${w.feedbackProposalId}/revise`,
    submit: (page) => page.getByRole('button', { name: 'Send the revised proposal' }),
    form: (w) => w.reviseProposalForm,
    cases: (w) => [
      { name: 'no rationale', set: { rationale: '' }, shows: /rationale is required/ },
      { name: 'a javascript: source', set: { 'sources.0.url': 'javascript:alert(1)' }, shows: /sources\.0\.url/ },
      { name: 'a text value on a support row', set: { text: 'yes please' }, shows: /text must be empty/ },
      {
        name: 'a proposal nobody asked changes for',
        set: { id: String(w.pendingId) },
        shows: /can be revised only after a moderator asks for changes/,
      },
      { name: 'someone else’s proposal', set: { id: String(w.mosPendingId) }, shows: /Only the author can revise/ },
    ],
  },
];
