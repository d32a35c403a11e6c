import { z } from 'zod';
import { commentTargets, type CommentTarget } from '@/db/schema';
import { recordIdSchema, releaseLabelSchema, slugSchema } from '../../rules/validation';
import { cellPath } from '../../rules/format';

export const MAX_COMMENT_LENGTH = 2000;

/** Which ids each kind of thread names; anything else sent is refused by name. */
const targetFields: Record<CommentTarget, readonly ('proposalId' | 'changesetId' | 'mesh' | 'version' | 'feature')[]> =
  {
    proposal: ['proposalId'],
    changeset: ['changesetId'],
    cell: ['mesh', 'version', 'feature'],
    row: ['feature'],
  };
const allTargetFields = ['proposalId', 'changesetId', 'mesh', 'version', 'feature'] as const;

/** Every target field the thread needs is there, and none it does not take. */
function checkTargetFields(
  value: { target: CommentTarget } & Partial<Record<(typeof allTargetFields)[number], unknown>>,
  ctx: z.RefinementCtx,
  names: Record<(typeof allTargetFields)[number], string> = {
    proposalId: 'proposalId',
    changesetId: 'changesetId',
    mesh: 'mesh',
    version: 'version',
    feature: 'feature',
  },
): void {
  const wanted = targetFields[value.target];
  for (const field of allTargetFields) {
    const given = value[field] !== undefined && value[field] !== null;
    if (wanted.includes(field) && !given)
      ctx.addIssue({ code: 'custom', path: [names[field]], message: `is required for a ${value.target} comment` });
    if (!wanted.includes(field) && given)
      ctx.addIssue({ code: 'custom', path: [names[field]], message: `is not taken by a ${value.target} comment` });
  }
}

/**
 * A new comment: what it is about (a proposal, a changeset, a cell or a row) and its plain text. Shared by the
 * comment form's server action and `POST /api/v1/comments`; whether the thing exists is checked in the command.
 */
export const addCommentSchema = z
  .object({
    target: z.enum(commentTargets, { error: 'must be one of proposal, changeset, cell or row' }),
    proposalId: recordIdSchema.optional(),
    changesetId: recordIdSchema.optional(),
    mesh: slugSchema.optional(),
    version: releaseLabelSchema.optional(),
    feature: slugSchema.optional(),
    body: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required: write your comment')
      .max(MAX_COMMENT_LENGTH, 'must be at most 2,000 characters'),
  })
  .strict()
  .superRefine((value, ctx) => checkTargetFields(value, ctx));

export type AddCommentInput = z.output<typeof addCommentSchema>;
/** What a thread is about, as the command and the queries name it. */
export type CommentTargetInput = Omit<AddCommentInput, 'body'>;

/** Hiding takes the comment and a reason that the author and moderators see. */
export const hideCommentSchema = z
  .object({
    id: recordIdSchema,
    reason: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required: say why the comment is hidden')
      .max(500, 'must be at most 500 characters'),
  })
  .strict();

export const unhideCommentSchema = z.object({ id: recordIdSchema }).strict();

/** `GET /api/v1/comments?proposal=ID | changeset=ID | mesh=…&version=…&feature=… | feature=…` */
export const listCommentsQuerySchema = z
  .object({
    proposal: recordIdSchema.optional(),
    changeset: recordIdSchema.optional(),
    mesh: slugSchema.optional(),
    version: releaseLabelSchema.optional(),
    feature: slugSchema.optional(),
  })
  .strict()
  .transform((query, ctx): CommentTargetInput => {
    const target: CommentTarget =
      query.proposal !== undefined
        ? 'proposal'
        : query.changeset !== undefined
          ? 'changeset'
          : query.mesh !== undefined || query.version !== undefined
            ? 'cell'
            : 'row';
    const value = {
      target,
      proposalId: query.proposal,
      changesetId: query.changeset,
      mesh: query.mesh,
      version: query.version,
      feature: query.feature,
    };
    checkTargetFields(value, ctx, {
      proposalId: 'proposal',
      changesetId: 'changeset',
      mesh: 'mesh',
      version: 'version',
      feature: 'feature',
    });
    return value;
  });

/** The page that shows a thread and its form; a cell's is its per-request talk page (the cell page itself is cached). */
export function commentThreadPath(input: CommentTargetInput): string {
  switch (input.target) {
    case 'proposal':
      return `/proposals/${input.proposalId}`;
    case 'changeset':
      return `/changesets/${input.changesetId}`;
    case 'cell':
      return `${cellPath(input.mesh!, input.version!, input.feature!)}/talk`;
    case 'row':
      return `/rows/${input.feature}`;
  }
}
