/**
 * Hostile input for the discussion: the comments API (add, read, hide, unhide) and the comment, hide and unhide forms
 * of a row's talk thread.
 */
import { idPathCases } from './api-cases';
import { script, long, type ApiEntry, type FormEntry } from './types';

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/comments',
    method: 'POST',
    as: 'alice',
    path: () => '/api/v1/comments',
    body: (w) => ({ target: 'row', feature: w.commentRow, body: 'sweep' }),
    fields: {
      target: { kind: 'enum' },
      feature: { kind: 'slug' },
      body: { kind: 'text', max: 2000, required: true },
    },
    cases: (w) => [
      { name: 'no target', body: { feature: w.commentRow, body: 'x' }, status: 400, names: 'target' },
      {
        name: 'a proposal comment without its id',
        body: { target: 'proposal', body: 'x' },
        status: 400,
        names: 'proposalId',
      },
      {
        name: 'a cell comment without its release',
        body: { target: 'cell', mesh: 'istio', feature: w.commentRow, body: 'x' },
        status: 400,
        names: 'version',
      },
      {
        name: 'a row comment naming a proposal too',
        body: { target: 'row', feature: w.commentRow, proposalId: w.pendingId, body: 'x' },
        status: 400,
        names: 'proposalId',
      },
      {
        name: 'a proposal that does not exist',
        body: { target: 'proposal', proposalId: 999999, body: 'x' },
        status: 400,
        names: 'proposalId',
      },
      {
        name: 'a changeset that does not exist',
        body: { target: 'changeset', changesetId: 999999, body: 'x' },
        status: 400,
        names: 'changesetId',
      },
      {
        name: 'a row that does not exist',
        body: { target: 'row', feature: 'nosuchrow', body: 'x' },
        status: 400,
        names: 'feature',
      },
      {
        name: 'smuggled author and hiding',
        body: { target: 'row', feature: w.commentRow, body: 'x', authorId: 1, hiddenAt: null },
        status: 400,
        names: 'authorId',
      },
    ],
  },
  {
    route: 'api/v1/comments',
    method: 'GET',
    as: 'anonymous',
    path: (w) => `/api/v1/comments?feature=${w.commentRow}`,
    cases: (w) => [
      { name: 'no thread named', path: '/api/v1/comments', status: 400, names: 'feature' },
      {
        name: 'a script as row',
        path: `/api/v1/comments?feature=${encodeURIComponent(script)}`,
        status: 400,
        names: 'feature',
      },
      { name: 'a proposal id that is not one', path: '/api/v1/comments?proposal=abc', status: 400, names: 'proposal' },
      {
        name: 'two threads at once',
        path: `/api/v1/comments?proposal=${w.pendingId}&feature=${w.commentRow}`,
        status: 400,
        names: 'feature',
      },
      {
        name: 'an unknown parameter',
        path: `/api/v1/comments?feature=${w.commentRow}&author=1`,
        status: 400,
        names: 'author',
      },
      {
        name: 'a repeated row',
        path: `/api/v1/comments?feature=${w.commentRow}&feature=mtls`,
        status: 400,
        names: 'feature',
      },
      { name: 'a row that does not exist', path: '/api/v1/comments?feature=nosuchrow', status: 400, names: 'feature' },
    ],
  },
  {
    route: 'api/v1/comments/[id]/hide',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/comments/${w.commentId}/hide`,
    body: () => ({ reason: 'sweep' }),
    fields: { reason: { kind: 'text', max: 500, required: true } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/comments/${id}/hide`, { reason: 'sweep' }),
      {
        name: 'a comment already hidden',
        path: `/api/v1/comments/${w.hiddenCommentId}/hide`,
        body: { reason: 'sweep' },
        status: 409,
        names: 'already hidden',
      },
      {
        name: 'a hiddenAt in the body',
        body: { reason: 'sweep', hiddenAt: '2020-01-01' },
        status: 400,
        names: 'hiddenAt',
      },
    ],
  },
  {
    route: 'api/v1/comments/[id]/unhide',
    method: 'POST',
    as: 'mo',
    path: (w) => `/api/v1/comments/${w.hiddenCommentId}/unhide`,
    body: () => ({}),
    fields: {},
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/comments/${id}/unhide`, {}),
      {
        name: 'a comment that is not hidden',
        path: `/api/v1/comments/${w.commentId}/unhide`,
        body: {},
        status: 409,
        names: 'is not hidden',
      },
      { name: 'a reason in the body', body: { reason: 'x' }, status: 400, names: 'reason' },
    ],
  },
];

export const formEntries: FormEntry[] = [
  {
    route: 'comments',
    action: 'addCommentAction',
    as: 'alice',
    page: (w) => `/rows/${w.commentRow}`,
    submit: (page) => page.getByRole('button', { name: 'Post comment' }),
    form: (w) => ({ target: 'row', feature: w.commentRow, body: '' }),
    cases: (w) => [
      { name: 'a blank comment', set: { body: ' \n ' }, shows: /body is required/ },
      { name: 'an over-long comment', set: { body: long(2001) }, shows: /body must be at most 2,000 characters/ },
      { name: 'a bidirectional control', set: { body: 'safe\u202Etxt.exe' }, shows: /body contains a bidirectional/ },
      { name: 'a target of no kind', set: { target: script, body: 'x' }, shows: /target must be one of/ },
      {
        name: 'a row that does not exist',
        set: { feature: 'nosuchrow', body: 'x' },
        shows: /feature "nosuchrow" is not a row/,
      },
      {
        name: 'a proposal id on a row comment',
        set: { proposalId: String(w.pendingId), body: 'x' },
        shows: /proposalId is not taken by a row comment/,
      },
      {
        name: 'a proposal target on the row form',
        set: { target: 'proposal', proposalId: '999999', body: 'x' },
        shows: /feature is not taken by a proposal comment/,
      },
    ],
  },
  {
    route: 'comments',
    action: 'hideCommentAction',
    as: 'mo',
    page: (w) => `/rows/${w.commentRow}`,
    submit: (page, w) => page.getByRole('button', { name: `Hide comment ${w.commentId}` }),
    form: (w) => ({ id: String(w.commentId), reason: '' }),
    cases: (w) => [
      { name: 'no reason', set: { reason: ' ' }, shows: /reason is required/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      {
        name: 'a comment already hidden',
        set: { id: String(w.hiddenCommentId), reason: 'x' },
        shows: /is already hidden/,
      },
      { name: 'an id that is not one', set: { id: 'abc', reason: 'x' }, shows: /id must be a positive whole number/ },
      {
        name: 'a comment that does not exist',
        set: { id: '999999', reason: 'x' },
        shows: /There is no comment 999999/,
      },
    ],
  },
  {
    route: 'comments',
    action: 'unhideCommentAction',
    as: 'mo',
    page: (w) => `/rows/${w.commentRow}`,
    submit: (page, w) => page.getByRole('button', { name: `Show again comment ${w.hiddenCommentId}` }),
    form: (w) => ({ id: String(w.hiddenCommentId) }),
    cases: (w) => [
      { name: 'a comment that is not hidden', set: { id: String(w.commentId) }, shows: /is not hidden/ },
      { name: 'an id that is not one', set: { id: script }, shows: /id must be a positive whole number/ },
      { name: 'a comment that does not exist', set: { id: '999999' }, shows: /There is no comment 999999/ },
    ],
  },
];
