import { expect, expectNoAxeViolations, test } from './fixtures';

// Other specs add releases today; as of the end of the table's history the matrix shows what the sources named.
const END_OF_HISTORY = '2023-12-01';

test('the matrix ends on the releases the servicemesh.es history names at its end', async ({ request }) => {
  const matrix = await (await request.get(`/api/v1/matrix?at=${END_OF_HISTORY}`)).json();
  const newest = Object.fromEntries(
    (matrix.meshes as { slug: string; version: { label: string } }[]).map((m) => [m.slug, m.version.label]),
  );
  expect(newest).toMatchObject({ istio: '1.20', linkerd: '2.13', consul: '1.16', kuma: '2.0', 'traefik-mesh': '1.4' });
});

test('a value whose source names no release is marked in the matrix and explained on its cell page', async ({
  page,
  request,
}) => {
  const matrix = await (await request.get('/api/v1/matrix')).json();
  const found = (matrix.meshes as { slug: string; version: { label: string } }[])
    .flatMap((mesh) =>
      Object.entries(matrix.cells[mesh.slug] as Record<string, { releaseInferred: boolean }>).map(
        ([feature, value]) => ({ mesh, feature, value }),
      ),
    )
    .find(({ value }) => value.releaseInferred);
  expect(found, 'the matrix shows a value whose source names no release').toBeDefined();
  const path = `/meshes/${found!.mesh.slug}/${found!.mesh.version.label}/${found!.feature}`;

  await page.goto('/?sparse=1');
  const link = page.locator(`a.v[href="${path}"]`);
  const cell = page.locator('td', { has: link });
  await expect(cell.locator('.ri')).toHaveCount(1);
  await expect(cell.locator('.ri .sr-only')).toHaveText(/release inferred from the source/);
  await link.click();
  await expect(page).toHaveURL(path);
  await expect(page.getByText(/Release inferred from the source.s date: the source names no release/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an article's value lands on the release the table named at its date: Toptal's Consul in March 2021 is 1.9", async ({
  page,
}) => {
  await page.goto('/meshes/consul/1.9/ha-control-plane');
  const history = page.getByRole('table', { name: /Every value this cell has had/ });
  const toptal = history.getByRole('row').filter({ hasText: 'Toptal' });
  await expect(toptal).toHaveCount(1);
  await expect(toptal).toContainText(/release inferred from the source.s date/);
});

test('an archived mesh says why and links the source of its status', async ({ page }) => {
  await page.goto('/meshes/open-service-mesh');
  await expect(page.getByText(/Archived upstream/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'source', exact: true })).toHaveAttribute(
    'href',
    'https://github.com/openservicemesh/osm',
  );
});
