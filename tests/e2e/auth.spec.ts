import { spawn } from 'node:child_process';
import { e2eEnv, oidcUser } from './env';
import { expect, signInAs, test } from './fixtures';
import { nextBin } from '../support/next-bin';

test('sign in through a real OpenID Connect provider', async ({ page }) => {
  await page.goto('/signin?callbackUrl=%2Fmeshes');
  await page.getByRole('button', { name: 'Sign in with Test OIDC' }).click();
  await expect(page).toHaveURL('/meshes');
  const header = page.getByRole('banner');
  await expect(header).toContainText(`Signed in as ${oidcUser.name}`);
  await expect(header).toContainText('contributor');
});

test('sign in with a demo account, see name and role, sign out', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in with Test OIDC' })).toBeVisible();
  await page.getByLabel('Username').fill('mo');
  await page.getByRole('button', { name: 'Sign in with the demo account' }).click();
  const header = page.getByRole('banner');
  await expect(header).toContainText('Signed in as mo');
  await expect(header).toContainText('moderator');
  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('an unknown demo account is refused with a message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Username').fill('mallory');
  await page.getByRole('button', { name: 'Sign in with the demo account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That demo account does not exist' })).toBeVisible();
});

test('scripts sign in over HTTP the standard next-auth way', async ({ page }) => {
  await signInAs(page, 'ada');
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.user.role).toBe('admin');
});

test('without AUTH_DEMO the demo provider does not exist', async ({ request }) => {
  const port = '3298';
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...e2eEnv,
    AUTH_DEMO: undefined,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: e2eEnv.DATABASE_PATH.replace('e2e.db', 'no-demo.db'),
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(nextBin, ['start', '-p', port, '-H', '127.0.0.1'], { env: env as NodeJS.ProcessEnv, stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await request.get(`${base}/api/health`).catch(() => null))?.status(), { timeout: 30_000 }).toBe(200);
    const { csrfToken } = await (await request.get(`${base}/api/auth/csrf`)).json();
    const post = (provider: string) =>
      request.post(`${base}/api/auth/callback/${provider}`, { form: { csrfToken, username: 'ada', json: 'true' }, maxRedirects: 0 });
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
    child.kill('SIGTERM');
  }
});
