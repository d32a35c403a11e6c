import { expect, postJson, proposeOverApi, test } from './fixtures';

const CELL = { mesh: 'consul', version: '1.8', feature: 'websockets' };
const cellUrl = `/meshes/${CELL.mesh}/${CELL.version}/${CELL.feature}`;

test('a long history is paged: the cell page shows the newest 50 and links to older pages, read without JavaScript', async ({
  pageAs,
  browser,
}) => {
  const alice = await pageAs('alice');
  const mo = await pageAs('mo');
  const before = await (await alice.request.get(`/api/v1${cellUrl}/history`)).json();
  const wanted = 53 - before.revisions.length;
  let lastNote = '';
  for (let i = 0; i < wanted; i++) {
    lastNote = `paged history ${Date.now()} ${i}`;
    const id = await proposeOverApi(alice.request, CELL, {
      support: i % 2 ? 'yes' : 'partial',
      note: lastNote,
      sources: [{ url: `https://example.org/paged-history/${i}` }],
    });
    const approved = await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {});
    expect(approved.status(), await approved.text()).toBe(200);
  }

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(cellUrl);
  const history = page.locator('[data-html-once] table');
  await expect(history.locator('tbody tr')).toHaveCount(50);
  await expect(history.locator('tbody tr').first()).toContainText(lastNote);
  await expect(history.locator('tbody tr').first()).toContainText('current');
  const pager = page.getByRole('navigation', { name: "Pages of this cell's history" });
  await expect(pager).toContainText('Revisions 1–50 of 53, newest first (page 1 of 2).');

  await pager.getByRole('link', { name: 'Older revisions' }).click();
  await expect(page).toHaveURL(`${cellUrl}/history?page=2`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('page 2');
  await expect(page.locator('[data-html-once] table tbody tr')).toHaveCount(3);
  await expect(page.locator('[data-html-once] table')).not.toContainText('current');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const olderPager = page.getByRole('navigation', { name: "Pages of this cell's history" }).first();
  await expect(olderPager).toContainText('Revisions 51–53 of 53');
  await expect(olderPager.getByRole('link', { name: 'Older revisions' })).toHaveCount(0);
  await olderPager.getByRole('link', { name: 'Newer revisions' }).click();
  await expect(page).toHaveURL(new RegExp(`${cellUrl}#history-heading$`));
  await context.close();
});

test('a history page names a bad page number, and a page past the last is not found', async ({ page, request }) => {
  for (const bad of ['abc', '1', '0', '-2', '2.5']) {
    await page.goto(`${cellUrl}/history?page=${bad}`);
    await expect(page.getByRole('alert')).toContainText('page must be a whole number from 2');
    await expect(page.locator('table')).toHaveCount(0);
  }
  await page.goto(`${cellUrl}/history?page=2&extra=1`);
  await expect(page.getByRole('alert')).toContainText('extra');
  expect((await request.get(`${cellUrl}/history?page=999`)).status()).toBe(404);
});
