import { z } from 'zod';
import { blankToNull, recordIdSchema, releaseLabelSchema, slugSchema } from '../../rules/validation';

/**
 * What to follow: `{mesh}`, `{feature}` (a row in every mesh) or `{mesh, version, feature}` (one cell). Shared by the
 * Follow buttons and `POST /api/v1/watches`; which combination is allowed is lib/rules/watchlist.ts's
 * `watchTargetKindOf`, what exists is the command's.
 */
export const watchTargetSchema = z
  .object({
    mesh: z.preprocess(blankToNull, slugSchema.nullish()),
    version: z.preprocess(blankToNull, releaseLabelSchema.nullish()),
    feature: z.preprocess(blankToNull, slugSchema.nullish()),
  })
  .strict();

/** Unfollowing takes the watch's id only. */
export const unwatchTargetSchema = z.object({ id: recordIdSchema }).strict();

/** `replace` makes a new secret feed URL (the old one stops working); `revoke` turns the feed off. */
export const rotateFeedTokenSchema = z
  .object({
    feed: z.enum(['replace', 'revoke'], { error: 'must be replace or revoke' }),
  })
  .strict();

/** Opening /watchlist takes no input. */
export const markWatchlistSeenSchema = z.object({}).strict();

/** `GET /api/v1/watches` and `GET /api/v1/watchlist` take no parameters; any given is refused by name. */
export const noQuerySchema = z.object({}).strict();

/** `/watchlist?followed=…&unfollowed=…&feed=…&problem=…`: where its buttons and the Follow buttons come back to. */
export const watchlistPageQuerySchema = z
  .object({
    followed: z.string().optional(),
    unfollowed: z.string().optional(),
    feed: z.string().optional(),
    problem: z.string().optional(),
  })
  .strict();
