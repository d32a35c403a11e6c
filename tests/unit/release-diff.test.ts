import { describe, expect, it } from 'vitest';
import type { Source, SupportLevel } from '@/db/schema';
import type { ValueLike } from '@/lib/rules/history';
import { classifyRowChange, countChanges, type RowChange } from '@/lib/rules/release-diff';
import { asOfDateSchema, releaseLabelSchema } from '@/lib/rules/validation';
import { compareQuerySchema, matrixViewQuerySchema } from '@/lib/server/matrix/query-schemas';

const DOCS: Source = { url: 'https://example.org/docs', title: 'Docs' };
const BLOG: Source = { url: 'https://example.org/blog', title: 'Blog' };

function value(support: SupportLevel | null, overrides: Partial<ValueLike> = {}): ValueLike {
  return { support, text: null, note: null, sources: [DOCS], ...overrides };
}

function textValue(text: string, overrides: Partial<ValueLike> = {}): ValueLike {
  return { support: null, text, note: null, sources: [DOCS], ...overrides };
}

describe('classifyRowChange', () => {
  it('calls no → yes newly supported', () => {
    const { change, diff } = classifyRowChange(value('no'), value('yes'));
    expect(change).toBe('newly-supported');
    expect(diff?.support).toEqual({ from: 'no', to: 'yes' });
  });

  it('calls unknown → partial newly supported, since partial counts as support', () => {
    expect(classifyRowChange(value('unknown'), value('partial')).change).toBe('newly-supported');
  });

  it('calls yes → no no longer supported', () => {
    const { change, diff } = classifyRowChange(value('yes'), value('no'));
    expect(change).toBe('no-longer-supported');
    expect(diff?.support).toEqual({ from: 'yes', to: 'no' });
  });

  it('calls partial → unknown no longer supported', () => {
    expect(classifyRowChange(value('partial'), value('unknown')).change).toBe('no-longer-supported');
  });

  it('calls partial → yes changed (both sides supported)', () => {
    const { change, diff } = classifyRowChange(value('partial'), value('yes'));
    expect(change).toBe('changed');
    expect(diff?.support).toEqual({ from: 'partial', to: 'yes' });
  });

  it('calls no → unknown changed (neither side supported)', () => {
    expect(classifyRowChange(value('no'), value('unknown')).change).toBe('changed');
  });

  it('calls a note-only difference changed', () => {
    const { change, diff } = classifyRowChange(
      value('yes', { note: 'opt-in' }),
      value('yes', { note: 'on by default' }),
    );
    expect(change).toBe('changed');
    expect(diff?.support).toBeNull();
    expect(diff?.note).toEqual({ from: 'opt-in', to: 'on by default' });
  });

  it('calls adding or removing a note changed', () => {
    expect(classifyRowChange(value('yes'), value('yes', { note: 'opt-in' })).change).toBe('changed');
    expect(classifyRowChange(value('yes', { note: 'opt-in' }), value('yes')).change).toBe('changed');
  });

  it('calls a text change on a text row (support null) changed', () => {
    const { change, diff } = classifyRowChange(textValue('Apache License 2.0'), textValue('Apache-2.0'));
    expect(change).toBe('changed');
    expect(diff?.text).toEqual({ from: 'Apache License 2.0', to: 'Apache-2.0' });
    expect(diff?.support).toBeNull();
  });

  it('keeps a difference in sources only apart', () => {
    const { change, diff } = classifyRowChange(
      value('yes', { sources: [DOCS] }),
      value('yes', { sources: [DOCS, BLOG] }),
    );
    expect(change).toBe('sources-only');
    expect(diff?.sourcesAdded).toEqual([BLOG]);
    expect(diff?.sourcesRemoved).toEqual([]);
    expect(classifyRowChange(textValue('MIT', { sources: [DOCS] }), textValue('MIT', { sources: [BLOG] })).change).toBe(
      'sources-only',
    );
  });

  it('calls identical values unchanged, with a diff that says so', () => {
    const { change, diff } = classifyRowChange(
      value('yes', { note: 'n', sources: [DOCS, BLOG] }),
      value('yes', { note: 'n', sources: [BLOG, DOCS] }),
    );
    expect(change).toBe('unchanged');
    expect(diff?.same).toBe(true);
    expect(classifyRowChange(textValue('MIT'), textValue('MIT')).change).toBe('unchanged');
  });

  it('ignores a different source title for the same URL', () => {
    expect(
      classifyRowChange(
        value('yes', { sources: [DOCS] }),
        value('yes', { sources: [{ url: DOCS.url, title: 'Renamed' }] }),
      ).change,
    ).toBe('unchanged');
  });

  it('calls nothing → yes newly supported, nothing → no added', () => {
    const yes = classifyRowChange(null, value('yes'));
    expect(yes.change).toBe('newly-supported');
    expect(yes.diff?.support).toEqual({ from: null, to: 'yes' });
    expect(classifyRowChange(null, value('partial')).change).toBe('newly-supported');
    expect(classifyRowChange(null, value('no')).change).toBe('added');
    expect(classifyRowChange(null, value('unknown')).change).toBe('added');
    expect(classifyRowChange(null, textValue('MIT')).change).toBe('added');
  });

  it('calls yes → nothing no longer supported, no → nothing removed', () => {
    expect(classifyRowChange(value('yes'), null)).toEqual({ change: 'no-longer-supported', diff: null });
    expect(classifyRowChange(value('partial'), null).change).toBe('no-longer-supported');
    expect(classifyRowChange(value('no'), null)).toEqual({ change: 'removed', diff: null });
    expect(classifyRowChange(textValue('MIT'), null).change).toBe('removed');
  });

  it('calls nothing on both sides unchanged', () => {
    expect(classifyRowChange(null, null)).toEqual({ change: 'unchanged', diff: null });
  });
});

describe('countChanges', () => {
  it('counts every non-unchanged row as changed, and the two support crossings apart', () => {
    const changes: RowChange[] = [
      'newly-supported',
      'newly-supported',
      'no-longer-supported',
      'changed',
      'sources-only',
      'added',
      'removed',
      'unchanged',
      'unchanged',
      'unchanged',
    ];
    expect(countChanges(changes)).toEqual({ changed: 7, newlySupported: 2, noLongerSupported: 1, unchanged: 3 });
  });

  it('adds up to the number of rows', () => {
    const changes: RowChange[] = ['changed', 'unchanged', 'sources-only', 'newly-supported'];
    const counts = countChanges(changes);
    expect(counts.changed + counts.unchanged).toBe(changes.length);
  });

  it('is all zeros for no rows', () => {
    expect(countChanges([])).toEqual({ changed: 0, newlySupported: 0, noLongerSupported: 0, unchanged: 0 });
  });
});

describe('asOfDateSchema', () => {
  const today = new Date('2024-05-01T12:00:00Z');
  const schema = asOfDateSchema(today);

  it('accepts today and past dates', () => {
    expect(schema.parse('2024-05-01')).toBe('2024-05-01');
    expect(schema.parse('2019-11-01')).toBe('2019-11-01');
    expect(schema.parse('2024-02-29')).toBe('2024-02-29');
    expect(schema.parse(' 2024-04-30 ')).toBe('2024-04-30');
  });

  it('rejects a date in the future', () => {
    const result = schema.safeParse('2024-05-02');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/future/);
  });

  it('rejects dates that do not exist', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31']) {
      expect(schema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('rejects anything that is not YYYY-MM-DD', () => {
    for (const bad of ['2024-5-1', '2024-05-1', '20240501', 'yesterday', '2024-05-01T00:00:00Z', '']) {
      expect(schema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('reads "today" at validation time when none is given', () => {
    const todayNow = new Date().toISOString().slice(0, 10);
    expect(asOfDateSchema().safeParse(todayNow).success).toBe(true);
    expect(asOfDateSchema().safeParse('2999-01-01').success).toBe(false);
  });
});

describe('matrixViewQuerySchema', () => {
  const schema = matrixViewQuerySchema(new Date('2024-05-01T12:00:00Z'));

  it('parses need lists, trimming and dropping empty entries', () => {
    expect(schema.parse({ need: 'mtls,circuit-breaking' }).need).toEqual(['mtls', 'circuit-breaking']);
    expect(schema.parse({ need: ' mtls , ,circuit-breaking,' }).need).toEqual(['mtls', 'circuit-breaking']);
    expect(schema.parse({}).need).toEqual([]);
    expect(schema.parse({ need: '' }).need).toEqual([]);
  });

  it('parses the rest of the view', () => {
    expect(schema.parse({ at: '2021-06-01', need: 'mtls', partial: '1', q: '  retry ' })).toEqual({
      at: '2021-06-01',
      need: ['mtls'],
      partial: '1',
      q: 'retry',
    });
    const blank = schema.parse({ at: '', q: '   ' });
    expect(blank.at).toBeNull();
    expect(blank.q).toBeNull();
  });

  it('rejects bad row slugs, bad flags and future dates', () => {
    expect(schema.safeParse({ need: 'MTLS' }).success).toBe(false);
    expect(schema.safeParse({ need: 'mtls,circuit breaking' }).success).toBe(false);
    expect(schema.safeParse({ partial: 'yes' }).success).toBe(false);
    expect(schema.safeParse({ at: '2024-05-02' }).success).toBe(false);
    expect(schema.safeParse({ at: '2024-5-1' }).success).toBe(false);
    expect(schema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
  });
});

describe('compareQuerySchema', () => {
  it('parses mesh slugs with optional releases', () => {
    expect(compareQuerySchema.parse({ meshes: 'istio@1.9,linkerd' }).meshes).toEqual([
      { mesh: 'istio', label: '1.9' },
      { mesh: 'linkerd', label: undefined },
    ]);
    expect(compareQuerySchema.parse({ meshes: ' istio@1.16.1 , cilium ,', differ: '1' })).toEqual({
      meshes: [
        { mesh: 'istio', label: '1.16.1' },
        { mesh: 'cilium', label: undefined },
      ],
      differ: '1',
    });
  });

  it('needs two to six meshes', () => {
    expect(compareQuerySchema.safeParse({}).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: '' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio,' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'a,b' }).success).toBe(true);
    expect(compareQuerySchema.safeParse({ meshes: 'a,b,c,d,e,f' }).success).toBe(true);
    const seven = compareQuerySchema.safeParse({ meshes: 'a,b,c,d,e,f,g' });
    expect(seven.success).toBe(false);
    expect(seven.error?.issues[0]?.message).toMatch(/at most six/);
  });

  it('rejects malformed entries and flags', () => {
    expect(compareQuerySchema.safeParse({ meshes: 'Istio,linkerd' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio@,linkerd' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio@1.9@2,linkerd' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio@1 9,linkerd' }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ meshes: 'istio,linkerd', differ: 'true' }).success).toBe(false);
  });
});

describe('releaseLabelSchema', () => {
  it('accepts version-like labels', () => {
    for (const label of ['1.17.0', 'v2.0', 'managed', '1.0.0-rc.1', '2.14+build_1']) {
      expect(releaseLabelSchema.safeParse(label).success, label).toBe(true);
    }
    expect(releaseLabelSchema.parse('  1.17.0 ')).toBe('1.17.0');
  });

  it('rejects empty, spaced, slashed, dot-first and reserved labels', () => {
    for (const label of [
      '',
      '   ',
      '1 17',
      '1/17',
      '.17',
      '-1',
      'compare',
      'Compare',
      'manage',
      'releases',
      'diff',
      'history',
      'x'.repeat(41),
    ]) {
      expect(releaseLabelSchema.safeParse(label).success, JSON.stringify(label)).toBe(false);
    }
  });
});
