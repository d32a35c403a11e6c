import { cellOf, expect, test } from './fixtures';

test('the mesh page lists releases with dates and switches release', async ({ meshPage, page }) => {
  await meshPage.goto('istio');
  await expect(meshPage.heading()).toContainText('Istio');
  await expect(meshPage.heading()).toContainText('1.20');
  const releases = page
    .getByRole('region', { name: 'Releases' })
    .or(page.locator('section[aria-labelledby="releases-heading"]'));
  for (const label of ['1.3', '1.9', '1.16.1', '1.20'])
    await expect(releases.getByRole('link', { name: label, exact: true })).toBeVisible();
  await expect(releases.getByText('release date not given by a source').first()).toBeVisible();

  await meshPage.switchRelease('1.3');
  await expect(page).toHaveURL(/\/meshes\/istio\?version=1\.3$/);
  await expect(meshPage.heading()).toContainText('1.3');
  await expect(cellOf(page, 'istio', '1.3', 'mtls').value).toHaveText('yes');
});

test('the release switcher works without client JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/meshes/linkerd');
  await page.getByLabel('Show release').selectOption('2.6');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2.6');
  await context.close();
});

test('an archived mesh keeps its page with a badge', async ({ page }) => {
  await page.goto('/meshes/open-service-mesh');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Archived');
});

test('a former slug redirects to the current one', async ({ page }) => {
  const response = await page.goto('/meshes/maesh');
  expect(response?.ok()).toBe(true);
  await expect(page).toHaveURL('/meshes/traefik-mesh');
  await expect(page.getByText('Formerly known as maesh')).toBeVisible();
});

for (const path of ['/meshes/nosuchmesh', '/meshes/istio/9.9', '/meshes/istio/1.3/nosuchrow']) {
  test(`unknown ${path} is a real 404 with a way back`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the comparison matrix' }).click();
    await expect(page).toHaveURL('/');
  });
}
