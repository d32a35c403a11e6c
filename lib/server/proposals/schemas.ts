import { z } from 'zod';
import { proposalStatuses, supportLevels } from '@/db/schema';
import { MAX_SOURCES, blankToNull, releaseLabelSchema, slugSchema, sourceInputSchema } from '../../rules/validation';

/**
 * One proposed value for one cell. Shared by the propose form, its server
 * action and `POST /api/v1/proposals`; rules that need the database (current
 * value, row kind, limits) live in lib/server/proposals/proposals.ts.
 */
export const proposeCellChangeSchema = z
  .object({
    mesh: slugSchema,
    version: releaseLabelSchema,
    feature: slugSchema,
    support: z.preprocess(
      blankToNull,
      z.enum(supportLevels, { error: 'must be one of yes, partial, no or unknown' }).nullish(),
    ),
    text: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').nullish(),
    ),
    note: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(1000, 'must be at most 1,000 characters').nullish(),
    ),
    sources: z
      .array(sourceInputSchema, { error: 'must be a list of sources' })
      .min(1, 'need at least one source: a link that supports the value')
      .max(MAX_SOURCES, `can be at most ${MAX_SOURCES}`),
    rationale: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required: say why the cell should change')
      .max(2000, 'must be at most 2,000 characters'),
    affiliated: z.boolean({ error: 'must be true or false' }).default(false),
    baseRevisionId: z.preprocess(
      blankToNull,
      z
        .number({ error: 'must be a revision id' })
        .int('must be a revision id')
        .positive('must be a revision id')
        .nullish(),
    ),
  })
  .strict();

/** Reads the propose form: five optional source rows, blank rows dropped (so error indexes match what is shown back). */
export function proposalInputFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const sources: { url: string; title: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const url = text(`sources.${i}.url`) ?? '';
    const title = text(`sources.${i}.title`) ?? '';
    if (url.trim() || title.trim()) sources.push({ url, title });
  }
  const base = text('baseRevisionId');
  return {
    mesh: text('mesh'),
    version: text('version'),
    feature: text('feature'),
    support: text('support'),
    text: text('text'),
    note: text('note'),
    sources,
    rationale: text('rationale'),
    affiliated: form.get('affiliated') === 'on',
    baseRevisionId: base ? (/^\d+$/.test(base) ? Number(base) : base) : null,
  };
}

/** `GET /api/v1/proposals?mine=1&status=pending` */
export const listProposalsQuerySchema = z
  .object({
    mine: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
    status: z
      .enum(proposalStatuses, { error: 'must be one of pending, approved, rejected, withdrawn or changes_requested' })
      .optional(),
  })
  .strict();

/** Common reasons moderators pick from; free text is always allowed too. */
export const rejectReasons = [
  'No source supports this',
  'The source does not say this',
  'Duplicate of another proposal',
  'Out of scope for this row',
  'Outdated: the cell changed since',
] as const;

const reviewComment = z.preprocess(
  blankToNull,
  z.string({ error: 'must be text' }).trim().max(1000, 'must be at most 1,000 characters').nullish(),
);

export const reviewDecisionSchemas = {
  approve: z
    .object({
      comment: reviewComment,
      overConflict: z.boolean({ error: 'must be true or false' }).default(false),
    })
    .strict(),
  reject: z
    .object({
      reason: z
        .string({ error: 'is required: tell the author why' })
        .trim()
        .min(3, 'is required: tell the author why')
        .max(1000, 'must be at most 1,000 characters'),
    })
    .strict(),
  revert: z
    .object({
      revisionId: z
        .number({ error: 'must be the id of an earlier revision' })
        .int('must be the id of an earlier revision')
        .positive('must be the id of an earlier revision'),
      reason: z
        .string({ error: 'is required: say why the cell goes back' })
        .trim()
        .min(3, 'is required: say why the cell goes back')
        .max(1000, 'must be at most 1,000 characters'),
    })
    .strict(),
};
