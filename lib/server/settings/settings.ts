import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { settings } from '@/db/schema';
import { getDb } from '../db';
import { defineCommand } from '../command';
import { allow } from '../../rules/permissions';
import { readTrustThreshold, TRUST_THRESHOLD_KEY, trustThresholdSchema, type TrustThreshold } from '../../rules/trust';

/** The automatic trust threshold as it stands: the default (off) until an admin saves one. */
export function getTrustThreshold(q: Queryable = getDb()): TrustThreshold {
  const row = q.select({ value: settings.value }).from(settings).where(eq(settings.key, TRUST_THRESHOLD_KEY)).get();
  return readTrustThreshold(row?.value);
}

/** An admin turns the automatic threshold on or off, or changes its figures; the earlier setting stays in the audit log. */
export const setTrustThreshold = defineCommand({
  name: 'settings.trust-threshold',
  authorize: allow.admin,
  schema: trustThresholdSchema,
  text: 'refuse',
  run: ({ actor, input, tx, at }) => {
    const before = getTrustThreshold(tx);
    const value: TrustThreshold = { enabled: input.enabled, minApproved: input.minApproved, days: input.days };
    tx.insert(settings)
      .values({ key: TRUST_THRESHOLD_KEY, value, updatedById: actor.id, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedById: actor.id, updatedAt: at } })
      .run();
    return { before, after: value };
  },
  audit: ({ before, after }) => ({
    objectType: 'setting',
    objectId: TRUST_THRESHOLD_KEY,
    details: { from: before, to: after },
  }),
  // Who counts as trusted shows on no cached page; it decides future proposals only.
  changes: () => ({ paths: ['/admin/settings'] }),
});
