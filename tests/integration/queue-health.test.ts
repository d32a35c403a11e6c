/**
 * The queue's health as /review and /about/data show it: what waits and since when, and the median and 90th
 * percentile time from proposal to decision over the last 90 days (withdrawals are not decisions).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withdrawProposal } from '@/lib/server/proposals/proposals';
import { approveProposal, rejectProposal } from '@/lib/server/proposals/review';
import { getQueueHealth } from '@/lib/server/proposals/queue-health';
import { createCast, type Cast } from '@/tests/support/cast';
import { ISTIO_CB, ISTIO_MTLS, LINKERD_MTLS, type CellName } from '@/tests/support/lookups';
import { propose } from '@/tests/support/proposing';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

const HOUR = 3_600_000;
const now = new Date('2026-06-01T12:00:00.000Z');
const hoursBefore = (hours: number) => new Date(now.getTime() - hours * HOUR);
let sent = 0;
/** A note of its own, so no proposal repeats the value an earlier approval published. */
const note = () => `queue-health fixture ${++sent}`;

describe('getQueueHealth', () => {
  let db: TempDatabase;
  let cast: Cast;
  beforeEach(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterEach(() => db.cleanup());

  /** A proposal sent `sentHoursAgo` and decided `decidedHoursAgo` (approved, or rejected when told). */
  function decided(at: CellName, sentHoursAgo: number, decidedHoursAgo: number, outcome: 'approve' | 'reject') {
    const { id } = propose(db, { author: cast.alice, at, note: note(), now: hoursBefore(sentHoursAgo) });
    const options = { db: db.db, now: hoursBefore(decidedHoursAgo) };
    if (outcome === 'approve') approveProposal(cast.mo, { id }, options);
    else rejectProposal(cast.mo, { id, reason: 'No source supports this' }, options);
  }

  it('with nothing sent: nothing waits and there are no decision times, not zeros', () => {
    expect(getQueueHealth(now, db.db)).toEqual({
      waiting: 0,
      oldestPendingAt: null,
      decided: 0,
      medianHours: null,
      p90Hours: null,
    });
  });

  it('counts what waits and since when, and takes the median and 90th percentile of decisions in the window', () => {
    // Decision times of 2, 4, 6, ... 20 hours: median 10, 90th percentile 18.
    const cells: CellName[] = [ISTIO_MTLS, ISTIO_CB, LINKERD_MTLS];
    for (let i = 1; i <= 10; i++) decided(cells[i % 3]!, 500 + 2 * i, 500, i % 2 ? 'approve' : 'reject');
    // Older than 90 days: not counted.
    decided(ISTIO_MTLS, 24 * 120, 24 * 100, 'reject');
    // Withdrawn by its author: not a decision.
    const withdrawn = propose(db, { author: cast.alice, at: ISTIO_CB, note: note(), now: hoursBefore(300) });
    withdrawProposal(cast.alice, { id: withdrawn.id }, { db: db.db, now: hoursBefore(1) });
    // Waiting: the oldest was sent 72 hours ago.
    const oldest = propose(db, { author: cast.bob, at: LINKERD_MTLS, note: note(), now: hoursBefore(72) });
    propose(db, { author: cast.alice, at: ISTIO_MTLS, note: note(), now: hoursBefore(3) });

    const health = getQueueHealth(now, db.db);
    expect(health).toEqual({
      waiting: 2,
      oldestPendingAt: hoursBefore(72).toISOString(),
      decided: 10,
      medianHours: 10,
      p90Hours: 18,
    });
    approveProposal(cast.mo, { id: oldest.id }, { db: db.db, now });
    expect(getQueueHealth(now, db.db)).toMatchObject({
      waiting: 1,
      oldestPendingAt: hoursBefore(3).toISOString(),
      decided: 11,
      // Eleven decisions (2, 4, ... 20 and 72 hours): the sixth and the tenth.
      medianHours: 12,
      p90Hours: 20,
    });
  });
});
