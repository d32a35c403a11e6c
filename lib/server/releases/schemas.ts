import { z } from 'zod';
import { sourceUrlProblem } from '../../rules/sources';
import { blankToNull, isoDate, optionalHttpUrl, releaseLabelSchema } from '../../rules/validation';

export const addReleaseSchema = z
  .object({
    label: releaseLabelSchema,
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
    releaseNotesUrl: optionalHttpUrl,
  })
  .strict();

export const updateReleaseSchema = z
  .object({
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
    releaseNotesUrl: optionalHttpUrl,
  })
  .strict();

export const setMeshStatusSchema = z
  .object({
    status: z.enum(['active', 'archived'], { error: 'must be active or archived' }),
    reason: z
      .string({ error: 'is required' })
      .trim()
      .min(3, 'is required: say why')
      .max(500, 'must be at most 500 characters'),
    sourceUrl: z
      .string({ error: 'is required: a link where the change can be checked' })
      .trim()
      .min(1, 'is required: a link where the change can be checked')
      .superRefine((url, ctx) => {
        const problem = sourceUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();
