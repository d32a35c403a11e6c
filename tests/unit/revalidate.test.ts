import { beforeEach, describe, expect, it, vi } from 'vitest';

const revalidatePath = vi.fn();
const afterCallbacks: (() => Promise<void>)[] = [];
const sleep = vi.fn(async () => {});

vi.mock('next/cache', () => ({ revalidatePath }));
vi.mock('next/server', () => ({ after: (callback: () => Promise<void>) => afterCallbacks.push(callback) }));
vi.mock('node:timers/promises', () => ({ setTimeout: sleep }));

const { pathsForCell, RENDER_OVERLAP_MS, revalidateChanges } = await import('@/lib/next/revalidate');

const cell = { meshSlug: 'istio', label: '1.20', featureSlug: 'mtls' };

beforeEach(() => {
  revalidatePath.mockClear();
  sleep.mockClear();
  afterCallbacks.length = 0;
});

describe('revalidating after a write', () => {
  it('refreshes the pages at once, and again once a render begun before the write has ended', async () => {
    revalidateChanges({ cells: [cell], paths: ['/review'] });
    const first = revalidatePath.mock.calls.map((call) => call.join(' '));
    expect(first).toEqual(expect.arrayContaining([...pathsForCell(cell), '/review']));
    expect(afterCallbacks).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();

    revalidatePath.mockClear();
    await afterCallbacks[0]!();
    expect(sleep).toHaveBeenCalledWith(RENDER_OVERLAP_MS);
    expect(revalidatePath.mock.calls.map((call) => call.join(' '))).toEqual(first);
  });

  it('refreshes every page twice after a structural change', async () => {
    revalidateChanges({ everything: true });
    expect(revalidatePath.mock.calls).toEqual([['/', 'layout']]);
    await afterCallbacks[0]!();
    expect(revalidatePath.mock.calls).toEqual([
      ['/', 'layout'],
      ['/', 'layout'],
    ]);
  });
});
