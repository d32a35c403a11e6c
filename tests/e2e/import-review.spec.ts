import { expect, expectNoAxeViolations, signInAs, test } from './fixtures';
import { ChangesetPage } from './pages/changeset-page';
import { AdminImportPage } from './pages/admin-import-page';

/**
 * Names to settle, remembered names and imports sent to the review queue.
 * Cells here belong to no other spec: Kuma 2.0 WebSockets (a table dated 2024 lands on the release current then) and the row this
 * spec creates (Zone Egress), and OpenShift Service Mesh's fault injection,
 * delay injection and rate limiting.
 */

const kongSource = 'https://example.org/kong-mesh-comparison';
/** A vendor's table: its own product name for Kuma, and a row the matrix lacks, explained under its name. */
const kongTable = (zoneEgress: string) =>
  [
    '<table>',
    '<thead><tr><th>Feature</th><th>Kong Mesh</th></tr></thead>',
    '<tbody>',
    '<tr><th>WebSockets</th><td>✅</td></tr>',
    `<tr><th>Zone Egress<br><small>Routes traffic that leaves a zone through one dedicated proxy</small></th><td>${zoneEgress}</td></tr>`,
    '</tbody>',
    '</table>',
  ].join('\n');

test('names to settle: a column mapped and a row created by choice are imported, remembered by the next version of the table, and can be forgotten', async ({
  page,
  pageAs,
}) => {
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  await expectNoAxeViolations(page);

  await new AdminImportPage(page).fill({
    table: kongTable('✅'),
    source: kongSource,
    date: '2024-06-01',
    title: 'Kong Mesh comparison (e2e)',
  });
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  const settle = page.getByRole('region', { name: 'Names to settle' });
  await expect(settle).toBeVisible();
  const column = settle.getByLabel('Column “Kong Mesh”');
  const row = settle.getByLabel('Row “Zone Egress”');
  await expect(column).toHaveValue('');
  await expect(row).toHaveValue('');
  await expect(row).toHaveAccessibleDescription(
    /the table explains it as “Routes traffic that leaves a zone through one dedicated proxy”/,
  );
  await expect(column.locator('option[value="create"]')).toHaveText('Create a new mesh “Kong Mesh”');
  await expect(page.getByRole('status').filter({ hasText: '2 names not placed, left out.' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Meshes' }).getByRole('row').filter({ hasText: 'Kong Mesh' }),
  ).toContainText('left out: no mesh of this name');
  await expectNoAxeViolations(page);

  await column.selectOption({ label: 'Kuma' });
  await row.selectOption('create');
  await settle.getByRole('button', { name: 'Dry run again with these choices' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'importing would add 2 revisions; 0 cells unchanged.' }),
  ).toBeVisible();
  const meshes = page.getByRole('region', { name: 'Meshes' });
  await expect(meshes.getByRole('row').filter({ hasText: 'Kong Mesh' })).toContainText('mapped (your choice)');
  await expect(meshes.getByRole('row').filter({ hasText: 'Kong Mesh' })).toContainText('Kuma');
  await expect(
    page.getByRole('region', { name: 'Rows' }).getByRole('row').filter({ hasText: 'Zone Egress' }),
  ).toContainText('to create');
  await expect(page.getByRole('region', { name: 'To create' })).toContainText(
    'row Zone Egress (zone-egress, support level) in Supported protocols',
  );
  await expect(page.getByRole('region', { name: 'Names to remember' })).toContainText('“Kong Mesh” = mesh kuma');
  // The choices stay made for the next round.
  await expect(settle.getByLabel('Column “Kong Mesh”')).toHaveValue('map:kuma');
  await expect(settle.getByLabel('Row “Zone Egress”')).toHaveValue('create');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Import 2 revisions and create 1 row and remember 1 name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 revisions; 0 cells unchanged.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Names remembered' })).toContainText('“Kong Mesh” = mesh kuma');
  await expect(page.getByRole('region', { name: 'Names to settle' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const reader = await pageAs('anonymous');
  await reader.goto('/meshes/kuma/2.0/zone-egress');
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Zone Egress');
  const current = reader.getByRole('region', { name: 'Current value' });
  await expect(current).toContainText('yes');
  await expect(current.getByRole('link', { name: /Kong Mesh comparison \(e2e\)/ })).toHaveAttribute('href', kongSource);

  // A later version of the same table: both names are known now, and one value changed.
  await new AdminImportPage(page).fill({
    table: kongTable('🟡 only on Kubernetes'),
    source: `${kongSource}?v=2`,
    date: '2024-09-01',
    title: 'Kong Mesh comparison, September (e2e)',
  });
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'importing would add 2 revisions; 0 cells unchanged.' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Names to settle' })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Meshes' }).getByRole('row').filter({ hasText: 'Kong Mesh' }),
  ).toContainText('mapped (remembered name)');
  await expect(
    page.getByRole('region', { name: 'Rows' }).getByRole('row').filter({ hasText: 'Zone Egress' }),
  ).toContainText('mapped');
  await page.getByRole('button', { name: 'Import 2 revisions', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 revisions; 0 cells unchanged.' })).toBeVisible();
  await reader.goto('/meshes/kuma/2.0/zone-egress');
  await expect(reader.getByRole('region', { name: 'Current value' })).toContainText('partial');
  await expect(reader.getByRole('region', { name: 'Current value' })).toContainText('only on Kubernetes');

  await page.goto('/admin/structure/meshes/kuma');
  const remembered = page.getByRole('region', { name: 'Names imports remember' });
  await expect(remembered.getByRole('row').filter({ hasText: 'Kong Mesh' })).toContainText('ada');
  await expectNoAxeViolations(page);
  await remembered.getByRole('button', { name: 'Forget the name “Kong Mesh”' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Forgot the name “Kong Mesh”: the next import that uses it asks again.' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Names imports remember' })).toContainText('No remembered names');
  await page.goto('/admin/structure/rows/zone-egress');
  await expect(page.getByRole('region', { name: 'Names imports remember' })).toContainText('No remembered names');

  // Forgotten: the table asks about the column again.
  await page.goto('/admin/import');
  await new AdminImportPage(page).fill({
    table: kongTable('🟡 only on Kubernetes'),
    source: `${kongSource}?v=2`,
    date: '2024-09-01',
    title: 'Kong Mesh comparison, September (e2e)',
  });
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Names to settle' }).getByLabel('Column “Kong Mesh”')).toBeVisible();
  await reader.context().close();
});

test('an import sent to the review queue is grouped there; a moderator approves one proposal and rejects another', async ({
  pageAs,
}) => {
  const ada = await pageAs('ada', { colorScheme: 'dark' });
  await ada.goto('/admin/import');
  await new AdminImportPage(ada).fill({
    table: [
      '| Feature | OpenShift Service Mesh |',
      '| --- | --- |',
      '| Fault injection | yes |',
      '| Delay injection | partial (beta) |',
      '| Rate limiting | yes |',
    ].join('\n'),
    source: 'https://example.org/openshift-comparison',
    // The month of OpenShift's only release (labelled by the date a source last described it), so no new release is made.
    date: '2023-03-15',
    title: 'OpenShift comparison (e2e)',
  });
  await ada.getByRole('radio', { name: /Send to the review queue as proposals/ }).check();
  await ada.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(
    ada.getByRole('status').filter({ hasText: 'importing would send 3 proposals to the review queue' }),
  ).toBeVisible();
  await expect(ada.getByRole('region', { name: 'Proposals to send' })).toBeVisible();
  await ada.getByRole('button', { name: 'Send 3 proposals to the review queue' }).click();
  await expect(
    ada.getByRole('status').filter({ hasText: 'Sent 3 proposals to the review queue; 0 cells unchanged.' }),
  ).toBeVisible();
  const queueLink = ada.getByRole('link', { name: 'Review the 3 proposals from this import' });
  await expect(queueLink).toHaveAttribute('href', /^\/review\?import=\d+$/);
  await expectNoAxeViolations(ada);
  const href = (await queueLink.getAttribute('href'))!;
  const importId = Number(href.split('=')[1]);

  // Nothing is published yet, and the importing admin cannot approve her own proposals.
  const reader = await pageAs('anonymous');
  await reader.goto('/meshes/openshift-service-mesh/as-of-2023-03/fault-injection');
  await expect(reader.locator('#pending')).toContainText('by ada');
  // The import is one changeset in the queue; the importing admin cannot decide her own.
  await ada.goto(href);
  const item = (page: typeof ada) =>
    page
      .getByTestId('changeset-item')
      .filter({ hasText: 'Import of OpenShift comparison (e2e) (table as of 2023-03-15)' });
  await expect(item(ada)).toContainText('Your own: another moderator must decide it.');

  const mo = await pageAs('mo');
  await mo.goto(href);
  await expect(
    mo.getByRole('heading', { name: 'Proposals from the import of OpenShift comparison (e2e) (2023-03-15)' }),
  ).toBeVisible();
  await expect(mo.getByText('0 pending proposals, oldest first. 1 changeset, each one item below.')).toBeVisible();
  await expect(item(mo)).toContainText('3 of 3 cells to decide');
  await expect(item(mo).getByRole('link', { name: `From import #${importId}` })).toHaveAttribute('href', href);
  await expectNoAxeViolations(mo);

  await item(mo)
    .getByRole('link', { name: /^Changeset \d+: Import of/ })
    .click();
  const changeset = new ChangesetPage(mo);
  const id = await changeset.idFromUrl();
  await changeset.choose('Fault injection', 'approve');
  await changeset.choose('Delay injection', 'reject');
  await changeset.choose('Rate limiting', 'leave pending');
  await changeset.applyDecisions(id, { reason: 'The source does not say this' });
  await expect(mo.getByText('1 approved, 1 rejected.')).toBeVisible();
  await expect(changeset.status()).toContainText('waiting for review');
  await expect(changeset.cellRow('Delay injection')).toContainText('rejected: The source does not say this');
  await mo.goto(href);
  await expect(item(mo)).toContainText('1 of 3 cells to decide');

  await reader.goto('/meshes/openshift-service-mesh/as-of-2023-03/fault-injection');
  const current = reader.getByRole('region', { name: 'Current value' });
  await expect(current).toContainText('yes');
  await expect(current.getByRole('link', { name: /OpenShift comparison \(e2e\)/ })).toHaveAttribute(
    'href',
    'https://example.org/openshift-comparison',
  );
  const pending = (await (await mo.request.get('/api/v1/proposals?status=pending')).json()).proposals.filter(
    (p: { importId: number | null }) => p.importId === importId,
  );
  expect(pending.map((p: { cell: { featureSlug: string } }) => p.cell.featureSlug)).toEqual(['rate-limiting']);

  // The filter names what is wrong with it instead of failing.
  for (const [value, message] of [
    ['abc', 'import must be a positive whole number'],
    ['999999', 'There is no import 999999.'],
  ]) {
    const response = await mo.goto(`/review?import=${value}`);
    expect(response?.status()).toBe(200);
    await expect(mo.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(mo.getByText('0 pending proposals, oldest first.', { exact: true })).toBeVisible();
  }
  await Promise.all([ada, mo, reader].map((p) => p.context().close()));
});

test('an upload over 1 MB and a paste over 3 MB are answered on the form', async ({ page }) => {
  await signInAs(page, 'ada');
  await page.goto('/admin/import');
  await page
    .getByLabel('Table file: Markdown or HTML, up to 1 MB')
    .setInputFiles({ name: 'big.md', mimeType: 'text/markdown', buffer: Buffer.alloc(1100 * 1024, 'x') });
  await page.getByLabel('Source URL').fill('https://example.org/big');
  await page.getByLabel('Date of the table').fill('2024-05-01');
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(page.locator('#import-table-error')).toHaveText('file is 1.1 MB; the importer reads files up to 1 MB');
  await expect(page.getByLabel('Table file: Markdown or HTML, up to 1 MB')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Or paste the table').fill('x'.repeat(3.1 * 1024 * 1024));
  await page.getByLabel('Source URL').fill('https://example.org/big');
  await page.getByLabel('Date of the table').fill('2024-05-01');
  await page.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(page.locator('#import-table-error')).toHaveText('table is 3.1 MB; pasted tables can be up to 3 MB');
  await expect(page.getByLabel('Or paste the table')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a comparison table');
});
