import { z } from 'zod';

/**
 * The automatic trust threshold an admin may turn on: a contributor with at
 * least `minApproved` approved proposals, none of whose published values was
 * reverted in the last `days` days, counts as trusted. Off by default: nobody
 * becomes trusted without a person deciding it until an admin says otherwise.
 */
export interface TrustThreshold {
  enabled: boolean;
  minApproved: number;
  days: number;
}

export const TRUST_THRESHOLD_KEY = 'trust.threshold';

export const defaultTrustThreshold: TrustThreshold = { enabled: false, minApproved: 20, days: 90 };

const wholeNumberFrom = (value: unknown) =>
  typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value;

export const trustThresholdSchema = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }),
    minApproved: z.preprocess(
      wholeNumberFrom,
      z
        .number({ error: 'must be a whole number from 1 to 10,000' })
        .int('must be a whole number from 1 to 10,000')
        .min(1, 'must be a whole number from 1 to 10,000')
        .max(10_000, 'must be a whole number from 1 to 10,000'),
    ),
    days: z.preprocess(
      wholeNumberFrom,
      z
        .number({ error: 'must be a whole number of days from 1 to 3,650' })
        .int('must be a whole number of days from 1 to 3,650')
        .min(1, 'must be a whole number of days from 1 to 3,650')
        .max(3650, 'must be a whole number of days from 1 to 3,650'),
    ),
  })
  .strict();

/** The stored setting, or the default when there is none or it no longer reads (a hand-edited row must not turn it on). */
export function readTrustThreshold(stored: unknown): TrustThreshold {
  const parsed = trustThresholdSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultTrustThreshold;
}

/** What the threshold looks at in a contributor's record. */
export interface TrustRecord {
  /** Proposals of theirs that were approved, ever. */
  approved: number;
  /** Their published values that a revert replaced within the threshold's window. */
  revertedRecently: number;
}

/** Whether a record meets a threshold that is on; a threshold that is off is met by nobody. */
export function meetsTrustThreshold(threshold: TrustThreshold, record: TrustRecord): boolean {
  return threshold.enabled && record.approved >= threshold.minApproved && record.revertedRecently === 0;
}

/** Where the threshold's window of reverts starts, as stored in the database. */
export function revertWindowStart(threshold: TrustThreshold, now: Date): string {
  return new Date(now.getTime() - threshold.days * 86_400_000).toISOString();
}

/**
 * Whether someone's proposals publish without review, as far as the person goes: a banned account never does; a person
 * marked trusted does; anyone else only when the threshold is on and their record (null when not looked up) meets it.
 */
export function isTrustedContributor(
  user: { trusted: boolean; banned: boolean },
  threshold: TrustThreshold,
  record: TrustRecord | null,
): boolean {
  if (user.banned) return false;
  if (user.trusted) return true;
  return record !== null && meetsTrustThreshold(threshold, record);
}
