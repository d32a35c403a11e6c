import type { APIRequestContext, Browser } from '@playwright/test';
import { expect, expectNoAxeViolations, postJson, proposeOverApi, signInAs, test } from './fixtures';

/*
 * The seed is being rewritten, so nothing here names a mesh or a count: each
 * test finds its stale cell or mesh through the page or the JSON API.
 */

interface StaleCell {
  mesh: string;
  version: string;
  feature: string;
  support: string;
}

/** A stale, carried support cell of the matrix, found through the JSON API. */
async function findCarriedStaleCell(request: APIRequestContext): Promise<StaleCell> {
  const matrix = await (await request.get('/api/v1/matrix')).json();
  const supportRows = new Set<string>(
    matrix.categories.flatMap((c: { features: { slug: string; kind: string }[] }) =>
      c.features.filter((f) => f.kind === 'support').map((f) => f.slug),
    ),
  );
  for (const mesh of matrix.meshes as { slug: string; version: { label: string } }[]) {
    for (const [feature, value] of Object.entries(matrix.cells[mesh.slug] ?? {}) as [
      string,
      { stale: boolean; carriedFrom: string | null; support: string | null },
    ][]) {
      if (
        value.stale &&
        value.carriedFrom &&
        supportRows.has(feature) &&
        value.support &&
        value.support !== 'unknown'
      ) {
        return { mesh: mesh.slug, version: mesh.version.label, feature, support: value.support };
      }
    }
  }
  throw new Error('the seed has no carried, stale support cell');
}

async function signedInPage(browser: Browser, username: 'alice' | 'mo') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, username);
  return { context, page };
}

test('a stale mark in the matrix leads to its cell page, which says when the value was last confirmed', async ({
  matrix,
  page,
}) => {
  await matrix.goto();
  await expect(page.getByRole('link', { name: 'every cell that needs checking' })).toHaveAttribute(
    'href',
    '/needs-checking',
  );
  const mark = matrix.table().locator('a.st').first();
  await expect(mark).toHaveAccessibleName('needs checking');
  const href = (await mark.getAttribute('href'))!;
  expect(href).toMatch(/^\/meshes\/[^/]+\/[^/]+\/[^/#]+#freshness$/);
  await mark.click();
  await expect(page).toHaveURL(href);
  const freshness = page.locator('#freshness');
  await expect(freshness).toContainText(
    /Needs checking: (last confirmed for \S+ in [A-Z][a-z]+ \d{4}|never confirmed for this release)/,
  );
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a carried cell page says where it was last confirmed and that it was not re-checked', async ({ page }) => {
  const cell = await findCarriedStaleCell(page.request);
  await page.goto(`/meshes/${cell.mesh}/${encodeURIComponent(cell.version)}/${cell.feature}`);
  await expect(page.locator('#freshness')).toContainText(
    /last confirmed for \S+ in [A-Z][a-z]+ \d{4}, carried over from \S+, not re-checked/,
  );
  await expect(page.locator('#freshness').getByRole('link', { name: 'confirm or correct it' })).toHaveAttribute(
    'href',
    /\/propose$/,
  );
  await expectNoAxeViolations(page);
});

test('/needs-checking lists cells by mesh, each a click from the propose form', async ({ page }) => {
  await page.goto('/needs-checking');
  await expect(page.getByRole('heading', { level: 1, name: 'Needs checking' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cells that need checking, per mesh' })).toBeVisible();
  const section = page.locator('section[id^="mesh-"]').first();
  await section.locator('summary').click();
  const propose = section.getByRole('link', { name: /^(Confirm or correct|Propose a value) for / }).first();
  await expect(propose).toBeVisible();
  await propose.click();
  await expect(page).toHaveURL(/\/meshes\/[^/]+\/[^/]+\/[^/]+\/propose$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Propose a change:');
  // Signed out, the existing flow asks for a sign-in first.
  await expect(page.getByRole('link', { name: 'Sign in to propose a change' })).toBeVisible();
});

test('signed in, the propose form says that confirming clears a stale mark, and /proposals links to the list', async ({
  page,
}) => {
  await signInAs(page, 'alice');
  await page.goto('/proposals');
  await page.getByRole('link', { name: 'Cells that need checking' }).first().click();
  await expect(page).toHaveURL('/needs-checking');
  const section = page.locator('section[id^="mesh-"]').first();
  await section.locator('summary').click();
  await section
    .getByRole('link', { name: /^Confirm or correct for / })
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'Submit proposal' })).toBeVisible();
  await expect(
    page.getByText('Confirming the current value with a new source is the quickest way to clear a stale mark'),
  ).toBeVisible();
});

test('/needs-checking narrows to one mesh, names a bad parameter, and answers 404 for a mesh we do not list', async ({
  page,
}) => {
  await page.goto('/needs-checking');
  const id = (await page.locator('section[id^="mesh-"]').first().getAttribute('id'))!;
  const slug = id.replace(/^mesh-/, '');
  await page.goto(`/needs-checking?mesh=${slug}`);
  await expect(page.locator('section[id^="mesh-"]')).toHaveCount(1);
  await expect(page.locator(`#${id} details`)).toHaveAttribute('open', '');
  await expect(page.getByLabel('Mesh', { exact: true })).toHaveValue(slug);

  await page.goto('/needs-checking?mesh=Not%20a%20slug!');
  await expect(page.getByRole('alert').filter({ hasText: 'mesh must be lowercase' })).toBeVisible();

  const missing = await page.goto('/needs-checking?mesh=no-such-mesh');
  expect(missing?.status()).toBe(404);
});

test('/needs-checking reads and opens without client JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/needs-checking');
  const section = page.locator('section[id^="mesh-"]').first();
  await section.locator('summary').click();
  await expect(section.getByRole('link', { name: /^(Confirm or correct|Propose a value) for / }).first()).toBeVisible();
  await context.close();
});

test('confirming a stale value with a new source clears its mark once approved', async ({ browser, page }) => {
  const cell = await findCarriedStaleCell(page.request);
  const cellPath = `/meshes/${cell.mesh}/${encodeURIComponent(cell.version)}/${cell.feature}`;
  const alice = await signedInPage(browser, 'alice');
  const id = await proposeOverApi(alice.page.request, cell, {
    support: cell.support,
    sources: [{ url: `https://example.org/confirmations/${cell.mesh}/${cell.feature}`, title: 'Release notes' }],
    rationale: 'The release notes of this release still describe it.',
  });
  await alice.context.close();
  const mo = await signedInPage(browser, 'mo');
  const approved = await postJson(mo.page.request, `/api/v1/proposals/${id}/approve`, {});
  expect(approved.status(), await approved.text()).toBe(200);
  await mo.context.close();

  const json = await (
    await page.request.get(`/api/v1/matrix?versions=${cell.mesh}@${cell.version}&meshes=${cell.mesh}`)
  ).json();
  expect(json.cells[cell.mesh][cell.feature]).toMatchObject({
    stale: false,
    carriedFrom: null,
    confirmedOn: new Date().toISOString().slice(0, 10),
  });
  await page.goto(cellPath);
  await expect(page.locator('#freshness')).toContainText(`Last confirmed for ${cell.version} in`);
  await expect(page.locator('#freshness')).not.toContainText('Needs checking');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on /needs-checking (${colorScheme}), with a mesh open`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/needs-checking');
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
    const id = (await page.locator('section[id^="mesh-"]').first().getAttribute('id'))!;
    await page.goto(`/needs-checking?mesh=${id.replace(/^mesh-/, '')}`);
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
    await context.close();
  });
}
