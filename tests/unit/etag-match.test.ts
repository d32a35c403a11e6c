import { describe, expect, it } from 'vitest';
import { listsEtag } from '@/lib/rules/etag-match';

describe('If-None-Match', () => {
  it('compares weakly: W/ on either side is ignored, * matches any, lists are comma-separated', () => {
    expect(listsEtag('"a"', '"a"')).toBe(true);
    expect(listsEtag('W/"a"', '"a"')).toBe(true);
    expect(listsEtag('"a"', 'W/"a"')).toBe(true);
    expect(listsEtag('"x", W/"a" ', 'W/"a"')).toBe(true);
    expect(listsEtag('*', '"a"')).toBe(true);
  });

  it('does not match another tag, a missing header or a tag that only contains this one', () => {
    expect(listsEtag('"b"', '"a"')).toBe(false);
    expect(listsEtag(undefined, '"a"')).toBe(false);
    expect(listsEtag(null, '"a"')).toBe(false);
    expect(listsEtag('"aa"', '"a"')).toBe(false);
  });
});
