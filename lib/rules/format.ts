import type { RevisionKind, SupportLevel } from '@/db/schema';

export const supportLabels: Record<SupportLevel, string> = {
  yes: 'yes',
  partial: 'partial',
  no: 'no',
  unknown: 'unknown',
};

/** Links to addresses people typed (sources, references, release notes): no endorsement, no referrer window. */
export const userLinkRel = 'nofollow ugc noopener';

/** The classes of a support badge (its icon comes from CSS), shared by the React badge and the matrix markup. */
export function supportBadgeClass(support: SupportLevel): string {
  return `badge sup-${support}`;
}

export const revisionKindLabels: Record<RevisionKind, string> = {
  seed: 'from a source article',
  proposal: 'approved proposal',
  revert: 'revert',
  carry_forward: 'carried over',
  import: 'imported',
};

// Built once: toLocaleDateString builds a formatter on every call, which cost a large cell history about 30 ms a render.
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function formatWith(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return format.format(date);
}

/** `2021-03-01T00:00:00.000Z` → `1 Mar 2021`; dates are shown in UTC so every reader sees the same day. */
export function formatDate(iso: string): string {
  return formatWith(dayFormat, iso);
}

/** `2021-03-01` → `March 2021`, in UTC like formatDate. */
export function formatMonthYear(iso: string): string {
  return formatWith(monthFormat, iso);
}

/** The hidden text of the matrix's stale mark, and its legend entry. */
export const staleMarkText = 'needs checking';

/** The hidden text of the matrix's release-inferred mark, and its legend entry. */
export const releaseInferredMarkText = 'release inferred from the source’s date';

export function carriedNotice(carriedFrom: string, label: string): string {
  return `carried over from ${carriedFrom}, not re-checked for ${label}`;
}

export function cellPath(meshSlug: string, label: string, featureSlug: string): string {
  return `/meshes/${encodeURIComponent(meshSlug)}/${encodeURIComponent(label)}/${encodeURIComponent(featureSlug)}`;
}

export function releasePath(meshSlug: string, label: string): string {
  return `/meshes/${encodeURIComponent(meshSlug)}/${encodeURIComponent(label)}`;
}
