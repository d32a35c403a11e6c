import { cellOf, expect, sourceLinkOf, test } from './fixtures';

/** Meshes the seed gives enough data to lead the default matrix; the rest are found from the API's coverage. */
const meshesWithData = ['Istio', 'Linkerd', 'Consul', 'Kuma', 'Traefik Mesh', 'AWS App Mesh'];
const categories = [
  'General',
  'Architecture and platforms',
  'Supported protocols',
  'Routing and traffic management',
  'Resilience',
  'Security',
  'Monitoring and observability',
  'Service Mesh Interface (SMI)',
  'Operations',
];

test('the matrix shows every active mesh (those with little data one link away) and every category', async ({
  matrix,
  page,
  request,
}) => {
  const { meshes } = await (await request.get('/api/v1/matrix')).json();
  const names = (meshes as { name: string; coverage: { known: number; rows: number } }[]).map((m) => ({
    name: m.name,
    sparse: m.coverage.known * 2 < m.coverage.rows,
  }));
  await matrix.goto();
  await expect(page.getByRole('heading', { level: 1, name: 'Service mesh comparison' })).toBeVisible();
  for (const name of meshesWithData) await expect(matrix.columnHeader(name)).toHaveCount(1);
  for (const { name, sparse } of names) await expect(matrix.columnHeader(name)).toHaveCount(sparse ? 0 : 1);
  await expect(matrix.columnHeader('Open Service Mesh')).toHaveCount(0);
  await matrix.goto('/?sparse=1');
  for (const { name } of names) await expect(matrix.columnHeader(name)).toHaveCount(1);
  await expect(matrix.columnHeader('Open Service Mesh')).toHaveCount(0);
  await matrix.goto();
  for (const name of categories)
    await expect(matrix.table().getByRole('columnheader', { name, exact: true })).toBeVisible();
  await expect(matrix.columnHeader('Istio')).toContainText('1.20');
});

test('a cell shows support as icon and text, its note and its numbered sources, and carried values are marked', async ({
  matrix,
  page,
}) => {
  await matrix.goto();
  const mtls = matrix.cellLink('mTLS', 'Istio');
  await expect(mtls).toContainText('yes');
  const source = await sourceLinkOf(page, 'istio', '1.20', 'mtls', 1);
  await expect(source).toHaveAttribute('href', /^https?:\/\//);
  await expect(source).toHaveAttribute('rel', 'nofollow ugc noopener');
  // Istio 1.20's open-source row still rests on the 2023 article's value for 1.16.1.
  await expect(cellOf(page, 'istio', '1.20', 'open-source').cell).toContainText(
    'carried over from 1.16.1, not re-checked for 1.20',
  );
  await expect(matrix.table().getByText('carried over from 1.16.1, not re-checked for 1.20').first()).toBeAttached();
});

test("a cell's sources open, from the matrix and from the cell page", async ({ matrix, page }) => {
  // Istio 1.20's mTLS cites the servicemesh.es table's file on GitHub first.
  await page.route('https://github.com/servicemesh-es/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>comparison.html</title>source' }),
  );
  await page.route('https://servicemesh.es/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>servicemesh.es</title>source' }),
  );
  await matrix.goto();
  const source = await sourceLinkOf(page, 'istio', '1.20', 'mtls', 1);
  const href = await source.getAttribute('href');
  expect(href).toMatch(
    /^https:\/\/github\.com\/servicemesh-es\/servicemesh\.es\/blob\/[0-9a-f]+\/_includes\/comparison\.html$/,
  );
  await source.click();
  await expect(page).toHaveURL(href!);

  await matrix.goto();
  await matrix.cellLink('mTLS', 'Istio').click();
  await expect(page).toHaveURL('/meshes/istio/1.20/mtls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mTLS in Istio 1.20');
  const history = page.getByRole('table', { name: /Every value this cell has had/ });
  await expect(history.getByRole('row')).not.toHaveCount(1);
  await page.goto('/meshes/istio/1.3/mtls');
  await page
    .getByRole('region')
    .or(page.locator('main'))
    .getByRole('link', { name: /servicemesh\.es/ })
    .first()
    .click();
  await expect(page).toHaveURL(/servicemesh\.es/);
});

test('the matrix reads without client JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('columnheader', { name: /Linkerd/ })).toBeVisible();
  const circuitBreaking = cellOf(page, 'linkerd', '2.13', 'circuit-breaking').value;
  await expect(circuitBreaking).toHaveText('yes');
  await circuitBreaking.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Circuit breaking in Linkerd 2.13');
  await context.close();
});

test('row definitions open in place', async ({ matrix, page }) => {
  await matrix.goto();
  const row = matrix
    .table()
    .getByRole('rowheader')
    .filter({ has: page.getByText('Circuit breaking', { exact: true }) });
  const definition = row.getByRole('paragraph');
  await expect(definition).toBeHidden();
  await row.getByText('Circuit breaking', { exact: true }).press('Enter');
  await expect(definition).toBeVisible();
  await expect(definition).toContainText(/failing or overloaded destination/);
});

test('on a phone the header row and the feature column stay put while the table scrolls', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/');
  const region = page.getByRole('region', { name: /Service mesh comparison/ });
  const featureHeader = region.getByRole('columnheader', { name: 'Feature' });
  const before = await featureHeader.boundingBox();
  await region.evaluate((el) => el.scrollBy(600, 800));
  const after = await featureHeader.boundingBox();
  expect(after?.x).toBeCloseTo(before!.x, 0);
  expect(after?.y).toBeCloseTo(before!.y, 0);
  const rowHeader = region.getByRole('rowheader').filter({ hasText: 'mTLS' }).first();
  const box = await rowHeader.boundingBox();
  expect(box!.x).toBeLessThan(50);
  await context.close();
});

test('pages of meshes: the seeded field fits on one page, a page that does not exist is a 404, a bad page number is named', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Pages of meshes' })).toHaveCount(0);
  expect((await page.goto('/?columns=2'))?.status()).toBe(404);
  await page.goto('/?columns=abc');
  await expect(page.getByRole('alert').filter({ hasText: 'columns must be a page number' })).toBeVisible();
});
