/**
 * Hostile input for the admin people forms. Every form is shown to ada; `as` cases submit it after someone else signed in
 * in the same browser.
 */
import { script, long, type FormEntry } from './types';

export const formEntries: FormEntry[] = [
  {
    route: 'admin/users',
    action: 'changeUserRoleAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Change role of alice' }),
    form: (w) => ({ userId: String(w.aliceId), role: 'contributor', reason: '' }),
    valid: { role: 'moderator', reason: 'sweep' },
    cases: (w) => [
      { name: 'a script as role', set: { role: script }, shows: /role must be one of contributor, moderator, admin/ },
      {
        name: 'a role we do not have',
        set: { role: 'superuser' },
        shows: /role must be one of contributor, moderator, admin/,
      },
      { name: 'no role', set: { role: '' }, shows: /role must be one of contributor, moderator, admin/ },
      { name: 'the role she has', set: { role: 'contributor' }, shows: /alice is already a contributor/ },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'a blank reason', set: { reason: '   ' }, shows: /reason is required: say why/ },
      { name: 'a two-letter reason', set: { reason: 'ok' }, shows: /reason must be at least 3 characters/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      {
        name: 'a script as reason with a bad role',
        set: { role: 'root', reason: script },
        shows: /role must be one of/,
      },
      {
        name: 'a user id that is not a number',
        set: { userId: 'abc' },
        shows: /userId must be the numeric id of a user/,
      },
      { name: 'user id 0', set: { userId: '0' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a negative user id', set: { userId: '-1' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a fractional user id', set: { userId: '1.5' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      {
        name: 'a sixteen-digit user id',
        set: { userId: '9'.repeat(16) },
        shows: /userId must be the numeric id of a user/,
      },
      { name: 'an id of nobody', set: { userId: '999999' }, shows: /There is no user 999999/ },
      {
        name: 'the last admin demoted',
        set: { userId: String(w.adaId) },
        shows: /ada is the only admin who is not banned/,
      },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'a moderator', as: 'mo', set: {}, shows: /Only admins can do this/ },
      { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as an admin/ },
    ],
  },
  {
    route: 'admin/users',
    action: 'banUserAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.aliceId}`,
    submit: (page) => page.getByRole('button', { name: 'Ban alice' }),
    form: (w) => ({ userId: String(w.aliceId), reason: '' }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'a two-letter reason', set: { reason: 'no' }, shows: /reason must be at least 3 characters/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      {
        name: 'a script as reason for nobody',
        set: { reason: script, userId: '999999' },
        shows: /There is no user 999999/,
      },
      {
        name: 'a user id that is not a number',
        set: { userId: '1 OR 1=1' },
        shows: /userId must be the numeric id of a user/,
      },
      { name: 'no user id', set: { userId: '' }, shows: /userId must be the numeric id of a user/ },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      {
        name: 'someone already banned',
        set: { userId: String(w.banned.id) },
        shows: new RegExp(`${w.banned.name} is already banned`),
      },
      { name: 'the last admin', set: { userId: String(w.adaId) }, shows: /ada is the only admin who is not banned/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'someone signed out', as: 'anonymous', set: {}, shows: /Sign in as an admin/ },
    ],
  },
  {
    route: 'admin/users',
    action: 'unbanUserAction',
    as: 'ada',
    page: (w) => `/admin/users/${w.banned.id}`,
    submit: (page, w) => page.getByRole('button', { name: `Lift the ban on ${w.banned.name}` }),
    form: (w) => ({ userId: String(w.banned.id), reason: '' }),
    valid: { reason: 'sweep' },
    cases: (w) => [
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      {
        name: 'a user id that is not a number',
        set: { userId: 'abc' },
        shows: /userId must be the numeric id of a user/,
      },
      { name: 'a script as user id', set: { userId: script }, shows: /userId must be the numeric id of a user/ },
      { name: 'someone not banned', set: { userId: String(w.aliceId) }, shows: /alice is not banned/ },
      { name: 'an id of nobody', set: { userId: '999999' }, shows: /There is no user 999999/ },
      { name: 'a contributor', as: 'alice', set: {}, shows: /Only admins can do this/ },
      { name: 'a moderator', as: 'mo', set: {}, shows: /Only admins can do this/ },
    ],
  },
];
