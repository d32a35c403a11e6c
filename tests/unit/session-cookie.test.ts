import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAuthOptions } from '@/lib/auth/options';

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
