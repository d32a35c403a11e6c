import { baseURL } from './env';
import { expect, test } from './fixtures';
import { ownServerBase, startOwnServer } from './own-server';

interface SetCookie {
  name: string;
  value: string;
  attributes: Set<string>;
  sameSite?: string;
}

function parseSetCookies(headers: Headers): SetCookie[] {
  return headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(';').map((part) => part.trim());
    const [name, ...value] = pair!.split('=');
    const attributes = new Set(rest.map((part) => part.split('=')[0]!.toLowerCase()));
    const sameSite = rest.find((part) => /^samesite=/i.test(part))?.split('=')[1];
    return { name: name!, value: value.join('='), attributes, sameSite };
  });
}

/** Signs in alice over HTTP the standard next-auth way and returns the cookies of the sign-in answer. */
async function signInCookies(base: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = await csrf.json();
  const csrfCookie = parseSetCookies(csrf.headers).find((c) => c.name.endsWith('next-auth.csrf-token'))!;
  const signIn = await fetch(`${base}/api/auth/callback/demo`, {
    method: 'POST',
    headers: {
      ...headers,
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: `${csrfCookie.name}=${csrfCookie.value}`,
    },
    body: new URLSearchParams({ csrfToken, username: 'alice', json: 'true' }),
    redirect: 'manual',
  });
  expect(signIn.status).toBe(200);
  return parseSetCookies(signIn.headers);
}

async function sessionUser(base: string, cookie: SetCookie, headers: Record<string, string> = {}) {
  const session = await fetch(`${base}/api/auth/session`, {
    headers: { ...headers, Cookie: `${cookie.name}=${cookie.value}` },
  });
  return ((await session.json()) as { user?: { name?: string } }).user?.name;
}

test('over http the session cookie is HttpOnly and SameSite=Lax, without Secure', async () => {
  const session = (await signInCookies(baseURL)).find((c) => c.name === 'next-auth.session-token');
  expect(session, 'a session cookie is set').toBeDefined();
  expect(session!.attributes.has('httponly')).toBe(true);
  expect(session!.sameSite?.toLowerCase()).toBe('lax');
  expect(session!.attributes.has('secure')).toBe(false);
  expect(await sessionUser(baseURL, session!)).toBe('alice');
});

test('behind https the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax', async () => {
  // Same database as the main server; TLS ends in a proxy in front of it, which says so.
  const server = await startOwnServer(4, { NEXTAUTH_URL: ownServerBase(4).replace('http:', 'https:') });
  try {
    const proxied = { 'X-Forwarded-Proto': 'https' };
    const cookies = await signInCookies(server.base, proxied);
    expect(cookies.map((c) => c.name)).not.toContain('next-auth.session-token');
    const session = cookies.find((c) => c.name === '__Secure-next-auth.session-token');
    expect(session, 'a __Secure- session cookie is set').toBeDefined();
    expect(session!.attributes.has('secure')).toBe(true);
    expect(session!.attributes.has('httponly')).toBe(true);
    expect(session!.sameSite?.toLowerCase()).toBe('lax');
    expect(await sessionUser(server.base, session!, proxied)).toBe('alice');
  } finally {
    server.stop();
  }
});
