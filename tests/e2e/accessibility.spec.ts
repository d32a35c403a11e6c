import { expectNoAxeViolations, test } from './fixtures';

for (const path of ['/', '/?sparse=1', '/meshes/istio', '/meshes/istio/1.3/mtls', '/meshes', '/about', '/about/data']) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoAxeViolations(page);
  });

  test(`axe finds no violations on ${path} in dark mode`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(path);
    await expectNoAxeViolations(page);
    await context.close();
  });
}
