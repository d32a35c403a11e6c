import { expect, expectNoAxeViolations, postJson, test } from './fixtures';
import { AdminStructurePage } from './pages/admin-structure-page';

// Other spec files share this database: this one only adds things, and retires or archives what it added.
const ROW = 'Structure test row';
const ROW_SLUG = 'structure-test-row';
const CELL = `/meshes/istio/1.16.1/${ROW_SLUG}`;

test('an admin adds a row: it is on / at once; retired, it leaves / and its cell page says so', async ({ pageAs }) => {
  const reader = await pageAs('anonymous');
  // Render and cache / first, so seeing the row afterwards proves the write revalidated it.
  await reader.goto('/');
  await expect(reader.getByRole('rowheader').filter({ hasText: 'mTLS' }).first()).toBeVisible();
  await expect(reader.getByRole('rowheader').filter({ hasText: ROW })).toHaveCount(0);

  const ada = await pageAs('ada');
  const structure = new AdminStructurePage(ada);
  await ada.goto('/');
  await structure.openFromHeader();
  await expect(ada).toHaveURL('/admin/structure');

  const form = structure.addRowForm();
  await structure.fillAddRow({
    category: 'Security',
    name: ROW,
    definition: 'Yes if the mesh passes the structure end-to-end test.',
    referenceUrl: 'javascript:alert(1)',
  });
  await form.getByRole('button', { name: 'Add row' }).click();
  await expect(ada.locator('#add-row-form-referenceUrl-error')).toContainText(
    'referenceUrl must start with http:// or https://',
  );
  await expect(form.getByLabel('Name')).toHaveValue(ROW);
  await expectNoAxeViolations(ada);

  await form.getByLabel('Reference link (optional)').fill('https://example.org/structure-spec');
  await form.getByRole('button', { name: 'Add row' }).click();
  await expect(ada).toHaveURL(/\/admin\/structure\/categories\/security\?done=/);
  await expect(structure.notice(`Row ${ROW} added.`)).toBeVisible();

  await reader.goto('/');
  const header = reader.getByRole('rowheader').filter({ hasText: ROW });
  await expect(header).toBeVisible();
  const cell = await reader.goto(CELL);
  expect(cell?.status()).toBe(200);
  await expect(reader.getByText('Nothing is recorded for this cell yet.')).toBeVisible();
  await expect(reader.getByText(/was retired/)).toHaveCount(0);
  await expect(reader.getByRole('link', { name: 'Sign in to propose a change' })).toBeVisible();

  await structure.button(`Retire ${ROW}`).click();
  await expect(structure.notice(`Row ${ROW} retired`)).toBeVisible();
  await expect(structure.button(`Restore ${ROW}`)).toBeVisible();

  await reader.goto('/');
  await expect(reader.getByRole('rowheader').filter({ hasText: 'mTLS' }).first()).toBeVisible();
  await expect(reader.getByRole('rowheader').filter({ hasText: ROW })).toHaveCount(0);
  const retired = await reader.goto(CELL);
  expect(retired?.status()).toBe(200);
  await expect(
    reader.getByText(/^This row was retired on \d+ \w+ \d{4} and no longer appears in the matrix\./),
  ).toBeVisible();
  await expect(reader.getByRole('link', { name: 'Sign in to propose a change' })).toHaveCount(0);
  await reader.goto(`${CELL}/propose`);
  await expect(reader.getByText(/This row was retired on/)).toBeVisible();
  const csv = await (await reader.request.get('/api/v1/matrix.csv?meshes=istio')).text();
  expect(csv).not.toContain(ROW_SLUG);

  const alice = await pageAs('alice');
  const refused = await postJson(alice.request, '/api/v1/proposals', {
    mesh: 'istio',
    version: '1.16.1',
    feature: ROW_SLUG,
    support: 'yes',
    sources: [{ url: 'https://example.org/', title: 'x' }],
    rationale: 'Trying a retired row.',
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).fieldErrors.feature[0]).toContain(`${ROW} is retired and no longer takes proposals`);
});

test('an admin adds a mesh, renames it (the old slug redirects) and archives it', async ({ pageAs }) => {
  const ada = await pageAs('ada');
  const structure = new AdminStructurePage(ada);
  await structure.goto();
  await structure.addMesh('Structure Test Mesh', '0.1');
  await expect(structure.notice('Mesh Structure Test Mesh added with release 0.1.')).toBeVisible();

  const reader = await pageAs('anonymous');
  // A new mesh has no values yet, so it waits among the meshes with little data.
  await reader.goto('/');
  await expect(reader.getByRole('columnheader', { name: /Structure Test Mesh/ })).toHaveCount(0);
  await reader.goto('/?sparse=1');
  await expect(reader.getByRole('columnheader', { name: /Structure Test Mesh/ })).toContainText('0.1');
  await expect(reader.getByRole('columnheader', { name: /Structure Test Mesh/ })).toContainText('little data yet');

  await ada.getByRole('link', { name: 'Structure Test Mesh' }).click();
  await expect(structure.heading()).toHaveText('Mesh: Structure Test Mesh');
  await ada.getByLabel('Name', { exact: true }).fill('Renamed Test Mesh');
  await ada.getByLabel('New slug (optional)').fill('renamed-test-mesh');
  await ada.getByRole('button', { name: 'Rename mesh' }).click();
  await expect(ada).toHaveURL(/\/admin\/structure\/meshes\/renamed-test-mesh\?done=/);
  await expectNoAxeViolations(ada);

  const old = await reader.goto('/meshes/structure-test-mesh');
  expect(old?.ok()).toBe(true);
  await expect(reader).toHaveURL('/meshes/renamed-test-mesh');
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Renamed Test Mesh');

  await ada.getByLabel('Reason (shown on the mesh page)').fill('Added by the structure end-to-end test');
  await ada.getByLabel('Source (a link where the change can be checked)').fill('https://example.com/structure-test');
  await structure.button('Archive Renamed Test Mesh').click();
  await expect(structure.notice('Renamed Test Mesh is now archived.')).toBeVisible();
  await reader.goto('/?sparse=1');
  await expect(reader.getByRole('columnheader', { name: /Renamed Test Mesh/ })).toHaveCount(0);
});

test('the reorder buttons work without client JavaScript, and the matrix follows', async ({ pageAs }) => {
  const ada = await pageAs('ada', { javaScriptEnabled: false });
  const reader = await pageAs('anonymous');
  const matrixRows = async () => {
    await reader.goto('/');
    const names = await reader.getByRole('rowheader').allInnerTexts();
    return names.filter((n) => /^(Circuit breaking|Retry and timeout)/.test(n)).map((n) => n.split('\n')[0]);
  };
  expect(await matrixRows()).toEqual(['Circuit breaking', 'Retry and timeout']);

  await ada.goto('/admin/structure/categories/resilience');
  const rows = ada.getByRole('region', { name: 'Rows' }).getByRole('listitem');
  await expect(rows.first()).toContainText('Circuit breaking');
  await ada.getByRole('button', { name: 'Move down Circuit breaking' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Row circuit-breaking moved down.' })).toBeVisible();
  await expect(rows.first()).toContainText('Retry and timeout');
  expect(await matrixRows()).toEqual(['Retry and timeout', 'Circuit breaking']);

  await ada.getByRole('button', { name: 'Move up Circuit breaking' }).click();
  await expect(rows.first()).toContainText('Circuit breaking');
  await ada.getByRole('button', { name: 'Move up Circuit breaking' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'cannot go up: the row is already first' })).toBeVisible();
  expect(await matrixRows()).toEqual(['Circuit breaking', 'Retry and timeout']);
});

test('contributors get 403 and signed-out readers 401 on /admin/structure', async ({ page, pageAs }) => {
  expect((await page.goto('/admin/structure'))?.status()).toBe(401);
  const alice = await pageAs('alice');
  expect((await alice.goto('/admin/structure'))?.status()).toBe(403);
  expect((await alice.goto('/admin/structure/categories/security'))?.status()).toBe(403);
  await expect(alice.getByRole('link', { name: 'My proposals' })).toBeVisible();
  await expect(alice.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await expect(alice.getByRole('link', { name: 'Structure', exact: true })).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on /admin/structure and a category page in ${colorScheme} mode`, async ({ pageAs }) => {
    const page = await pageAs('ada', { colorScheme });
    await new AdminStructurePage(page).goto();
    await expect(page.getByRole('heading', { level: 1, name: 'Structure' })).toBeVisible();
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
    await page.goto('/admin/structure/categories/security');
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
  });
}
