import { describe, expect, it } from 'vitest';
import { diffValues, revertWouldChange } from '@/lib/rules/history';
import { MAX_SOURCE_KEYS, sameCellValue, sameSources, sameSourceUrl, sourceKey } from '@/lib/rules/value-rules';

const value = (sources: { url: string; title?: string | null }[]) => ({
  support: 'yes' as const,
  text: null,
  note: null,
  sources: sources.map((s) => ({ url: s.url, title: s.title ?? null })),
});

// Proposals, reverts, the diff page and the importer all ask these questions; one answer for all of them.
describe('the one value and source equality rule', () => {
  it('compares sources by normalised URL, never by title', () => {
    expect(sameSourceUrl('https://istio.io/docs', ' https://ISTIO.io/docs ')).toBe(true);
    expect(sameSourceUrl('https://istio.io/docs', 'https://istio.io/docs/')).toBe(false);
    expect(
      sameSources(
        [{ url: 'https://a.example/x' }, { url: 'https://b.example/' }],
        [{ url: 'https://b.example' }, { url: 'https://a.example/x' }],
      ),
    ).toBe(true);
    expect(sameSources([{ url: 'https://a.example/x' }], [{ url: 'https://a.example/y' }])).toBe(false);
  });

  it('agrees between the diff page, the revert check and the proposal check when only a title differs', () => {
    const before = value([{ url: 'https://istio.io/docs', title: 'Istio docs' }]);
    const after = value([{ url: 'https://istio.io/docs', title: 'Istio documentation' }]);
    expect(sameCellValue(before, after) && sameSources(before.sources, after.sources)).toBe(true);
    expect(diffValues(before, after).same).toBe(true);
    expect(revertWouldChange(before, after)).toBe(false);
  });

  it('gives the same key for a URL however many others were asked in between (the keys are remembered, bounded)', () => {
    expect(sourceKey(' HTTPS://Kuma.io ')).toBe('https://kuma.io/');
    for (let i = 0; i <= MAX_SOURCE_KEYS; i++)
      expect(sourceKey(`https://example.org/${i}`)).toBe(`https://example.org/${i}`);
    expect(sourceKey(' HTTPS://Kuma.io ')).toBe('https://kuma.io/');
    expect(sourceKey('not a url ')).toBe('not a url');
  });

  it('agrees on a changed URL', () => {
    const before = value([{ url: 'https://istio.io/docs' }]);
    const after = value([{ url: 'https://istio.io/news' }]);
    expect(sameSources(before.sources, after.sources)).toBe(false);
    expect(diffValues(before, after).same).toBe(false);
    expect(revertWouldChange(before, after)).toBe(true);
  });
});
