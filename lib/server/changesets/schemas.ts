import { z } from 'zod';
import { supportLevels } from '@/db/schema';
import { proposeCellChangeSchema } from '../proposals/schemas';
import {
  MAX_SOURCES,
  blankToNull,
  isoDate,
  optionalHttpUrl,
  recordIdSchema,
  releaseLabelSchema,
  slugSchema,
  sourceInputSchema,
} from '../../rules/validation';

/** A changeset changes at most this many cells: a release's worth, and what one moderator can check in a sitting. */
export const MAX_CHANGESET_CELLS = 100;

const optionalText = (max: number, label: string) =>
  z.preprocess(
    blankToNull,
    z.string({ error: 'must be text' }).trim().max(max, `must be at most ${label} characters`).nullish(),
  );

/** One changed cell; its sources add to the changeset's shared ones. */
export const changesetChangeSchema = z
  .object({
    mesh: slugSchema,
    version: releaseLabelSchema,
    feature: slugSchema,
    support: z.preprocess(
      blankToNull,
      z.enum(supportLevels, { error: 'must be one of yes, partial, no or unknown' }).nullish(),
    ),
    text: optionalText(500, '500'),
    note: optionalText(1000, '1,000'),
    sources: z
      .array(sourceInputSchema, { error: 'must be a list of sources' })
      .max(MAX_SOURCES, `can be at most ${MAX_SOURCES}`)
      .default([]),
    baseRevisionId: proposeCellChangeSchema.shape.baseRevisionId,
  })
  .strict();

/** A new release the changeset proposes; approving the changeset creates it the way a moderator would. */
export const proposedReleaseSchema = z
  .object({
    mesh: slugSchema,
    label: releaseLabelSchema,
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
    /** Where the release date can be checked; required with a date, as every value cites a source. */
    releasedOnSource: optionalHttpUrl,
    notesUrl: optionalHttpUrl,
  })
  .strict()
  .superRefine((release, ctx) => {
    if (release.releasedOn && !release.releasedOnSource)
      ctx.addIssue({
        code: 'custom',
        path: ['releasedOnSource'],
        message: 'is required with a release date: a link that gives the date',
      });
  });

const changesetFields = {
  title: z
    .string({ error: 'is required' })
    .trim()
    .min(3, 'is required: a short summary such as "Istio 1.24 release notes"')
    .max(200, 'must be at most 200 characters'),
  sources: z
    .array(sourceInputSchema, { error: 'must be a list of sources' })
    .max(MAX_SOURCES, `can be at most ${MAX_SOURCES}`)
    .default([]),
  rationale: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why these cells should change')
    .max(2000, 'must be at most 2,000 characters'),
  affiliated: z.boolean({ error: 'must be true or false' }).default(false),
  changes: z
    .array(changesetChangeSchema, { error: 'must be a list of changed cells' })
    .max(MAX_CHANGESET_CELLS, `can change at most ${MAX_CHANGESET_CELLS} cells in one changeset`),
};

/** `POST /api/v1/changesets`, the release page's form and its action. */
export const proposeChangesetSchema = z
  .object({ ...changesetFields, release: proposedReleaseSchema.optional() })
  .strict()
  .superRefine((changeset, ctx) => {
    if (!changeset.changes.length && !changeset.release)
      ctx.addIssue({
        code: 'custom',
        path: ['changes'],
        message: 'is empty: change at least one cell, or propose a new release',
      });
    changeset.changes.forEach((change, index) => {
      if (!changeset.sources.length && !change.sources.length)
        ctx.addIssue({
          code: 'custom',
          path: ['changes', index, 'sources'],
          message: 'need at least one source: give a shared source for the changeset or one for this cell',
        });
    });
  });

/** The author's edit after a moderator asked for changes: the whole changeset again, cells matched by cell. */
export const reviseChangesetSchema = z
  .object({ id: recordIdSchema, ...changesetFields })
  .strict()
  .superRefine((changeset, ctx) => {
    changeset.changes.forEach((change, index) => {
      if (!changeset.sources.length && !change.sources.length)
        ctx.addIssue({
          code: 'custom',
          path: ['changes', index, 'sources'],
          message: 'need at least one source: give a shared source for the changeset or one for this cell',
        });
    });
  });

const proposalIdList = z
  .array(recordIdSchema, { error: 'must be a list of proposal ids' })
  .max(MAX_CHANGESET_CELLS, `can list at most ${MAX_CHANGESET_CELLS} proposals`);

const reviewComment = optionalText(1000, '1,000');

/**
 * One decision on a changeset, in one transaction: the cells to approve, the
 * cells to reject (with the reason), and the conflicting cells the moderator
 * approves over the change explicitly. Cells named in neither stay pending.
 */
export const decideChangesetSchema = z
  .object({
    id: recordIdSchema,
    approve: proposalIdList.default([]),
    reject: proposalIdList.default([]),
    /** The API's reject of some cells: the same as `reject`, under the name the API documents. */
    only: proposalIdList.default([]),
    overConflict: proposalIdList.default([]),
    /** Approve every pending cell but those in `except`, and the proposed release if one waits (the API's approve). */
    approveAll: z.boolean({ error: 'must be true or false' }).default(false),
    except: proposalIdList.default([]),
    /** Reject every pending cell not approved, and the proposed release if one waits (the API's reject). */
    rejectAll: z.boolean({ error: 'must be true or false' }).default(false),
    /** Create the release the changeset proposes (before its cells are approved onto it). */
    approveRelease: z.boolean({ error: 'must be true or false' }).default(false),
    /** Turn the proposed release down, and with it every cell for it that is not approved. */
    rejectRelease: z.boolean({ error: 'must be true or false' }).default(false),
    reason: optionalText(1000, '1,000'),
    comment: reviewComment,
  })
  .strict()
  .superRefine((decision, ctx) => {
    if (decision.approveAll && decision.rejectAll)
      ctx.addIssue({ code: 'custom', path: ['rejectAll'], message: 'cannot be set with approveAll' });
    if (decision.rejectAll && (!decision.reason || decision.reason.length < 3))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required: tell the author why' });
    if (decision.approveRelease && decision.rejectRelease)
      ctx.addIssue({ code: 'custom', path: ['rejectRelease'], message: 'cannot be set with approveRelease' });
    if (decision.rejectRelease && (!decision.reason || decision.reason.length < 3))
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is required: tell the author why the release is turned down',
      });
    const approving = new Set(decision.approve);
    decision.reject.forEach((id, index) => {
      if (approving.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['reject', index],
          message: `lists proposal ${id}, which is also approved`,
        });
    });
    if ((decision.reject.length || decision.only.length) && (!decision.reason || decision.reason.length < 3))
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is required: tell the author why cells are rejected',
      });
  });

/** `POST /api/v1/changesets/{id}/approve` */
export const approveChangesetBodySchema = z
  .object({
    except: proposalIdList.default([]),
    overConflict: proposalIdList.default([]),
    comment: reviewComment,
  })
  .strict();

/** `POST /api/v1/changesets/{id}/reject` */
export const rejectChangesetBodySchema = z
  .object({
    reason: z
      .string({ error: 'is required: tell the author why' })
      .trim()
      .min(3, 'is required: tell the author why')
      .max(1000, 'must be at most 1,000 characters'),
    only: proposalIdList.optional(),
  })
  .strict();

/** A moderator asks the author of a proposal or a changeset for changes, saying what. */
export const requestChangesBodySchema = z
  .object({
    comment: z
      .string({ error: 'is required: say what should change' })
      .trim()
      .min(3, 'is required: say what should change')
      .max(2000, 'must be at most 2,000 characters'),
  })
  .strict();
