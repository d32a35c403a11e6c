import { describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema';
import { safeCallbackUrl } from '@/lib/next/auth/callback-url';
import { listEnabledProviders } from '@/lib/next/auth/options';
import { checkProductionEnv, EnvError, parseEnv } from '@/lib/server/env';
import { ForbiddenError, UnauthorizedError } from '@/lib/rules/errors';
import { assertCanModerate, assertCanPropose, assertIsAdmin, hasRole, type Actor } from '@/lib/rules/permissions';

function envErrorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('parseEnv: sign-in settings', () => {
  it('reads AUTH_DEMO as a 1/0 switch', () => {
    expect(parseEnv({ AUTH_DEMO: '1' }).AUTH_DEMO).toBe(true);
    expect(parseEnv({ AUTH_DEMO: '0' }).AUTH_DEMO).toBe(false);
    expect(parseEnv({ AUTH_DEMO: '' }).AUTH_DEMO).toBe(false);
    expect(parseEnv({}).AUTH_DEMO).toBe(false);
    expect(envErrorOf({ AUTH_DEMO: 'yes' }).message).toMatch(/AUTH_DEMO/);
    expect(envErrorOf({ AUTH_DEMO: 'true' }).message).toMatch(/AUTH_DEMO/);
  });

  it('requires the GitHub secret with the GitHub id', () => {
    const error = envErrorOf({ AUTH_GITHUB_ID: 'gh-id' });
    expect(error.message).toMatch(/AUTH_GITHUB_SECRET/);
    expect(envErrorOf({ AUTH_GITHUB_SECRET: 'gh-secret' }).message).toMatch(/AUTH_GITHUB_ID must be set/);
    expect(parseEnv({ AUTH_GITHUB_ID: 'gh-id', AUTH_GITHUB_SECRET: 'gh-secret' })).toMatchObject({
      AUTH_GITHUB_ID: 'gh-id',
      AUTH_GITHUB_SECRET: 'gh-secret',
    });
  });

  it('requires the OIDC client id and secret with the issuer', () => {
    const error = envErrorOf({ AUTH_OIDC_ISSUER: 'https://id.example.org' });
    expect(error.message).toMatch(/AUTH_OIDC_ID/);
    expect(error.message).toMatch(/AUTH_OIDC_SECRET/);
    expect(envErrorOf({ AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_ID: 'client' }).message).toMatch(
      /AUTH_OIDC_SECRET/,
    );
    expect(
      envErrorOf({ AUTH_OIDC_ISSUER: 'not a url', AUTH_OIDC_ID: 'client', AUTH_OIDC_SECRET: 's' }).message,
    ).toMatch(/AUTH_OIDC_ISSUER/);
    expect(parseEnv({ AUTH_OIDC_ISSUER: '' }).AUTH_OIDC_ISSUER).toBeUndefined();
  });

  it('reads ADMIN_EMAILS as a lowercased list', () => {
    expect(parseEnv({ ADMIN_EMAILS: 'A@x.org, b@y.org' }).ADMIN_EMAILS).toEqual(['a@x.org', 'b@y.org']);
    expect(parseEnv({ ADMIN_EMAILS: ' , a@x.org,,' }).ADMIN_EMAILS).toEqual(['a@x.org']);
    expect(parseEnv({}).ADMIN_EMAILS).toEqual([]);
    expect(envErrorOf({ ADMIN_EMAILS: 'not-an-email' }).message).toMatch(/ADMIN_EMAILS/);
    expect(envErrorOf({ ADMIN_EMAILS: 'a@x.org, not-an-email' }).message).toMatch(/ADMIN_EMAILS/);
  });

  it('reads the proposal limits as positive whole numbers with defaults', () => {
    expect(parseEnv({})).toMatchObject({ PROPOSAL_MAX_PENDING: 20, PROPOSAL_MAX_PER_HOUR: 30 });
    expect(parseEnv({ PROPOSAL_MAX_PENDING: '5', PROPOSAL_MAX_PER_HOUR: ' 12 ' })).toMatchObject({
      PROPOSAL_MAX_PENDING: 5,
      PROPOSAL_MAX_PER_HOUR: 12,
    });
    for (const bad of ['0', 'abc', '-3', '2.5']) {
      expect(envErrorOf({ PROPOSAL_MAX_PENDING: bad }).message).toMatch(/PROPOSAL_MAX_PENDING/);
      expect(envErrorOf({ PROPOSAL_MAX_PER_HOUR: bad }).message).toMatch(/PROPOSAL_MAX_PER_HOUR/);
    }
  });
});

describe('checkProductionEnv', () => {
  it('refuses production without NEXTAUTH_SECRET', () => {
    const env = parseEnv({ NODE_ENV: 'production' });
    expect(() => checkProductionEnv(env)).toThrow(EnvError);
    expect(() => checkProductionEnv(env)).toThrow(/NEXTAUTH_SECRET/);
    expect(() => checkProductionEnv(parseEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: '   ' }))).toThrow(
      /NEXTAUTH_SECRET/,
    );
  });

  it('warns loudly about demo accounts in production', () => {
    const warnings = checkProductionEnv(
      parseEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: 's3cret', AUTH_DEMO: '1' }),
    );
    expect(warnings.some((line) => line.includes('AUTH_DEMO=1'))).toBe(true);
    expect(checkProductionEnv(parseEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: 's3cret' }))).toEqual([]);
  });

  it('has nothing to say outside production', () => {
    expect(checkProductionEnv(parseEnv({ NODE_ENV: 'development' }))).toEqual([]);
    expect(checkProductionEnv(parseEnv({ NODE_ENV: 'development', AUTH_DEMO: '1' }))).toEqual([]);
    expect(checkProductionEnv(parseEnv({ NODE_ENV: 'test' }))).toEqual([]);
  });
});

describe('listEnabledProviders', () => {
  it('offers nothing when nothing is configured', () => {
    expect(listEnabledProviders(parseEnv({}))).toEqual([]);
  });

  it('offers each provider only when it is configured', () => {
    expect(listEnabledProviders(parseEnv({ AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' }))).toEqual([
      { id: 'github', name: 'GitHub', kind: 'oauth' },
    ]);
    expect(listEnabledProviders(parseEnv({ AUTH_DEMO: '1' }))).toEqual([
      { id: 'demo', name: 'Demo account', kind: 'demo' },
    ]);
    expect(
      listEnabledProviders(
        parseEnv({ AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_ID: 'id', AUTH_OIDC_SECRET: 'secret' }),
      ),
    ).toEqual([{ id: 'oidc', name: 'OpenID Connect', kind: 'oauth' }]);
  });

  it('skips a half-configured provider even in a hand-built env', () => {
    const base = parseEnv({});
    expect(listEnabledProviders({ ...base, AUTH_GITHUB_ID: 'id' })).toEqual([]);
    expect(listEnabledProviders({ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_ID: 'id' })).toEqual(
      [],
    );
  });

  it('lists all configured providers, with the OIDC display name', () => {
    const env = parseEnv({
      AUTH_GITHUB_ID: 'id',
      AUTH_GITHUB_SECRET: 'secret',
      AUTH_OIDC_ISSUER: 'https://id.example.org',
      AUTH_OIDC_ID: 'id',
      AUTH_OIDC_SECRET: 'secret',
      AUTH_OIDC_NAME: 'Example SSO',
      AUTH_DEMO: '1',
    });
    expect(listEnabledProviders(env).map((p) => [p.id, p.name, p.kind])).toEqual([
      ['github', 'GitHub', 'oauth'],
      ['oidc', 'Example SSO', 'oauth'],
      ['demo', 'Demo account', 'demo'],
    ]);
  });
});

describe('safeCallbackUrl', () => {
  it('keeps same-site paths', () => {
    expect(safeCallbackUrl('/proposals')).toBe('/proposals');
    expect(safeCallbackUrl('/meshes/istio/1.16.1/mtls?x=1')).toBe('/meshes/istio/1.16.1/mtls?x=1');
  });

  it('turns anything else into /', () => {
    expect(safeCallbackUrl('https://evil.example')).toBe('/');
    expect(safeCallbackUrl('//evil.example')).toBe('/');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/');
    expect(safeCallbackUrl('javascript:alert(1)')).toBe('/');
    expect(safeCallbackUrl('')).toBe('/');
    expect(safeCallbackUrl(undefined)).toBe('/');
  });
});

describe('permissions', () => {
  const actor = (role: Role, banned = false): Actor => ({ id: 1, name: role, role, banned });
  const contributor = actor('contributor');
  const bannedModerator = actor('moderator', true);
  const moderator = actor('moderator');
  const admin = actor('admin');

  it('ranks roles and ignores banned users', () => {
    expect(hasRole(null, 'contributor')).toBe(false);
    expect(hasRole(undefined, 'contributor')).toBe(false);
    expect([
      hasRole(contributor, 'contributor'),
      hasRole(contributor, 'moderator'),
      hasRole(contributor, 'admin'),
    ]).toEqual([true, false, false]);
    expect([
      hasRole(bannedModerator, 'contributor'),
      hasRole(bannedModerator, 'moderator'),
      hasRole(bannedModerator, 'admin'),
    ]).toEqual([false, false, false]);
    expect([hasRole(moderator, 'contributor'), hasRole(moderator, 'moderator'), hasRole(moderator, 'admin')]).toEqual([
      true,
      true,
      false,
    ]);
    expect([hasRole(admin, 'contributor'), hasRole(admin, 'moderator'), hasRole(admin, 'admin')]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('lets signed-in, unbanned users propose', () => {
    expect(() => assertCanPropose(null)).toThrow(UnauthorizedError);
    expect(() => assertCanPropose(bannedModerator)).toThrow(ForbiddenError);
    expect(() => assertCanPropose(contributor)).not.toThrow();
    expect(() => assertCanPropose(moderator)).not.toThrow();
    expect(() => assertCanPropose(admin)).not.toThrow();
  });

  it('lets moderators and admins moderate', () => {
    expect(() => assertCanModerate(null)).toThrow(UnauthorizedError);
    expect(() => assertCanModerate(contributor)).toThrow(ForbiddenError);
    expect(() => assertCanModerate(bannedModerator)).toThrow(ForbiddenError);
    expect(() => assertCanModerate(moderator)).not.toThrow();
    expect(() => assertCanModerate(admin)).not.toThrow();
  });

  it('lets only admins administer', () => {
    expect(() => assertIsAdmin(null)).toThrow(UnauthorizedError);
    expect(() => assertIsAdmin(contributor)).toThrow(ForbiddenError);
    expect(() => assertIsAdmin(bannedModerator)).toThrow(ForbiddenError);
    expect(() => assertIsAdmin(moderator)).toThrow(ForbiddenError);
    expect(() => assertIsAdmin(admin)).not.toThrow();
    expect(() => assertIsAdmin({ ...admin, banned: true })).toThrow(ForbiddenError);
  });
});
