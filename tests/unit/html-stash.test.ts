import { describe, expect, it } from 'vitest';
import { htmlStash, readStashedHtml } from '@/lib/next/html-stash';
import { stashHtml } from '@/lib/next/stash-html';

describe('the stash that sends a table once', () => {
  it('hands markup to the render by a key derived from its content', () => {
    const key = stashHtml('<table><tr><td>a</td></tr></table>');
    expect(readStashedHtml(key)).toBe('<table><tr><td>a</td></tr></table>');
    expect(stashHtml('<table><tr><td>a</td></tr></table>')).toBe(key);
    const other = stashHtml('<table><tr><td>b</td></tr></table>');
    expect(other).not.toBe(key);
    expect(readStashedHtml(other)).toContain('>b<');
    expect(readStashedHtml('no-such-key')).toBeUndefined();
  });

  it('stays within its byte bound however many pages are rendered', () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    const keys = Array.from({ length: 30 }, (_, i) => stashHtml(`${i}${big}`));
    const stash = htmlStash();
    expect(stash.bytes).toBeLessThanOrEqual(48 * 1024 * 1024 + 2 * (big.length + 2));
    // The newest is kept, the oldest went first.
    expect(readStashedHtml(keys.at(-1)!)).toBeDefined();
    expect(readStashedHtml(keys[0]!)).toBeUndefined();
    expect([...stash.entries.values()].reduce((sum, e) => sum + e.bytes, 0)).toBe(stash.bytes);
  });
});
