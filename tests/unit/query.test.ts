import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadRequestError } from '@/lib/rules/errors';
import { parseQuery, readQuery } from '@/lib/rules/query';
import { commaList, slugSchema } from '@/lib/rules/validation';
import { compareListParams, compareQuerySchema, matrixQuerySchema } from '@/lib/server/matrix/query-schemas';

const schema = z
  .object({ meshes: commaList(slugSchema), at: z.string().optional(), need: commaList(slugSchema) })
  .strict();

function refusal(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error('expected a BadRequestError');
}

describe('readQuery', () => {
  it('reads URLSearchParams and Next searchParams records alike', () => {
    const fromUrl = readQuery(schema, new URLSearchParams('meshes=istio,linkerd&at=2021-01-01'));
    // Next leaves a key out by giving it undefined.
    const fromRecord = readQuery(schema, { meshes: 'istio,linkerd', at: '2021-01-01', skipped: undefined });
    expect(fromUrl).toMatchObject({ ok: true, data: { meshes: ['istio', 'linkerd'], at: '2021-01-01', need: [] } });
    expect(fromRecord).toEqual(fromUrl);
  });

  it('refuses a repeated parameter by name, saying how to give a list', () => {
    const reading = readQuery(schema, new URLSearchParams('meshes=istio&meshes=linkerd&at=1&at=2'));
    expect(reading.ok).toBe(false);
    expect(reading.fieldErrors).toEqual({
      meshes: ['meshes is given more than once; give it once, as a comma-separated list'],
      at: ['at is given more than once; give it once'],
    });
    expect(reading.problems).toHaveLength(2);
  });

  it('refuses a repeated key in a Next searchParams record the same way', () => {
    const reading = readQuery(schema, { at: ['2021-01-01', '2022-01-01'] });
    expect(reading.fieldErrors).toEqual({ at: ['at is given more than once; give it once'] });
  });

  it('joins the repeats of a documented list parameter like a comma-separated list', () => {
    const reading = readQuery(schema, { need: ['mtls', 'retries,tracing'], at: '2021-01-01' }, { lists: ['need'] });
    expect(reading).toMatchObject({ ok: true, data: { need: ['mtls', 'retries', 'tracing'] } });
    expect(readQuery(schema, new URLSearchParams('need=mtls&need=retries'), { lists: ['need'] }).data?.need).toEqual([
      'mtls',
      'retries',
    ]);
  });

  it('names an unknown parameter for a page or an endpoint', () => {
    expect(readQuery(schema, new URLSearchParams('foo=1')).fieldErrors).toEqual({
      foo: ['foo is not a parameter this page accepts'],
    });
    expect(readQuery(schema, new URLSearchParams('foo=1'), { accepter: 'endpoint' }).problems).toEqual([
      'foo is not a parameter this endpoint accepts',
    ]);
  });

  it('names every problem at once: a repeat, an unknown key and a bad value', () => {
    const reading = readQuery(schema, new URLSearchParams('at=1&at=2&foo=1&meshes=Istio'));
    expect(Object.keys(reading.fieldErrors).sort()).toEqual(['at', 'foo', 'meshes.0']);
  });

  it('names a repeat once, not also its first value', () => {
    const reading = readQuery(schema, new URLSearchParams('meshes=Not+A+Slug&meshes=istio'));
    expect(Object.keys(reading.fieldErrors)).toEqual(['meshes']);
  });

  it('keeps __proto__ and constructor keys as plain names, never reaching Object.prototype', () => {
    const reading = readQuery(schema, new URLSearchParams('__proto__=x&constructor=y&__proto__=z'));
    expect(reading.ok).toBe(false);
    expect(Object.keys(reading.fieldErrors).sort()).toEqual(['__proto__', 'constructor']);
    expect(reading.fieldErrors['__proto__']).toEqual(['__proto__ is given more than once; give it once']);
    expect(reading.fieldErrors['constructor']).toEqual(['constructor is not a parameter this page accepts']);
    expect(Object.hasOwn(reading.given, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(reading.given)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names a lone __proto__, and a constructor that Next hands over as [Object, value]', () => {
    expect(readQuery(schema, new URLSearchParams('__proto__=x')).fieldErrors).toEqual(
      JSON.parse('{"__proto__": ["__proto__ is not a parameter this page accepts"]}'),
    );
    const fromNext = { constructor: [Object, '1'] } as unknown as Record<string, string[]>;
    expect(readQuery(schema, fromNext).problems).toEqual(['constructor is not a parameter this page accepts']);
  });

  it('gives back the query as sent, lists joined, for a form to show', () => {
    const reading = readQuery(compareQuerySchema, { meshes: ['istio@1.9', 'linkerd'] }, { lists: compareListParams });
    expect(reading.given).toEqual({ meshes: 'istio@1.9,linkerd' });
    expect(reading.data?.meshes).toEqual([
      { mesh: 'istio', label: '1.9' },
      { mesh: 'linkerd', label: undefined },
    ]);
  });
});

describe('parseQuery', () => {
  it('throws a BadRequestError naming a repeated API parameter', () => {
    const error = refusal(() => parseQuery(matrixQuerySchema, new URLSearchParams('meshes=istio&meshes=linkerd')));
    expect(error.fieldErrors).toEqual({
      meshes: ['meshes is given more than once; give it once, as a comma-separated list'],
    });
    expect(error.message).toBe('meshes is given more than once; give it once, as a comma-separated list');
  });

  it('returns the parsed query when it is fine', () => {
    expect(parseQuery(matrixQuerySchema, new URLSearchParams('meshes=istio,linkerd')).meshes).toEqual([
      'istio',
      'linkerd',
    ]);
  });
});
