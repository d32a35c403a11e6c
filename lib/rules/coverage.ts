import type { SupportLevel } from '@/db/schema';

/** How many of the active rows a release has a known value for. */
export interface Coverage {
  known: number;
  rows: number;
}

/**
 * A value counts as known when it says something: a support level other
 * than `unknown`, or for text rows some non-blank text. An `unknown` head
 * is recorded ignorance, not data.
 */
export function isKnownValue(
  kind: 'support' | 'text',
  value: { support: SupportLevel | null; text: string | null } | null | undefined,
): boolean {
  if (!value) return false;
  if (kind === 'text') return Boolean(value.text?.trim());
  return value.support !== null && value.support !== 'unknown';
}

/** Coverage of one release over the given active rows, from its values keyed by row. */
export function coverageOf<V extends { support: SupportLevel | null; text: string | null }>(
  rows: { key: string | number; kind: 'support' | 'text' }[],
  valueOf: (key: string | number) => V | null | undefined,
): Coverage {
  return { known: rows.filter((row) => isKnownValue(row.kind, valueOf(row.key))).length, rows: rows.length };
}

/** Less than half of the rows known; exactly half is not sparse, and a matrix with no rows has nothing missing. */
export function isSparse(coverage: Coverage): boolean {
  return coverage.known * 2 < coverage.rows;
}

/** "41 of 53 rows known". */
export function coverageLabel(coverage: Coverage): string {
  return `${coverage.known} of ${coverage.rows} ${coverage.rows === 1 ? 'row' : 'rows'} known`;
}

/**
 * Meshes with data first, sparse ones after them in their own order (or left
 * out), so a reader never faces a wall of empty columns. Columns without a
 * coverage figure count as having data.
 */
export function arrangeByCoverage<C extends { coverage?: Coverage }>(
  columns: C[],
  includeSparse: boolean,
): { columns: C[]; sparseCount: number } {
  const sparse = columns.filter((c) => c.coverage && isSparse(c.coverage));
  const dense = columns.filter((c) => !c.coverage || !isSparse(c.coverage));
  return { columns: includeSparse ? [...dense, ...sparse] : dense, sparseCount: sparse.length };
}
