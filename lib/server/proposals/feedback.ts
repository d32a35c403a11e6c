import 'server-only';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '@/db/client';
import { changesets, feedbackRounds, proposals, users, type FeedbackRound } from '@/db/schema';
import { defineCommand } from '../command';
import { getDb } from '../db';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../rules/errors';
import { allow } from '../../rules/permissions';
import { recordIdSchema } from '../../rules/validation';
import { requestChangesBodySchema } from '../changesets/schemas';
import { assertChangesSomething, checkCellChange } from './cell-change';
import { cellOfProposal } from './proposals';
import { proposeCellChangeSchema } from './schemas';
import type { CellRef } from '../../rules/cell-keys';

const reviewPages = ['/review', '/proposals'];

export const requestChangesSchema = z
  .object({
    proposalId: recordIdSchema.optional(),
    changesetId: recordIdSchema.optional(),
    ...requestChangesBodySchema.shape,
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.proposalId === undefined) === (input.changesetId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['proposalId'],
        message: 'give either proposalId or changesetId: the one submission the request is about',
      });
  });

/**
 * A moderator asks the author for changes instead of deciding: the proposal
 * (or every pending cell of the changeset) waits for the author, who edits
 * and resubmits. The comment is kept as a feedback round.
 */
export const requestChanges = defineCommand({
  name: 'review.request-changes',
  authorize: allow.moderator,
  schema: requestChangesSchema,
  run: ({ actor, input, tx, at }) => {
    const cells: CellRef[] = [];
    if (input.proposalId !== undefined) {
      const proposal = tx.select().from(proposals).where(eq(proposals.id, input.proposalId)).get();
      if (!proposal) throw new NotFoundError(`There is no proposal ${input.proposalId}.`);
      if (proposal.changesetId)
        throw fieldError(
          'proposalId',
          `is part of changeset ${proposal.changesetId}: ask for changes on the changeset, so its author revises it whole`,
        );
      if (proposal.authorId === actor.id) throw new ForbiddenError('You cannot review your own proposal.');
      if (proposal.status !== 'pending')
        throw new ConflictError(`Proposal ${proposal.id} is ${proposal.status}, not waiting for review.`, {
          status: proposal.status,
        });
      tx.update(proposals)
        .set({ status: 'changes_requested', reviewerId: actor.id, reviewComment: input.comment })
        .where(and(eq(proposals.id, proposal.id), eq(proposals.status, 'pending')))
        .run();
      cells.push(cellOfProposal(tx, proposal));
    } else {
      const changeset = tx.select().from(changesets).where(eq(changesets.id, input.changesetId!)).get();
      if (!changeset) throw new NotFoundError(`There is no changeset ${input.changesetId}.`);
      if (changeset.authorId === actor.id) throw new ForbiddenError('You cannot review your own changeset.');
      if (changeset.status !== 'pending')
        throw new ConflictError(`Changeset ${changeset.id} is ${changeset.status}, not waiting for review.`, {
          status: changeset.status,
        });
      const waiting = tx
        .select()
        .from(proposals)
        .where(and(eq(proposals.changesetId, changeset.id), eq(proposals.status, 'pending')))
        .all();
      tx.update(proposals)
        .set({ status: 'changes_requested', reviewerId: actor.id, reviewComment: input.comment })
        .where(and(eq(proposals.changesetId, changeset.id), eq(proposals.status, 'pending')))
        .run();
      tx.update(changesets)
        .set({ status: 'changes_requested', reviewerId: actor.id })
        .where(eq(changesets.id, changeset.id))
        .run();
      cells.push(...waiting.map((p) => cellOfProposal(tx, p)));
    }
    const round = tx
      .insert(feedbackRounds)
      .values({
        proposalId: input.proposalId ?? null,
        changesetId: input.changesetId ?? null,
        moderatorId: actor.id,
        comment: input.comment,
        requestedAt: at,
      })
      .returning()
      .get();
    return { roundId: round.id, proposalId: input.proposalId ?? null, changesetId: input.changesetId ?? null, cells };
  },
  audit: (result, { input }) => ({
    objectType: result.proposalId ? 'proposal' : 'changeset',
    objectId: String(result.proposalId ?? result.changesetId),
    details: { comment: input.comment, roundId: result.roundId },
  }),
  changes: (result) => ({ cells: result.cells, paths: reviewPages }),
});

/** The author's edit of a single proposal after feedback: the value, its sources and the why; the cell stays. */
export const reviseProposalSchema = proposeCellChangeSchema
  .omit({ mesh: true, version: true, feature: true })
  .extend({ id: recordIdSchema })
  .strict();

/**
 * The author edits a proposal a moderator asked changes for and sends it back
 * to the queue ("updated after feedback"); what it said before is kept on the
 * feedback round, so the earlier version stays visible.
 */
export const reviseProposal = defineCommand({
  name: 'proposal.revise',
  authorize: allow.proposer,
  limit: 'submission',
  schema: reviseProposalSchema,
  run: ({ actor, input, tx, at }) => {
    const proposal = tx.select().from(proposals).where(eq(proposals.id, input.id)).get();
    if (!proposal) throw new NotFoundError(`There is no proposal ${input.id}.`);
    if (proposal.authorId !== actor.id) throw new ForbiddenError('Only the author can revise a proposal.');
    if (proposal.changesetId)
      throw fieldError('id', `is part of changeset ${proposal.changesetId}: revise the changeset instead`);
    if (proposal.status !== 'changes_requested')
      throw new ConflictError(
        `Proposal ${proposal.id} is ${proposal.status}; it can be revised only after a moderator asks for changes.`,
        { status: proposal.status },
      );
    const cell = cellOfProposal(tx, proposal);
    const checked = checkCellChange(tx, {
      ...input,
      mesh: cell.meshSlug,
      version: cell.label,
      feature: cell.featureSlug,
    });
    assertChangesSomething(checked, input.sources);
    const round = tx
      .select()
      .from(feedbackRounds)
      .where(and(eq(feedbackRounds.proposalId, proposal.id), isNull(feedbackRounds.resubmittedAt)))
      .orderBy(desc(feedbackRounds.id))
      .get();
    const previous = {
      support: proposal.support,
      text: proposal.text,
      note: proposal.note,
      sources: proposal.sources,
      rationale: proposal.rationale,
      affiliated: proposal.affiliated,
      baseRevisionId: proposal.baseRevisionId,
    };
    if (round)
      tx.update(feedbackRounds).set({ previous, resubmittedAt: at }).where(eq(feedbackRounds.id, round.id)).run();
    tx.update(proposals)
      .set({
        support: checked.support,
        text: checked.text,
        note: checked.note,
        sources: input.sources.map((s) => ({ url: s.url, title: s.title ?? null })),
        rationale: input.rationale,
        affiliated: input.affiliated,
        baseRevisionId: input.baseRevisionId ?? null,
        status: 'pending',
        resubmittedAt: at,
      })
      .where(eq(proposals.id, proposal.id))
      .run();
    return { id: proposal.id, cell };
  },
  audit: (result) => ({ objectType: 'proposal', objectId: String(result.id) }),
  changes: (result) => ({ cells: [result.cell], paths: reviewPages }),
});

export interface FeedbackRoundView extends FeedbackRound {
  moderatorName: string | null;
}

/** The requests for changes on a proposal or a changeset, oldest first, with what was sent before each answer. */
export function listFeedbackRounds(
  target: { proposalId: number } | { changesetId: number },
  q: Queryable = getDb(),
): FeedbackRoundView[] {
  return q
    .select({ round: feedbackRounds, moderatorName: users.name })
    .from(feedbackRounds)
    .innerJoin(users, eq(users.id, feedbackRounds.moderatorId))
    .where(
      'proposalId' in target
        ? eq(feedbackRounds.proposalId, target.proposalId)
        : eq(feedbackRounds.changesetId, target.changesetId),
    )
    .orderBy(asc(feedbackRounds.id))
    .all()
    .map((row) => ({ ...row.round, moderatorName: row.moderatorName }));
}
