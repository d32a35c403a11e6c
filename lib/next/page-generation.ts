/**
 * A count of the writes that refreshed cached pages in this process. Next's handler and the light server around it
 * (lib/next/light-response.ts) are bundled apart, so the count lives on globalThis, which both see.
 */
const store = globalThis as unknown as { meshMatrixPageGeneration?: number };

export function readPageGeneration(): number {
  return store.meshMatrixPageGeneration ?? 0;
}

/** Called with every revalidation (lib/next/revalidate.ts): pages kept from before it are never served again. */
export function advancePageGeneration(): void {
  store.meshMatrixPageGeneration = readPageGeneration() + 1;
}
