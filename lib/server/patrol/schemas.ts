import { z } from 'zod';
import { blankToNull, recordIdSchema } from '../../rules/validation';

/**
 * A moderator's check of a proposal that published without review: marked
 * checked, or reverted (the value before it put back) and marked checked in
 * the same transaction. A revert needs a reason; a check may carry a note.
 */
export const patrolProposalSchema = z
  .object({
    id: recordIdSchema,
    revert: z.boolean({ error: 'must be true or false' }).default(false),
    reason: z.preprocess(
      blankToNull,
      z
        .string({ error: 'must be text' })
        .trim()
        .min(3, 'must be at least 3 characters')
        .max(1000, 'must be at most 1,000 characters')
        .nullish(),
    ),
  })
  .strict();

/** `GET /api/v1/patrol` takes no parameters; any sent is refused by name. */
export const listPatrolQuerySchema = z.object({}).strict();
