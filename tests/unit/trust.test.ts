import { describe, expect, it } from 'vitest';
import {
  defaultTrustThreshold,
  isTrustedContributor,
  meetsTrustThreshold,
  readTrustThreshold,
  revertWindowStart,
  trustThresholdSchema,
} from '@/lib/rules/trust';

const on = { enabled: true, minApproved: 20, days: 90 };

describe('the trust threshold rule', () => {
  it('is off by default and then met by nobody', () => {
    expect(defaultTrustThreshold).toEqual({ enabled: false, minApproved: 20, days: 90 });
    expect(meetsTrustThreshold(defaultTrustThreshold, { approved: 1000, revertedRecently: 0 })).toBe(false);
  });

  it('when on, needs enough approvals and no recent revert', () => {
    expect(meetsTrustThreshold(on, { approved: 20, revertedRecently: 0 })).toBe(true);
    expect(meetsTrustThreshold(on, { approved: 19, revertedRecently: 0 })).toBe(false);
    expect(meetsTrustThreshold(on, { approved: 50, revertedRecently: 1 })).toBe(false);
  });

  it('never trusts a banned account; a marked one needs no record', () => {
    const record = { approved: 50, revertedRecently: 0 };
    expect(isTrustedContributor({ trusted: true, banned: true }, on, record)).toBe(false);
    expect(isTrustedContributor({ trusted: true, banned: false }, defaultTrustThreshold, null)).toBe(true);
    expect(isTrustedContributor({ trusted: false, banned: false }, on, record)).toBe(true);
    expect(isTrustedContributor({ trusted: false, banned: false }, on, null)).toBe(false);
    expect(isTrustedContributor({ trusted: false, banned: false }, defaultTrustThreshold, record)).toBe(false);
  });

  it('counts the window back from now in days', () => {
    expect(revertWindowStart({ ...on, days: 2 }, new Date('2025-03-03T12:00:00.000Z'))).toBe(
      '2025-03-01T12:00:00.000Z',
    );
  });

  it('reads a stored setting, falling back to the default for anything that does not parse', () => {
    expect(readTrustThreshold({ enabled: true, minApproved: 5, days: 30 })).toEqual({
      enabled: true,
      minApproved: 5,
      days: 30,
    });
    expect(readTrustThreshold(undefined)).toEqual(defaultTrustThreshold);
    expect(readTrustThreshold({ enabled: 'yes', minApproved: 5, days: 30 })).toEqual(defaultTrustThreshold);
    expect(readTrustThreshold({ enabled: true, minApproved: -1, days: 30 })).toEqual(defaultTrustThreshold);
  });

  it('takes whole numbers typed as text, and refuses the rest by field', () => {
    expect(trustThresholdSchema.parse({ enabled: false, minApproved: ' 12 ', days: '30' })).toEqual({
      enabled: false,
      minApproved: 12,
      days: 30,
    });
    const issues = trustThresholdSchema.safeParse({ enabled: true, minApproved: '1.5', days: 0 }).error?.issues;
    expect(issues?.map((i) => i.path.join('.')).sort()).toEqual(['days', 'minApproved']);
  });
});
