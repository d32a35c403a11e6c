import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeCallbackUrl, safeRedirectUrl } from '@/lib/next/auth/callback-url';
import { getAuthOptions } from '@/lib/next/auth/options';

afterEach(() => vi.unstubAllEnvs());

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and not Secure over plain http', () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    const options = getAuthOptions();
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken).toEqual({
      name: 'next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false },
    });
  });

  it('is Secure with the __Secure- prefix when the site is served over https', () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://meshmatrix.example');
    const options = getAuthOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: '__Secure-next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    });
  });
});

describe('where sign-in may lead', () => {
  const base = 'http://127.0.0.1:3610';

  it('keeps pages of this site, relative or absolute', () => {
    expect(safeRedirectUrl('/proposals?x=1', base)).toBe(`${base}/proposals?x=1`);
    expect(safeRedirectUrl(`${base}/meshes/istio`, base)).toBe(`${base}/meshes/istio`);
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://evil.example/steal'],
    ['//evil.example/steal'],
    ['/\\evil.example/steal'],
    [' https://evil.example/'],
    // next-auth's own redirect callback threw on this one (a port that is not a number) and sign-in answered 500.
    [`${base}.evil.example/`],
    ['http://[::1'],
    ['https://127.0.0.1:3610@evil.example/'],
  ])('sends %j home instead, without throwing', (url) => {
    expect(safeRedirectUrl(url, base)).toBe(`${base}/`);
  });

  it('the sign-in page keeps only the path', () => {
    expect(safeCallbackUrl('/meshes/istio?version=1.3#x')).toBe('/meshes/istio?version=1.3#x');
    expect(safeCallbackUrl(`${base}.evil.example/`)).toBe('/');
  });
});
