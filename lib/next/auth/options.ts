import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers/index';
import { parseEnv, type Env } from '../../server/env';
import { hasRole } from '../../rules/permissions';
import { countPendingReviews } from '../../server/proposals/review';
import { getUserById, upsertUserFromAccount } from '../../server/users/users';
import { safeRedirectUrl } from './callback-url';
import { demoAccounts } from './demo-accounts';

export interface EnabledProvider {
  id: string;
  name: string;
  kind: 'oauth' | 'demo';
}

/** Which sign-in methods this deployment offers, from the environment alone. */
export function listEnabledProviders(env: Env = parseEnv()): EnabledProvider[] {
  const enabled: EnabledProvider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) enabled.push({ id: 'github', name: 'GitHub', kind: 'oauth' });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    enabled.push({ id: 'oidc', name: env.AUTH_OIDC_NAME ?? 'OpenID Connect', kind: 'oauth' });
  }
  if (env.AUTH_DEMO) enabled.push({ id: 'demo', name: 'Demo account', kind: 'demo' });
  return enabled;
}

interface OidcProfile {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  picture?: string;
}

function buildProviders(env: Env): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    const issuer = env.AUTH_OIDC_ISSUER.replace(/\/$/, '');
    providers.push({
      id: 'oidc',
      name: env.AUTH_OIDC_NAME ?? 'OpenID Connect',
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile(profile: OidcProfile) {
        return {
          id: profile.sub,
          name: profile.name ?? profile.preferred_username ?? null,
          email: profile.email ?? null,
          image: profile.picture ?? null,
        };
      },
    });
  }
  if (env.AUTH_DEMO) {
    providers.push(
      CredentialsProvider({
        id: 'demo',
        name: 'Demo account',
        credentials: { username: { label: 'Username', type: 'text', placeholder: 'alice, mo or ada' } },
        authorize(credentials) {
          const username = credentials?.username?.trim().toLowerCase() ?? '';
          const demo = demoAccounts[username];
          if (!demo) return null;
          return { id: username, name: demo.name, email: demo.email };
        },
      }),
    );
  }
  return providers;
}

/** Served over https (NEXTAUTH_URL says so): the session cookie is then Secure and `__Secure-` prefixed. */
export function sessionCookieIsSecure(env: Pick<Env, 'NEXTAUTH_URL'>): boolean {
  return env.NEXTAUTH_URL?.startsWith('https://') ?? false;
}

/**
 * Spelled out rather than left to next-auth's defaults: scripts cannot read
 * it (HttpOnly), cross-site posts do not carry it (SameSite=Lax), and over
 * https it never travels in clear (Secure).
 */
export function sessionCookie(secure: boolean) {
  return {
    name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}

let cached: { key: string; options: NextAuthOptions } | undefined;

/**
 * next-auth configuration, built lazily from the environment (never at
 * build time). JWT sessions carry only our user id; role and ban status are
 * read from the database on each request that needs them.
 */
export function getAuthOptions(): NextAuthOptions {
  const env = parseEnv();
  const key = JSON.stringify([
    env.AUTH_DEMO,
    env.AUTH_GITHUB_ID,
    env.AUTH_OIDC_ISSUER,
    env.AUTH_OIDC_ID,
    env.ADMIN_EMAILS,
    env.NEXTAUTH_SECRET,
    env.NEXTAUTH_URL,
  ]);
  if (cached?.key === key) return cached.options;
  const secureCookies = sessionCookieIsSecure(env);
  const options: NextAuthOptions = {
    secret: env.NEXTAUTH_SECRET ?? (env.NODE_ENV === 'production' ? undefined : 'mesh-matrix-development-secret'),
    session: { strategy: 'jwt' },
    useSecureCookies: secureCookies,
    cookies: { sessionToken: sessionCookie(secureCookies) },
    providers: buildProviders(env),
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      signIn({ user, account }) {
        if (!account) return false;
        const demo = account.provider === 'demo' ? demoAccounts[user.id] : undefined;
        const ours = upsertUserFromAccount(
          {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            type: account.type,
            email: user.email ?? null,
            name: user.name ?? null,
            image: user.image ?? null,
            initialRole: demo?.role,
          },
          env.ADMIN_EMAILS,
        );
        user.uid = ours.id;
        return true;
      },
      jwt({ token, user }) {
        const uid = user?.uid;
        if (uid) token.uid = uid;
        return token;
      },
      session({ session, token }) {
        // Role and ban come from the database on every session read, so a demotion or ban shows at once.
        const user = typeof token.uid === 'number' ? getUserById(token.uid) : undefined;
        if (!user) return { ...session, user: undefined };
        const pendingReviews = hasRole(user, 'moderator') ? countPendingReviews() : undefined;
        return {
          ...session,
          user: { ...session.user, id: user.id, name: user.name, role: user.role, banned: user.banned, pendingReviews },
        };
      },
    },
  };
  cached = { key, options };
  return options;
}
