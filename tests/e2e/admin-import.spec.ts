import { expect, expectNoAxeViolations, signInAs, test } from './fixtures';
import { AdminImportPage } from './pages/admin-import-page';

// Kuma 0.2 governance: a cell no other spec looks at.
const governance = 'Kong, then the CNCF (imported in an end-to-end test)';
const table = [
  '| Feature | Kuma |',
  '| --- | --- |',
  '| Version | 0.2 |',
  `| Governance | ${governance} |`,
  '| Teleportation | yes |',
].join('\n');

test('an admin pastes a table, reads the dry-run report, imports it, and the cell shows the value with its source', async ({
  page,
}) => {
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a comparison table');
  await new AdminImportPage(page).fill({
    table: table,
    source: 'https://kuma.io/community/',
    date: '2024-05-01',
    title: 'Kuma community page',
  });
  await new AdminImportPage(page).dryRun();

  await expect(page.getByRole('heading', { name: 'Dry run report' })).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Dry run, nothing written: importing would add 1 revision; 0 cells unchanged.' }),
  ).toBeVisible();
  const changes = page.getByRole('table', { name: /Cells the import would change/ });
  await expect(changes.getByRole('row').filter({ hasText: 'Governance in Kuma 0.2' })).toContainText(governance);
  await expect(
    page.getByRole('region', { name: 'Rows' }).getByRole('row').filter({ hasText: 'Teleportation' }),
  ).toContainText('left out: no row of this name');
  await expect(page.getByRole('region', { name: 'Names to settle' }).getByLabel('Row “Teleportation”')).toHaveValue('');
  await expectNoAxeViolations(page);
  const before = await (await page.request.get('/api/v1/matrix?versions=kuma@0.2&meshes=kuma')).json();
  expect(before.cells.kuma.governance?.text ?? null).not.toBe(governance);

  await page.getByRole('button', { name: 'Import 1 revision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 revision; 0 cells unchanged.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);

  const reader = await (await page.context().browser()!.newContext()).newPage();
  await reader.goto('/meshes/kuma/0.2/governance');
  const current = reader.getByRole('region', { name: 'Current value' });
  await expect(current).toContainText(governance);
  await expect(current.getByRole('link', { name: /Kuma community page/ })).toHaveAttribute(
    'href',
    'https://kuma.io/community/',
  );
  await expect(reader.getByRole('region', { name: 'History' })).toContainText('imported');
  await reader.goto('/changes');
  await expect(reader.getByRole('listitem').filter({ hasText: 'Governance in Kuma 0.2' }).first()).toContainText(
    governance,
  );
  await expectNoAxeViolations(reader);

  // The same table again: nothing to import.
  await new AdminImportPage(page).fill({
    table: table,
    source: 'https://kuma.io/community/',
    date: '2024-05-01',
    title: 'Kuma community page',
  });
  await new AdminImportPage(page).dryRun();
  await expect(
    page.getByRole('status').filter({ hasText: 'importing would add 0 revisions; 1 cell unchanged.' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
});

test('an uploaded HTML file with an unknown column lists it under names to settle; a mapping to no mesh is a problem', async ({
  page,
}) => {
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  const html =
    '<table><tr><th>Feature</th><th>Istio</th><th>Foo Mesh</th></tr><tr><td>mTLS</td><td>yes</td><td>no</td></tr></table>';
  await page
    .getByLabel('Table file: Markdown or HTML, up to 1 MB')
    .setInputFiles({ name: 'table.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await page.getByLabel('Source URL').fill('https://example.org/meshes');
  await page.getByLabel('Date of the table').fill('2024-05-01');
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 name not placed, left out.' })).toBeVisible();
  const column = page.getByRole('region', { name: 'Names to settle' }).getByLabel('Column “Foo Mesh”');
  await expect(column).toHaveValue('');
  await expect(column.locator('option[value="create"]')).toHaveText('Create a new mesh “Foo Mesh”');

  // The previewed file travels with the choices: the second round reads the same table without the file.
  await column.evaluate((select: HTMLSelectElement) => {
    const option = document.createElement('option');
    option.value = 'map:nosuchmesh';
    select.append(option);
    select.value = option.value;
  });
  await page.getByRole('button', { name: 'Dry run again with these choices' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The table has 1 problem; nothing was written.' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    '"Foo Mesh" is to be mapped to "nosuchmesh", which is not a mesh',
  );
  await expect(page.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
});

test('an uploaded file that is not text is refused on the form, naming the file', async ({ page }) => {
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  await page.getByLabel('Table file: Markdown or HTML, up to 1 MB').setInputFiles({
    name: 'table.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
  });
  await page.getByLabel('Source URL').fill('https://example.org/meshes');
  await page.getByLabel('Date of the table').fill('2024-05-01');
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.locator('#import-table-error')).toHaveText(
    'file is not a text file: the importer reads Markdown or HTML saved as UTF-8 text',
  );
});

test('contributors get 403 and the signed out 401 at /admin/import', async ({ page }) => {
  expect((await page.goto('/admin/import'))?.status()).toBe(401);
  await signInAs(page, 'alice');
  expect((await page.goto('/admin/import'))?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
});

test('without JavaScript the form still posts and shows the dry-run report', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  await new AdminImportPage(page).fill({
    table: table.replace('0.2', '1.0'),
    source: 'https://kuma.io/community/',
    date: '2024-05-01',
  });
  await new AdminImportPage(page).dryRun();
  await expect(
    page.getByRole('status').filter({ hasText: 'Dry run, nothing written: importing would add 1 revision' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import 1 revision' })).toBeVisible();

  // Names are settled without JavaScript too.
  await page
    .getByRole('region', { name: 'Names to settle' })
    .getByLabel('Row “Teleportation”')
    .selectOption({ label: 'Multi-cluster (Architecture and platforms)' });
  await page.getByRole('button', { name: 'Dry run again with these choices' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Dry run, nothing written: importing would add 2 revisions' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Rows' }).getByRole('row').filter({ hasText: 'Teleportation' }),
  ).toContainText('mapped (your choice)');
  await expect(page.getByRole('region', { name: 'Names to settle' }).getByLabel('Row “Teleportation”')).toHaveValue(
    'map:multi-cluster',
  );
  await expect(page.getByRole('button', { name: 'Import 2 revisions and remember 1 name' })).toBeVisible();
  await context.close();
});

test('axe finds no violations on /admin/import and its report, light and dark', async ({ browser }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await signInAs(page, 'ada');
    await page.goto('/admin/import');
    await page.getByText('How the table is read').click();
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
    await new AdminImportPage(page).fill({
      table: [
        '| Feature | Istio 1.3 | Kuma 0.2 |',
        '|---|---|---|',
        '| mTLS | yes | partial |',
        '| Warp drive | no | no |',
      ].join('\n'),
      source: 'https://example.org/axe',
      date: '2024-05-01',
    });
    await new AdminImportPage(page).dryRun();
    await expect(page.getByRole('heading', { name: 'Dry run report' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Names to settle' })).toBeVisible();
    await expectNoAxeViolations(page, { colorContrastOnly: colorScheme === 'dark' });
    await context.close();
  }
});
