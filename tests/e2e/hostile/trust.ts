/**
 * Hostile input for trusted contributors: trusting someone (the admin page and the moderators' contributor page), the
 * patrol list's check and revert, the threshold setting, and their API.
 */
import { idPathCases } from './api-cases';
import { script, long, type ApiEntry, type FormCase, type FormEntry, type World } from './types';

export const apiEntries: ApiEntry[] = [
  {
    route: 'api/v1/patrol',
    method: 'GET',
    as: 'mo',
    path: () => '/api/v1/patrol',
    cases: () => [
      { name: 'an unknown parameter', path: '/api/v1/patrol?status=all', status: 400, names: 'status' },
      { name: 'a script as parameter', path: `/api/v1/patrol?${encodeURIComponent(script)}=1`, status: 400 },
    ],
  },
  {
    route: 'api/v1/proposals/[id]/patrol',
    method: 'POST',
    as: 'ada',
    path: (w) => `/api/v1/proposals/${w.patrolId}/patrol`,
    body: () => ({ revert: false, reason: 'sweep' }),
    fields: { revert: { kind: 'boolean' }, reason: { kind: 'text', max: 1000 } },
    cases: (w) => [
      ...idPathCases((id) => `/api/v1/proposals/${id}/patrol`, {}),
      { name: 'a revert without a reason', body: { revert: true }, status: 400, names: 'reason' },
      { name: 'a smuggled patroller', body: { patrolledById: 1 }, status: 400, names: 'patrolledById' },
      {
        name: 'a proposal that went through review',
        path: `/api/v1/proposals/${w.rejectedId}/patrol`,
        body: {},
        status: 409,
        names: 'not published without review',
      },
    ],
  },
];

/** The trust form's cases, the same on both pages that show it; `who` submits the page's own user's id. */
function trustCases(w: World, ownId: number, guardMessage: RegExp): FormCase[] {
  return [
    { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
    { name: 'a blank reason', set: { reason: '   ' }, shows: /reason is required: say why/ },
    { name: 'a two-letter reason', set: { reason: 'ok' }, shows: /reason must be at least 3 characters/ },
    { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
    { name: 'a control character', set: { reason: 'good\u0007work' }, shows: /reason/ },
    { name: 'trusted neither true nor false', set: { trusted: 'maybe' }, shows: /trusted must be true or false/ },
    { name: 'no trusted', set: { trusted: '' }, shows: /trusted must be true or false/ },
    { name: 'taking back what was never given', set: { trusted: 'false' }, shows: /alice is not trusted/ },
    { name: 'a user id that is not a number', set: { userId: 'abc' }, shows: /userId must be the numeric id/ },
    { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
    { name: 'a script as reason for nobody', set: { reason: script, userId: '999999' }, shows: /no user 999999/ },
    { name: 'an id of nobody', set: { userId: '999999' }, shows: /There is no user 999999/ },
    {
      name: 'a banned user',
      set: { userId: String(w.banned.id) },
      shows: new RegExp(`${w.banned.name} is banned; lift the ban`),
    },
    { name: 'their own trust', set: { userId: String(ownId) }, shows: /cannot change your own trust/ },
    { name: 'a contributor', as: 'alice', set: {}, shows: guardMessage },
    { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as a moderator/ },
  ];
}

const patrolIdCases = (w: World): FormCase[] => [
  { name: 'an id that is not a number', set: { id: 'abc' }, shows: /id must be a positive whole number/ },
  { name: 'an id of no proposal', set: { id: '999999' }, shows: /There is no proposal 999999/ },
  {
    name: 'a proposal that went through review',
    set: { id: String(w.rejectedId) },
    shows: /was not published without review/,
  },
  { name: 'an over-long reason', set: { reason: long(1001) }, shows: /reason must be at most 1,000 characters/ },
  { name: 'his own proposal', as: 'mo', set: {}, shows: /You cannot patrol your own proposal/ },
];

export const formEntries: FormEntry[] = [
  {
    route: 'admin/users',
    action: 'setUserTrustAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Trust alice' }),
    form: (w) => ({ userId: String(w.aliceId), trusted: 'true', reason: '' }),
    valid: { reason: 'sweep' },
    cases: (w) => trustCases(w, w.adaId, /Only moderators and admins can do this/),
  },
  {
    route: 'review/contributors/[id]',
    action: 'setContributorTrustAction',
    as: 'mo',
    page: (w) => `/review/contributors/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Trust alice' }),
    form: (w) => ({ userId: String(w.aliceId), trusted: 'true', reason: '' }),
    valid: { reason: 'sweep' },
    cases: (w) => trustCases(w, w.moId, /Only moderators and admins can do this/),
  },
  {
    route: 'review/patrol',
    action: 'markPatrolledAction',
    as: 'ada',
    page: () => '/review/patrol',
    submit: (page, w) => page.getByRole('button', { name: `Mark proposal ${w.patrolId} checked` }),
    form: (w) => ({ id: String(w.patrolId), reason: '' }),
    cases: (w) => [
      ...patrolIdCases(w),
      { name: 'a two-letter note', set: { reason: 'ok' }, shows: /reason must be at least 3 characters/ },
    ],
  },
  {
    route: 'review/patrol',
    action: 'revertPatrolledAction',
    as: 'ada',
    page: () => '/review/patrol',
    submit: (page, w) => page.getByRole('button', { name: `Revert proposal ${w.patrolId}` }),
    form: (w) => ({ id: String(w.patrolId), reason: '' }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why the value goes back/ },
      ...patrolIdCases(w),
      { name: 'a script as reason for nobody', set: { reason: script, id: '999999' }, shows: /no proposal 999999/ },
    ],
  },
  {
    route: 'admin/settings',
    action: 'setTrustThresholdAction',
    as: 'ada',
    page: () => '/admin/settings',
    submit: (page) => page.getByRole('button', { name: 'Save the trust threshold' }),
    form: () => ({ minApproved: '20', days: '90' }),
    cases: () => [
      { name: 'no approvals needed', set: { minApproved: '0' }, shows: /minApproved must be a whole number from 1/ },
      { name: 'a fraction', set: { minApproved: '1.5' }, shows: /minApproved must be a whole number from 1/ },
      { name: 'a script as approvals', set: { minApproved: script }, shows: /minApproved must be a whole number/ },
      { name: 'no days', set: { days: '' }, shows: /days must be a whole number of days/ },
      { name: 'ten thousand years', set: { days: '3650001' }, shows: /days must be a whole number of days/ },
      { name: 'a negative number of days', set: { days: '-5' }, shows: /days must be a whole number of days/ },
      { name: 'a moderator', as: 'mo', set: {}, shows: /Only admins can do this/ },
      { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as an admin/ },
    ],
  },
];
