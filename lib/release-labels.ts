/**
 * A release labelled by a date stands in where a source names no release and
 * none was known at its date (`as-of-2021-03`, shown as "as of 2021-03"); the
 * label stays URL-safe, the date is never invented (it is the source's own).
 */
const DATE_LABEL = /^as-of-(\d{4}-\d{2})$/;

export function dateReleaseLabel(isoDate: string): string {
  return `as-of-${isoDate.slice(0, 7)}`;
}

/** `YYYY-MM` for a date label, else null. */
export function dateOfReleaseLabel(label: string): string | null {
  return DATE_LABEL.exec(label)?.[1] ?? null;
}

/** How a release label reads on a page: `as-of-2021-03` as "as of 2021-03", others unchanged. */
export function formatReleaseLabel(label: string): string {
  const month = dateOfReleaseLabel(label);
  return month ? `as of ${month}` : label;
}
