import type { CellValue } from '@/lib/server/matrix/matrix';

/** A matrix cell value for markup tests: a fresh, sourced "yes" unless overridden. */
export function cellValue(overrides: Partial<CellValue> = {}): CellValue {
  return {
    revisionId: 1,
    support: 'yes',
    text: null,
    note: null,
    sources: [{ url: 'https://istio.io/docs', title: 'Istio docs' }],
    kind: 'seed',
    updatedAt: '2024-01-01T00:00:00.000Z',
    carriedFrom: null,
    releaseInferred: false,
    confirmedOn: '2024-01-01',
    stale: false,
    ...overrides,
  };
}
