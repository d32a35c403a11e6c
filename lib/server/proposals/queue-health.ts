import 'server-only';
import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { proposals } from '@/db/schema';
import { percentileOf } from '../../rules/percentiles';
import { getDb } from '../db';
import { countPendingReviews } from './review';

/** How far back the decision times on /about/data reach. */
export const QUEUE_HEALTH_DAYS = 90;

export interface QueueHealth {
  /** Proposals waiting for a moderator. */
  waiting: number;
  /** When the proposal that has waited longest was sent; null when nothing waits. */
  oldestPendingAt: string | null;
  /** Approvals and rejections decided in the window (withdrawals are the author's, not a decision). */
  decided: number;
  /** Hours from proposal to decision over those decisions; null when there were none. */
  medianHours: number | null;
  p90Hours: number | null;
}

const HOUR = 3_600_000;

/** The queue's health as the site promises it to contributors: what waits, since when, and how long decisions take. */
export function getQueueHealth(now: Date = new Date(), q: Queryable = getDb()): QueueHealth {
  const oldest = q
    .select({ createdAt: proposals.createdAt })
    .from(proposals)
    .where(eq(proposals.status, 'pending'))
    .orderBy(asc(proposals.createdAt))
    .limit(1)
    .get();
  const waiting = countPendingReviews(q);
  const since = new Date(now.getTime() - QUEUE_HEALTH_DAYS * 24 * HOUR).toISOString();
  const hours = q
    .select({ createdAt: proposals.createdAt, decidedAt: proposals.decidedAt })
    .from(proposals)
    .where(
      and(
        inArray(proposals.status, ['approved', 'rejected']),
        isNotNull(proposals.decidedAt),
        gte(proposals.decidedAt, since),
      ),
    )
    .all()
    .map((p) => Math.max(0, (Date.parse(p.decidedAt!) - Date.parse(p.createdAt)) / HOUR))
    .sort((a, b) => a - b);
  return {
    waiting,
    oldestPendingAt: oldest?.createdAt ?? null,
    decided: hours.length,
    medianHours: percentileOf(hours, 50),
    p90Hours: percentileOf(hours, 90),
  };
}
