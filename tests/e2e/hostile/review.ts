/**
 * Hostile input for deciding on proposals and reverting cells: approve, reject and revert, over JSON and as forms.
 */
import { idPathCases } from './api-cases';
import { MESH, RELEASE, script, long, type ApiEntry, type FormEntry } from './types';

export const apiEntries: ApiEntry[] = [
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
      {
        name: 'his own proposal',
        path: `/api/v1/proposals/${w.mosPendingId}/approve`,
        body: {},
        status: 403,
        names: 'own proposal',
      },
      {
        name: 'a decided proposal',
        path: `/api/v1/proposals/${w.rejectedId}/approve`,
        body: {},
        status: 409,
        names: 'already rejected',
      },
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
      {
        name: 'a decided proposal',
        path: `/api/v1/proposals/${w.rejectedId}/reject`,
        body: { reason: 'again' },
        status: 409,
        names: 'already rejected',
      },
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
      {
        name: 'a revision of another cell',
        body: { revisionId: w.otherCellRevisionId, reason: 'sweep' },
        status: 400,
        names: 'revisionId',
      },
      {
        name: 'the current revision',
        body: { revisionId: w.headRevisionId, reason: 'sweep' },
        status: 400,
        names: 'revisionId',
      },
      {
        name: 'a script as mesh',
        path: `/api/v1/meshes/${encodeURIComponent(script)}/${RELEASE}/percentage-based-traffic-splits/revert`,
        body: { revisionId: w.earlierRevisionId, reason: 'sweep' },
        status: 404,
        names: 'There is no release',
      },
      {
        name: 'a path in the release',
        path: `/api/v1/meshes/${MESH}/..%2F..%2F1.3/percentage-based-traffic-splits/revert`,
        body: { revisionId: w.earlierRevisionId, reason: 'sweep' },
        status: 404,
        names: 'There is no release',
      },
      {
        name: 'an unknown row',
        path: `/api/v1/meshes/${MESH}/${RELEASE}/nosuchrow/revert`,
        body: { revisionId: w.earlierRevisionId, reason: 'sweep' },
        status: 404,
        names: 'nosuchrow',
      },
    ],
  },
];

export const formEntries: FormEntry[] = [
  {
    route: 'review',
    action: 'approveProposalAction',
    as: 'mo',
    page: () => `/review?mesh=${MESH}`,
    submit: (page, w) => page.getByRole('button', { name: `Approve proposal ${w.pendingId}` }),
    form: (w) => ({ id: String(w.pendingId), comment: '' }),
    cases: (w) => [
      { name: 'an id that is not a number', set: { id: 'abc' }, shows: /id must be a positive whole number/ },
      { name: 'id 0', set: { id: '0' }, shows: /id must be a positive whole number/ },
      { name: 'an id of no proposal', set: { id: '999999' }, shows: /There is no proposal 999999/ },
      { name: 'his own proposal', set: { id: String(w.mosPendingId) }, shows: /You cannot approve your own proposal/ },
      {
        name: 'a decided proposal',
        set: { id: String(w.rejectedId) },
        shows: new RegExp(`Proposal ${w.rejectedId} is already rejected`),
      },
      { name: 'an over-long comment', set: { comment: long(1001) }, shows: /comment must be at most 1,000 characters/ },
    ],
  },
  {
    route: 'review',
    action: 'rejectProposalAction',
    as: 'mo',
    page: () => `/review?mesh=${MESH}`,
    submit: (page, w) => page.getByRole('button', { name: `Reject proposal ${w.pendingId}` }),
    form: (w) => ({ id: String(w.pendingId), preset: '', details: '' }),
    valid: { preset: 'No source supports this' },
    cases: (w) => [
      { name: 'no reason', set: { preset: '', details: '' }, shows: /reason is required: tell the author why/ },
      { name: 'an over-long reason', set: { details: long(1001) }, shows: /reason must be at most 1,000 characters/ },
      { name: 'a negative id', set: { id: '-1' }, shows: /id must be a positive whole number/ },
      { name: 'a decided proposal', set: { id: String(w.rejectedId) }, shows: /is already rejected/ },
    ],
  },
  {
    route: 'meshes/[slug]/[version]/[feature]/diff',
    action: 'revertCellAction',
    as: 'mo',
    page: (w) => `/meshes/${w.revertCell}/diff?from=${w.earlierRevisionId}&to=${w.headRevisionId}`,
    submit: (page, w) => page.getByRole('button', { name: `Revert to revision ${w.earlierRevisionId}` }),
    form: (w) => {
      const [mesh, version, feature] = w.revertCell.split('/') as [string, string, string];
      const [from, to] = [String(w.earlierRevisionId), String(w.headRevisionId)];
      return { mesh, version, feature, revisionId: from, from, to, reason: '' };
    },
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why the cell goes back/ },
      { name: 'an over-long reason', set: { reason: long(1001) }, shows: /reason must be at most 1,000 characters/ },
      {
        name: 'a revision id that is not a number',
        set: { revisionId: 'abc' },
        shows: /revisionId must be the id of an earlier revision/,
      },
      {
        name: 'a revision of another cell',
        set: { revisionId: String(w.otherCellRevisionId) },
        shows: /revisionId \d+ is not a revision of this cell/,
      },
      {
        name: 'the current revision',
        set: { revisionId: String(w.headRevisionId) },
        shows: /has the same value and sources as the current one/,
      },
      { name: 'a script as mesh', set: { mesh: script }, shows: /Page not found|There is no release/ },
      {
        name: 'a query smuggled into the way back',
        set: { reason: '', to: `${w.headRevisionId}&problem=forged` },
        shows: /reason is required/,
        hides: /forged/,
      },
    ],
  },
];
