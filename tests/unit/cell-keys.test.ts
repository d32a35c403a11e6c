import { describe, expect, it } from 'vitest';
import { cellKey, parseReleaseKey, releaseKey } from '@/lib/rules/cell-keys';

describe('release and cell keys', () => {
  it('builds mesh@release and mesh@release/row', () => {
    expect(releaseKey('istio', '1.16.1')).toBe('istio@1.16.1');
    expect(cellKey('gloo-mesh', 'as-of-2022-01', 'mtls')).toBe('gloo-mesh@as-of-2022-01/mtls');
  });

  it('reads back what it builds, and a bare mesh', () => {
    expect(parseReleaseKey(releaseKey('kuma', '2.0'))).toEqual({ mesh: 'kuma', label: '2.0' });
    expect(parseReleaseKey('linkerd')).toEqual({ mesh: 'linkerd', label: undefined });
    expect(parseReleaseKey('a@b@c')).toEqual({ mesh: 'a', label: 'b@c' });
  });
});
