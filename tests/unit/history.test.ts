import { describe, expect, it } from 'vitest';
import type { Source } from '@/db/schema';
import { diffValues, type ValueLike } from '@/lib/rules/history';

const docs: Source = { url: 'https://istio.io/latest/docs/concepts/security/', title: 'Istio security concepts' };
const peerAuth: Source = {
  url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
  title: null,
};
const blog: Source = { url: 'https://example.org/blog/istio-mtls', title: 'A blog post' };

const value = (overrides: Partial<ValueLike> = {}): ValueLike => ({
  support: 'yes',
  text: null,
  note: null,
  sources: [docs],
  ...overrides,
});

describe('diffValues', () => {
  it('reports identical values as the same, with nothing changed', () => {
    const diff = diffValues(
      value({ note: 'STRICT by default', sources: [docs, peerAuth] }),
      value({ note: 'STRICT by default', sources: [docs, peerAuth] }),
    );
    expect(diff).toEqual({ support: null, text: null, note: null, sourcesAdded: [], sourcesRemoved: [], same: true });
  });

  it('treats the same sources in another order as the same', () => {
    expect(diffValues(value({ sources: [docs, peerAuth] }), value({ sources: [peerAuth, docs] })).same).toBe(true);
  });

  it('reports a support change and nothing else', () => {
    const diff = diffValues(value({ support: 'yes' }), value({ support: 'partial' }));
    expect(diff.support).toEqual({ from: 'yes', to: 'partial' });
    expect(diff.text).toBeNull();
    expect(diff.note).toBeNull();
    expect(diff.sourcesAdded).toEqual([]);
    expect(diff.sourcesRemoved).toEqual([]);
    expect(diff.same).toBe(false);
  });

  it('reports a support level that becomes unknown', () => {
    const diff = diffValues(value({ support: 'no' }), value({ support: 'unknown' }));
    expect(diff.support).toEqual({ from: 'no', to: 'unknown' });
    expect(diff.same).toBe(false);
  });

  it('reports a note that is added', () => {
    const diff = diffValues(value({ note: null }), value({ note: 'Permissive mode by default' }));
    expect(diff.note).toEqual({ from: null, to: 'Permissive mode by default' });
    expect(diff.support).toBeNull();
    expect(diff.same).toBe(false);
  });

  it('reports a note that is removed', () => {
    const diff = diffValues(value({ note: 'Permissive mode by default' }), value({ note: null }));
    expect(diff.note).toEqual({ from: 'Permissive mode by default', to: null });
    expect(diff.same).toBe(false);
  });

  it('reports a note that is reworded', () => {
    const diff = diffValues(value({ note: 'old wording' }), value({ note: 'new wording' }));
    expect(diff.note).toEqual({ from: 'old wording', to: 'new wording' });
  });

  it('reports a text change on a text row', () => {
    const diff = diffValues(
      value({ support: null, text: 'Apache License 2.0' }),
      value({ support: null, text: 'Apache-2.0' }),
    );
    expect(diff.text).toEqual({ from: 'Apache License 2.0', to: 'Apache-2.0' });
    expect(diff.support).toBeNull();
    expect(diff.note).toBeNull();
    expect(diff.same).toBe(false);
  });

  it('reports sources added and removed by URL', () => {
    const diff = diffValues(value({ sources: [docs, peerAuth] }), value({ sources: [peerAuth, blog] }));
    expect(diff.sourcesAdded).toEqual([blog]);
    expect(diff.sourcesRemoved).toEqual([docs]);
    expect(diff.support).toBeNull();
    expect(diff.same).toBe(false);
  });

  it('reports only an added source', () => {
    const diff = diffValues(value({ sources: [docs] }), value({ sources: [docs, blog] }));
    expect(diff.sourcesAdded).toEqual([blog]);
    expect(diff.sourcesRemoved).toEqual([]);
    expect(diff.same).toBe(false);
  });

  it('reports only a removed source', () => {
    const diff = diffValues(value({ sources: [docs, blog] }), value({ sources: [docs] }));
    expect(diff.sourcesAdded).toEqual([]);
    expect(diff.sourcesRemoved).toEqual([blog]);
    expect(diff.same).toBe(false);
  });

  it('matches sources by URL, not by title', () => {
    const retitled = { ...docs, title: 'Security (renamed)' };
    const diff = diffValues(value({ sources: [docs] }), value({ sources: [retitled] }));
    expect(diff.sourcesAdded).toEqual([]);
    expect(diff.sourcesRemoved).toEqual([]);
    expect(diff.same).toBe(true);
  });

  it('ignores whitespace around a source URL', () => {
    const padded = { ...docs, url: `  ${docs.url} ` };
    const diff = diffValues(value({ sources: [docs] }), value({ sources: [padded] }));
    expect(diff.sourcesAdded).toEqual([]);
    expect(diff.sourcesRemoved).toEqual([]);
    expect(diff.same).toBe(true);
  });

  it('treats a missing note like an empty one', () => {
    const noNote = { support: 'yes', text: null, sources: [docs] } as unknown as ValueLike;
    expect(diffValues(noNote, value({ note: null })).same).toBe(true);
  });

  it('from an empty cell, reports everything as new', () => {
    const diff = diffValues(
      null,
      value({ support: 'partial', note: 'Permissive mode by default', sources: [docs, blog] }),
    );
    expect(diff.support).toEqual({ from: null, to: 'partial' });
    expect(diff.text).toBeNull();
    expect(diff.note).toEqual({ from: null, to: 'Permissive mode by default' });
    expect(diff.sourcesAdded).toEqual([docs, blog]);
    expect(diff.sourcesRemoved).toEqual([]);
    expect(diff.same).toBe(false);
  });

  it('from an empty cell, reports a text value as new', () => {
    const diff = diffValues(null, value({ support: null, text: 'Apache-2.0' }));
    expect(diff.support).toBeNull();
    expect(diff.text).toEqual({ from: null, to: 'Apache-2.0' });
    expect(diff.sourcesAdded).toEqual([docs]);
    expect(diff.same).toBe(false);
  });

  it('does not change its inputs', () => {
    const before = value({ sources: [docs, peerAuth] });
    const after = value({ support: 'no', sources: [blog] });
    const copies = JSON.parse(JSON.stringify([before, after]));
    diffValues(before, after);
    expect([before, after]).toEqual(copies);
  });
});
