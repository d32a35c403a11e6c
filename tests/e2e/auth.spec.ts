import { e2eEnv, oidcUser } from './env';
import { expect, test } from './fixtures';
import { startOwnServer } from './own-server';

test('sign in through a real OpenID Connect provider', async ({ signInPage }) => {
  await signInPage.signInWithOidc('/meshes');
  const header = signInPage.header();
  await expect(header).toContainText(`Signed in as ${oidcUser.name}`);
  await expect(header).toContainText('contributor');
});

test('sign in with a demo account, see name and role, sign out', async ({ signInPage }) => {
  await signInPage.goto();
  await expect(signInPage.oidcButton()).toBeVisible();
  await signInPage.signInWithDemo('mo');
  const header = signInPage.header();
  await expect(header).toContainText('Signed in as mo');
  await expect(header).toContainText('moderator');
  await signInPage.signOut();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('an unknown demo account is refused with a message', async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signInWithDemo('mallory');
  await expect(page.getByRole('alert').filter({ hasText: 'That demo account does not exist' })).toBeVisible();
});

test('scripts sign in over HTTP the standard next-auth way', async ({ page, signInPage }) => {
  await signInPage.signInOverHttp('ada');
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.user.role).toBe('admin');
});

test('without AUTH_DEMO the demo provider does not exist', async ({ request }) => {
  // On a port derived from E2E_PORT, so runs side by side do not collide.
  const server = await startOwnServer(6, {
    AUTH_DEMO: undefined,
    DATABASE_PATH: e2eEnv.DATABASE_PATH.replace('e2e.db', 'no-demo.db'),
  });
  try {
    const base = server.base;
    const { csrfToken } = await (await request.get(`${base}/api/auth/csrf`)).json();
    const post = (provider: string) =>
      request.post(`${base}/api/auth/callback/${provider}`, {
        form: { csrfToken, username: 'ada', json: 'true' },
        maxRedirects: 0,
      });
    const demo = await post('demo');
    const unknown = await post('no-such-provider');
    expect(demo.status()).toBe(unknown.status());
    expect(await demo.text()).toBe((await unknown.text()).replace('no-such-provider', 'demo'));
    const session = await (await request.get(`${base}/api/auth/session`)).json();
    expect(session.user).toBeUndefined();
    const providers = await (await request.get(`${base}/api/auth/providers`)).json();
    expect(Object.keys(providers)).toEqual(['oidc']);
    const signin = await (await request.get(`${base}/signin`)).text();
    expect(signin).not.toContain('Demo account');
  } finally {
    server.stop();
    await server.exited;
  }
});
