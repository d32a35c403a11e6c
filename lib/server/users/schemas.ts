import { z } from 'zod';
import { roles } from '@/db/schema';
import { blankToNull } from '../../rules/validation';

const userIdSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value),
  z
    .number({ error: 'must be the numeric id of a user' })
    .int('must be the numeric id of a user')
    .positive('must be the numeric id of a user')
    .max(Number.MAX_SAFE_INTEGER, 'must be the numeric id of a user'),
);

/** Why an admin changed someone's role or ban: shown in the audit log (and, for a ban, on the user's record). */
const userChangeReason = z
  .string({ error: 'is required: say why' })
  .trim()
  .min(1, { error: 'is required: say why', abort: true })
  .min(3, 'must be at least 3 characters')
  .max(500, 'must be at most 500 characters');

export const changeUserRoleSchema = z
  .object({
    userId: userIdSchema,
    role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
    reason: userChangeReason,
  })
  .strict();

export const banUserSchema = z.object({ userId: userIdSchema, reason: userChangeReason }).strict();

export const unbanUserSchema = banUserSchema;

/** `/admin/users?q=ali&page=2` */
export const listUsersQuerySchema = z.object({
  q: z.preprocess(
    blankToNull,
    z.string({ error: 'must be text' }).trim().max(100, 'must be at most 100 characters').nullish(),
  ),
  page: z.preprocess(
    (value) =>
      value === undefined || value === ''
        ? 1
        : typeof value === 'string' && /^\d{1,6}$/.test(value)
          ? Number(value)
          : value,
    z
      .number({ error: 'must be a page number' })
      .int('must be a page number')
      .min(1, 'must be a page number')
      .max(100_000, 'must be a page number'),
  ),
});

/** Marking someone trusted or taking it back; a form sends `trusted` as the text "true" or "false". */
export const setUserTrustSchema = z
  .object({
    userId: userIdSchema,
    trusted: z.preprocess(
      (value) => (value === 'true' ? true : value === 'false' ? false : value),
      z.boolean({ error: 'must be true or false' }),
    ),
    reason: userChangeReason,
  })
  .strict();
