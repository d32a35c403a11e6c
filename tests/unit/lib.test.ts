import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/server/env';
import { carriedNotice, cellPath, formatDate } from '@/lib/rules/format';
import { sourceUrlProblem } from '@/lib/rules/sources';
import { matrixQuerySchema } from '@/lib/server/matrix/query-schemas';

describe('source URLs', () => {
  it('accepts http and https', () => {
    expect(sourceUrlProblem('https://istio.io/latest/docs/')).toBeNull();
    expect(sourceUrlProblem('http://example.com')).toBeNull();
  });

  it('rejects other schemes, malformed and over-long URLs', () => {
    expect(sourceUrlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(sourceUrlProblem('data:text/html,hi')).toMatch(/http/);
    expect(sourceUrlProblem('file:///etc/passwd')).toMatch(/http/);
    expect(sourceUrlProblem('not a url')).toMatch(/valid/);
    expect(sourceUrlProblem(`https://example.com/${'a'.repeat(2048)}`)).toMatch(/2048/);
  });
});

describe('matrix query', () => {
  it('parses comma lists and mesh@release pairs', () => {
    expect(matrixQuerySchema.parse({ meshes: 'istio, linkerd', versions: 'istio@1.3' })).toEqual({
      meshes: ['istio', 'linkerd'],
      versions: [{ mesh: 'istio', label: '1.3' }],
    });
    expect(matrixQuerySchema.parse({})).toEqual({ meshes: [], versions: [] });
  });

  it('names the bad field', () => {
    const result = matrixQuerySchema.safeParse({ versions: 'istio-1.3' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe('versions');
    expect(matrixQuerySchema.safeParse({ meshes: 'Istio!' }).error?.issues[0]?.path[0]).toBe('meshes');
  });
});

describe('environment', () => {
  it('defaults DATABASE_PATH to a file under ./data/', () => {
    expect(parseEnv({}).DATABASE_PATH).toBe('./data/mesh-matrix.db');
  });

  it('names a bad variable', () => {
    expect(() => parseEnv({ DATABASE_PATH: '  ' })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_PATH: '  ' })).toThrow(/DATABASE_PATH/);
    expect(() => parseEnv({ SITE_URL: 'ftp://x' })).toThrow(/SITE_URL/);
  });
});

describe('formatting', () => {
  it('formats dates in UTC and builds cell paths', () => {
    expect(formatDate('2019-11-01T00:00:00.000Z')).toBe('1 Nov 2019');
    expect(formatDate('2021-03-31')).toBe('31 Mar 2021');
    expect(cellPath('istio', '1.16.1', 'mtls')).toBe('/meshes/istio/1.16.1/mtls');
    expect(carriedNotice('1.3', '1.16.1')).toBe('carried over from 1.3, not re-checked for 1.16.1');
  });
});
