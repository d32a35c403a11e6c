import { expectNoAxeViolations, test } from './fixtures';

// The markup is the same in both schemes, so the light pass runs every rule and the dark pass only what the scheme
// changes: colour contrast.

for (const path of ['/', '/?sparse=1', '/meshes/istio', '/meshes/istio/1.3/mtls', '/meshes', '/about', '/about/data']) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    // Every rule over the full matrix (thousands of cells) takes most of a minute while the hostile sweep runs beside it.
    test.setTimeout(180_000);
    await page.goto(path);
    await expectNoAxeViolations(page);
  });

  test(`axe finds no colour-contrast violations on ${path} in dark mode`, async ({ pageAs }) => {
    const page = await pageAs('anonymous', { colorScheme: 'dark' });
    await page.goto(path);
    await expectNoAxeViolations(page, { colorContrastOnly: true });
  });
}
