/**
 * Issue 16, part 1: the large tables travel once (in the HTML, not again in the RSC payload), and a reader without
 * client JavaScript can do everything a reader does on the matrix, a mesh page and a cell page.
 */
import { cellOf, expect, test } from './fixtures';

/** The text of a page's inline RSC payload: what hydration reads, and where a table would travel a second time. */
function payloadOf(html: string): string {
  return [...html.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/gs)].map((m) => m[1]).join('');
}

for (const [name, path, cell] of [
  ['the matrix', '/', '/meshes/istio/1.20/mtls'],
  ['a mesh page', '/meshes/istio', '/meshes/istio/1.20/mtls'],
  ['a release page', '/meshes/istio/1.3', '/meshes/istio/1.3/mtls'],
  ['a release diff', '/meshes/istio/compare?from=1.3&to=1.20', '/meshes/istio/1.20/mtls'],
] as const) {
  test(`${name} sends its table once`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="${cell}"`);
    const payload = payloadOf(html);
    expect(payload.length).toBeGreaterThan(0);
    expect(payload).not.toContain(cell);
    expect(payload).not.toContain('<table');
  });
}

test('a client-side navigation to the matrix still shows its table and sources', async ({ page }) => {
  await page.goto('/meshes');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matrix' }).click();
  await expect(page).toHaveURL('/');
  await expect(cellOf(page, 'istio', '1.20', 'mtls').value).toHaveText('yes');
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
});

test('without client JavaScript a reader reads the matrix, its sources, a mesh, a diff and a cell', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');

  // A row's definition opens in place.
  const row = page.getByRole('rowheader').filter({ has: page.getByText('Circuit breaking', { exact: true }) });
  await row.getByText('Circuit breaking', { exact: true }).click();
  await expect(row.getByRole('paragraph')).toContainText(/failing or overloaded destination/);

  // A cell's numbered source leads to its note under the table, and the note to the source.
  const mtls = cellOf(page, 'istio', '1.20', 'mtls');
  const note = await mtls.cell.locator('a.s').first().getAttribute('href');
  await mtls.cell.locator('a.s').first().click();
  await expect(page).toHaveURL(new RegExp(`${note}$`));
  await expect(page.locator(`li${note} a`)).toHaveAttribute('href', /^https:\/\//);

  // Filters are a plain GET form.
  await page.getByLabel('Find rows').fill('mTLS');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=mTLS/);
  await expect(cellOf(page, 'istio', '1.20', 'mtls').value).toBeVisible();

  // A mesh, its release switcher, and what changed between two releases.
  await page.goto('/');
  await page
    .getByRole('columnheader', { name: /Linkerd/ })
    .getByRole('link', { name: 'Linkerd' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Linkerd');
  await page.getByLabel('Show release').selectOption('2.6');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2.6');
  await page.goto('/meshes/istio/compare');
  await page.getByLabel('From release').selectOption('1.3');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('from 1.3 to');
  await expect(page.getByRole('table', { name: /Rows that differ/ })).toBeVisible();

  // A cell: its value, its history and the sources of each value.
  await page.goto('/meshes/linkerd/2.13');
  await cellOf(page, 'linkerd', '2.13', 'circuit-breaking').value.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Circuit breaking in Linkerd 2.13');
  const history = page.getByRole('table', { name: /Every value this cell has had/ });
  await expect(history.getByRole('row')).not.toHaveCount(1);
  await expect(history.getByRole('link', { name: /servicemesh\.es|Source/ }).first()).toHaveAttribute(
    'href',
    /^https:\/\//,
  );
  await context.close();
});
