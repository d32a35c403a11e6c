import { expect, test } from './fixtures';

interface MeshCoverage {
  slug: string;
  name: string;
  coverage: { known: number; rows: number };
}

/** The seed changes; which meshes have little data is read from the API, with the documented rule (less than half known). */
async function meshesByCoverage(request: import('@playwright/test').APIRequestContext) {
  const body = await (await request.get('/api/v1/matrix')).json();
  const meshes = body.meshes as MeshCoverage[];
  const isSparse = (m: MeshCoverage) => m.coverage.known * 2 < m.coverage.rows;
  return { dense: meshes.filter((m) => !isSparse(m)), sparse: meshes.filter(isSparse), all: meshes };
}

const headerLink = (page: import('@playwright/test').Page, slug: string) =>
  page
    .getByRole('region', { name: /Service mesh comparison/ })
    .getByRole('columnheader')
    .filter({ has: page.locator(`a[href="/meshes/${slug}"]`) });

test('the JSON gives every mesh its coverage of the active rows', async ({ request }) => {
  const body = await (await request.get('/api/v1/matrix')).json();
  const rows = body.categories.reduce((n: number, c: { features: unknown[] }) => n + c.features.length, 0);
  for (const mesh of body.meshes as MeshCoverage[]) {
    expect(mesh.coverage.rows).toBe(rows);
    expect(mesh.coverage.known).toBeGreaterThanOrEqual(0);
    expect(mesh.coverage.known).toBeLessThanOrEqual(rows);
  }
});

test('the default matrix shows meshes with data, each header with its coverage, and leaves sparse ones behind a link', async ({
  page,
  request,
}) => {
  const { dense, sparse } = await meshesByCoverage(request);
  await page.goto('/');
  for (const mesh of dense) {
    await expect(headerLink(page, mesh.slug)).toHaveCount(1);
    await expect(headerLink(page, mesh.slug)).toContainText(
      `${mesh.coverage.known} of ${mesh.coverage.rows} rows known`,
    );
    await expect(headerLink(page, mesh.slug)).not.toContainText('little data yet');
  }
  for (const mesh of sparse) await expect(headerLink(page, mesh.slug)).toHaveCount(0);
  const more = page.getByRole('link', { name: /^Show \d+ more meshes? with little data yet$/ });
  // The seed has meshes only one or two articles mention (NGINX, Gloo, the hosted offerings): they are the sparse ones.
  expect(sparse.length).toBeGreaterThan(0);
  await expect(more).toHaveText(
    `Show ${sparse.length} more ${sparse.length === 1 ? 'mesh' : 'meshes'} with little data yet`,
  );
});

test('"show more" works without client JavaScript: sparse meshes follow the others, marked, and can be hidden again', async ({
  browser,
  request,
}) => {
  const { dense, sparse } = await meshesByCoverage(request);
  expect(sparse.length, 'the seed has meshes with little data').toBeGreaterThan(0);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: /with little data yet$/ }).click();
  await expect(page).toHaveURL('/?sparse=1');
  const region = page.getByRole('region', { name: /Service mesh comparison/ });
  const order = await region
    .getByRole('columnheader')
    .locator('a[href^="/meshes/"]')
    .evaluateAll((links) =>
      links
        .map((a) => a.getAttribute('href')!)
        .filter((href) => /^\/meshes\/[^/]+$/.test(href))
        .map((href) => href.slice('/meshes/'.length)),
    );
  expect(order).toEqual([...dense.map((m) => m.slug), ...sparse.map((m) => m.slug)]);
  for (const mesh of sparse) {
    await expect(headerLink(page, mesh.slug)).toContainText(
      `${mesh.coverage.known} of ${mesh.coverage.rows} rows known, little data yet`,
    );
  }
  await expect(page.getByText(/after the thick line/)).toBeVisible();
  await page.getByRole('link', { name: /^Hide meshes? with little data$/ }).click();
  await expect(page).toHaveURL('/');
  await expect(headerLink(page, sparse[0]!.slug)).toHaveCount(0);
  await context.close();
});

test('filtered views keep sparse meshes apart too, and a bad sparse value is named', async ({ page, request }) => {
  const { sparse } = await meshesByCoverage(request);
  await page.goto('/?q=tls');
  for (const mesh of sparse) await expect(headerLink(page, mesh.slug)).toHaveCount(0);
  await page.goto('/?q=tls&sparse=1');
  for (const mesh of sparse) await expect(headerLink(page, mesh.slug)).toHaveCount(1);
  await page.goto('/?sparse=yes');
  await expect(page.getByRole('alert').filter({ hasText: 'sparse must be 1 or 0' })).toBeVisible();
});
