import { expect, expectNoAxeViolations, postJson, proposeOverApi, test } from './fixtures';
import { runTag } from './support-roles';

// A mesh no other spec changes, so ada's unread count here is this spec's own.
const MESH = 'nginx-service-mesh';
const MESH_NAME = 'NGINX Service Mesh';
const CELL = { mesh: MESH, version: 'as-of-2022-01', feature: 'rate-limiting' };

test('a mesh followed without JavaScript brings its proposals and approvals to /watchlist, the private feed and the header count', async ({
  pageAs,
}) => {
  // ada follows the mesh with the plain form: no JavaScript at all.
  const noScript = await pageAs('ada', { javaScriptEnabled: false });
  await noScript.goto(`/meshes/${MESH}`);
  await noScript.getByRole('button', { name: `Follow this mesh: ${MESH_NAME}` }).click();
  await expect(noScript).toHaveURL(/\/watchlist\?followed=/);
  await expect(noScript.getByRole('status')).toContainText(`You follow ${MESH_NAME}`);
  await expect(noScript.getByRole('table', { name: 'What you follow' })).toContainText(MESH_NAME);
  // Pressing it again is harmless: still one row for the mesh.
  await noScript.goto(`/meshes/${MESH}`);
  await noScript.getByRole('button', { name: `Follow this mesh: ${MESH_NAME}` }).click();
  await expect(noScript.getByRole('button', { name: `Unfollow ${MESH_NAME}` })).toHaveCount(1);
  // And a private feed, made (or replaced, after an earlier run) without JavaScript too.
  await noScript.getByRole('button', { name: /^(Make a private feed address|Replace feed address)/ }).click();
  await expect(noScript.getByRole('status')).toContainText('Your private feed has a new address');
  const feedPath = new URL(await noScript.getByLabel('Your feed address').inputValue()).pathname;
  expect(feedPath).toMatch(/^\/watchlist\/feed\/[A-Za-z0-9_-]{43}$/);

  // Someone else proposes on the mesh, and a moderator approves it.
  const alice = await pageAs('alice');
  const tag = runTag();
  const id = await proposeOverApi(alice.request, CELL, {
    support: 'partial',
    note: `watchlist spec ${tag}`,
    sources: [{ url: 'https://docs.nginx.com/nginx-service-mesh/' }],
  });
  const mo = await pageAs('mo');
  expect((await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);

  // The header shows the unread count on any page, even a cached one.
  const ada = await pageAs('ada');
  await ada.goto('/meshes');
  const count = ada.getByRole('banner').getByRole('link', { name: /^\d+ unread on your watchlist$/ });
  await expect(count).toBeVisible();
  const unread = Number(/^(\d+)/.exec((await count.getAttribute('aria-label')) ?? '')?.[1]);
  expect(unread).toBeGreaterThanOrEqual(2);

  // The API lists them without marking them seen.
  const api = await (await ada.request.get('/api/v1/watchlist')).json();
  expect(api.unread).toBe(unread);
  expect(api.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        kind: 'proposal',
        mesh: MESH,
        version: CELL.version,
        url: `/proposals/${id}`,
        unread: true,
      }),
      expect.objectContaining({ kind: 'change', mesh: MESH, feature: CELL.feature, unread: true }),
    ]),
  );

  // The private feed has them too, for anyone holding the secret (no cookie).
  const reader = await pageAs('anonymous');
  const feed = await reader.request.get(feedPath);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  const xml = await feed.text();
  expect(xml).toContain(`Proposal ${id} by alice`);
  expect(xml).toContain(`watchlist spec ${tag}`);

  // Visiting /watchlist shows them as new, then marks them seen: the count goes away.
  await count.click();
  await expect(ada).toHaveURL(/\/watchlist$/);
  const proposalItem = ada.getByRole('listitem').filter({ hasText: `Proposal ${id} by alice` });
  await expect(proposalItem).toContainText('New');
  await expect(ada.getByRole('listitem').filter({ hasText: `now partial (watchlist spec ${tag})` })).toContainText(
    'New',
  );
  expect((await (await ada.request.get('/api/v1/watchlist')).json()).unread).toBe(0);
  await ada.goto('/meshes');
  await ada.waitForLoadState('networkidle');
  await expect(count).toHaveCount(0);
  await ada.goto('/watchlist');
  await expect(proposalItem).not.toContainText('New');

  // Revoking the feed turns its address off.
  await ada.getByRole('button', { name: 'Revoke feed address of your watchlist' }).click();
  await expect(ada.getByRole('status')).toContainText('Your private feed is turned off');
  expect((await reader.request.get(feedPath)).status()).toBe(404);

  // Unfollowing from /watchlist.
  await ada.getByRole('button', { name: `Unfollow ${MESH_NAME}` }).click();
  await expect(ada.getByRole('status')).toContainText('Unfollowed');
  await expect(ada.getByRole('button', { name: `Unfollow ${MESH_NAME}` })).toHaveCount(0);
});

test('the cell page offers to follow the cell and its row, and links their public feeds', async ({ pageAs }) => {
  const page = await pageAs('alice');
  await page.goto(`/meshes/${CELL.mesh}/${CELL.version}/${CELL.feature}`);
  const feedHref = await page.getByRole('link', { name: 'Atom feed of this cell' }).getAttribute('href');
  const feed = await page.request.get(feedHref!);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('<title>Mesh Matrix: recent changes to Rate limiting in NGINX Service Mesh');
  const rowFeed = await page.request.get(
    (await page.getByRole('link', { name: 'Atom feed of this row' }).getAttribute('href'))!,
  );
  expect(await rowFeed.text()).toContain('(every mesh)');
  await page.getByRole('button', { name: /^Follow this row/ }).click();
  await expect(page.getByRole('status')).toContainText('You follow Rate limiting (every mesh)');
  await page.getByRole('button', { name: 'Unfollow Rate limiting (every mesh)' }).click();
  await expect(page.getByRole('status')).toContainText('Unfollowed');
});

test('anonymous readers get a sign-in prompt on /watchlist and a 401 from the API', async ({ pageAs }) => {
  const page = await pageAs('anonymous');
  await page.goto('/watchlist');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(page.getByRole('main')).toContainText('to follow meshes, rows and cells');
  expect((await page.request.get('/api/v1/watchlist')).status()).toBe(401);
  await expect(page.getByRole('banner').getByRole('link', { name: /unread on your watchlist/ })).toHaveCount(0);
});

test('axe finds no violations on /watchlist', async ({ pageAs }) => {
  const page = await pageAs('alice');
  await page.goto(`/meshes/${MESH}`);
  await page.getByRole('button', { name: `Follow this mesh: ${MESH_NAME}` }).click();
  await expect(page).toHaveURL(/\/watchlist/);
  await expectNoAxeViolations(page);
});

test('axe finds no colour-contrast violations on /watchlist in dark mode', async ({ pageAs }) => {
  const page = await pageAs('alice', { colorScheme: 'dark' });
  await page.goto('/watchlist');
  await expectNoAxeViolations(page, { colorContrastOnly: true });
});
