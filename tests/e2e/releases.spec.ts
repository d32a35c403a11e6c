import { cellOf, expect, expectNoAxeViolations, postJson, proposeOverApi, test } from './fixtures';

test('the Istio diff from 1.3 to 1.20 lists the changes the sources show; Kuma 1.0 to 2.0 shows a row no longer supported', async ({
  page,
}) => {
  await page.goto('/meshes/istio');
  await page.getByRole('link', { name: 'What changed since 1.18' }).click();
  await expect(page).toHaveURL('/meshes/istio/compare');
  await page.getByLabel('From release').selectOption('1.3');
  await page.getByLabel('To release').selectOption('1.20');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/meshes\/istio\/compare\?from=1\.3&to=1\.20/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio: what changed from 1.3 to 1.20');
  const table = page.getByRole('table', { name: /Rows that differ between Istio 1\.3 and 1\.20/ });
  const sidecarless = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /Sidecar-less mode/ }) });
  await expect(sidecarless).toContainText('newly supported');
  const websockets = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^WebSockets/ }) });
  await expect(websockets).toContainText('newly supported');
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText('newly supported');
  await page.getByText(/^Show the \d+ unchanged rows$/).click();
  await expect(page.getByRole('table', { name: 'Rows with the same value in both releases' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Toptal (2021, read as Kuma 1.0) calls Kuma's mTLS on by default; the servicemesh.es table says no from Kuma 1.3 on.
  await page.goto('/meshes/kuma/compare?from=1.0&to=2.0');
  const kuma = page.getByRole('table', { name: /Rows that differ between Kuma 1\.0 and 2\.0/ });
  const mtlsByDefault = kuma
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^mTLS on by default/ }) });
  await expect(mtlsByDefault).toContainText('no longer supported');
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText('no longer supported');
});

test('comparing a release with itself or an unknown one says so', async ({ page, request }) => {
  await page.goto('/meshes/istio/compare?from=1.9&to=1.9');
  await expect(page.getByRole('alert').filter({ hasText: 'choose two different releases' })).toBeVisible();
  await page.goto('/meshes/istio/compare?from=9.9&to=1.9');
  await expect(page.getByRole('alert').filter({ hasText: 'has no release "9.9"' })).toBeVisible();
  const api = await request.get('/api/v1/meshes/istio/diff?from=1.3&to=1.16.1');
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.licence).toContain('CC BY 4.0');
  expect(body.rows.find((r: { feature: string }) => r.feature === 'sidecarless-mode').change).toBe('newly-supported');
  expect((await request.get('/api/v1/meshes/istio/diff?from=1.3&to=1.3')).status()).toBe(400);
});

test('the 2020 matrix differs from today, with a banner and a way back', async ({ page, request }) => {
  await page.goto('/?at=2020-06-01');
  await expect(page.getByRole('status').filter({ hasText: 'as it stood on 1 Jun 2020' })).toBeVisible();
  const region = page.getByRole('region', { name: /as of 2020-06-01/ });
  await expect(region.getByRole('columnheader', { name: /Istio/ })).toContainText('1.6');
  await expect(region.getByRole('columnheader', { name: /Cilium/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to today' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('columnheader', { name: /Istio/ })).toContainText('1.20');

  await page.goto('/?at=2999-01-01');
  await expect(page.getByRole('alert').filter({ hasText: 'is in the future' })).toBeVisible();
  await page.goto('/?at=2020-13-45');
  await expect(page.getByRole('alert').filter({ hasText: /^at / })).toBeVisible();
  const api = await (await request.get('/api/v1/matrix?at=2020-06-01')).json();
  expect(api.at).toBe('2020-06-01');
  // Istio 1.6 came out in May 2020; the servicemesh.es table named it on 2020-05-26.
  expect(api.meshes.find((m: { slug: string }) => m.slug === 'istio').version.label).toBe('1.6');
  expect((await request.get('/api/v1/matrix?at=2999-01-01')).status()).toBe(400);
});

test('filter the matrix by needs and text, shareable in the URL', async ({ page }) => {
  await page.goto('/');
  await page.getByText(/^Only meshes that support/).click();
  await page.getByRole('checkbox', { name: 'mTLS', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Circuit breaking', exact: true }).check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/need=mtls/);
  const headers = page.getByRole('region', { name: /filtered/ }).getByRole('columnheader');
  await expect(headers.filter({ hasText: 'Istio' })).toHaveCount(1);
  await expect(headers.filter({ hasText: 'Linkerd' })).toHaveCount(1);
  // Traefik Mesh 1.4 has circuit breaking but no mTLS.
  await expect(headers.filter({ hasText: 'Traefik Mesh' })).toHaveCount(0);
  await page.goto('/?q=retry');
  await expect(
    page.getByRole('rowheader').filter({ has: page.getByText('Retry and timeout', { exact: true }) }),
  ).toBeVisible();
  await expect(page.getByRole('rowheader').filter({ has: page.getByText('mTLS', { exact: true }) })).toHaveCount(0);
  await page.goto('/?need=nosuchrow');
  await expect(page.getByRole('alert').filter({ hasText: 'need "nosuchrow"' })).toBeVisible();
});

test('tick columns on the matrix to compare side by side, without client JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('columnheader', { name: /Istio/ }).getByRole('checkbox', { name: 'compare' }).check();
  await page
    .getByRole('columnheader', { name: /Linkerd/ })
    .getByRole('checkbox', { name: 'compare' })
    .check();
  await page.getByRole('button', { name: 'Compare ticked meshes side by side' }).click();
  await expect(page).toHaveURL(/\/compare\?meshes=istio%401\.20&meshes=linkerd%402\.13$/);
  await expect(page.getByRole('columnheader', { name: /Istio/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Consul/ })).toHaveCount(0);
  await page.goto('/compare?meshes=istio@1.9,linkerd,cilium&differ=1');
  await expect(page.getByRole('columnheader', { name: /Istio/ })).toContainText('1.9');
  await page.goto('/compare?meshes=istio');
  await expect(page.getByRole('alert').filter({ hasText: 'at least two' })).toBeVisible();
  await context.close();
});

// The seed's newest Traefik Mesh release is 1.4, whose mTLS and TCP rows carry values of their own; the new release carries them over.
test('a moderator adds a release: carried marks, then a confirmation clears one; the feed has it', async ({
  pageAs,
}) => {
  const mo = await pageAs('mo');
  await mo.goto('/meshes/traefik-mesh');
  await mo.getByRole('link', { name: 'Manage releases and status' }).click();
  await mo.getByLabel('Release label').fill('1.4.8');
  await mo.getByLabel('Release notes link (optional)').fill('https://github.com/traefik/mesh/releases');
  await mo.getByRole('button', { name: 'Add release' }).click();
  await expect(mo.getByRole('status').filter({ hasText: 'Release 1.4.8 added' })).toBeVisible();
  await expectNoAxeViolations(mo);
  await mo.getByLabel('Release label').fill('1.4.8');
  await mo.getByRole('button', { name: 'Add release' }).click();
  await expect(mo.locator('#release-label-error')).toContainText('label 1.4.8 already exists');

  const reader = await pageAs('anonymous');
  await reader.goto('/');
  await expect(reader.getByRole('columnheader', { name: /Traefik Mesh/ })).toContainText('1.4.8');
  const carried = 'carried over from 1.4, not re-checked for 1.4.8';
  await expect(cellOf(reader, 'traefik-mesh', '1.4.8', 'mtls').cell).toContainText(carried);

  const alice = await pageAs('alice');
  const matrix = await (await alice.request.get('/api/v1/matrix?meshes=traefik-mesh')).json();
  const current = matrix.cells['traefik-mesh'].mtls;
  expect(current.carriedFrom).toBe('1.4');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'traefik-mesh', version: '1.4.8', feature: 'mtls' },
    {
      support: current.support,
      note: current.note,
      sources: [{ url: 'https://doc.traefik.io/traefik-mesh/', title: 'Traefik Mesh docs' }],
      rationale: 'Still true for 1.4.8.',
    },
  );
  const ada = await pageAs('ada');
  expect((await postJson(ada.request, `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);

  await reader.goto('/');
  const cell = cellOf(reader, 'traefik-mesh', '1.4.8', 'mtls').cell;
  await expect(cell).not.toContainText(carried);
  await expect(cellOf(reader, 'traefik-mesh', '1.4.8', 'tcp').cell).toContainText(
    'carried over from 1.4, not re-checked for 1.4.8',
  );

  await reader.goto('/changes');
  await expectNoAxeViolations(reader);
  await expect(reader.getByRole('listitem').filter({ hasText: 'mTLS in Traefik Mesh 1.4.8' }).first()).toContainText(
    'approved by ada',
  );
  await expect(reader.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    'href',
    /\/changes\/feed\.xml/,
  );
  const feed = await (await reader.request.get('/changes/feed.xml?mesh=traefik-mesh')).text();
  const parsed = await reader.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.namespaceURI,
      titles: [...doc.getElementsByTagName('entry')].map((e) => e.getElementsByTagName('title')[0]?.textContent ?? ''),
    };
  }, feed);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe('http://www.w3.org/2005/Atom');
  expect(parsed.titles.some((t) => t.startsWith('mTLS in Traefik Mesh 1.4.8'))).toBe(true);
  expect(parsed.titles).toContain('Traefik Mesh 1.4.8 added');
});

test('axe finds no violations on the compare page; the CSV export has one line per mesh, release and row', async ({
  page,
  request,
}) => {
  await page.goto('/meshes/istio');
  const releases = await page.getByLabel('Show release').locator('option').allTextContents();
  expect(releases).toContain('1.20');
  await page.goto('/compare?meshes=istio,linkerd,cilium');
  await expectNoAxeViolations(page);
  const csv = await request.get('/api/v1/matrix.csv?meshes=istio');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['link']).toContain('creativecommons.org/licenses/by/4.0');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe(
    'mesh,mesh_name,mesh_status,release,released_on,category,row,row_name,kind,support,text,note,sources,revision_id,revision_kind,carried_from,updated_at,release_inferred,confirmed_on,stale',
  );
  const matrix = await (await request.get('/api/v1/matrix?meshes=istio')).json();
  const rows = matrix.categories.reduce((n: number, c: { features: unknown[] }) => n + c.features.length, 0);
  expect(lines.length - 1).toBe(rows * releases.length);
  expect([...new Set(lines.slice(1).map((line) => line.split(',')[3]))].sort()).toEqual([...releases].sort());
  expect(new Set(lines.slice(1).map((line) => line.split(',').slice(0, 7).join(','))).size).toBe(
    rows * releases.length,
  );
  expect((await request.get('/api/v1/matrix.csv?meshes=nosuchmesh')).status()).toBe(400);
});

test('an unknown filter on /changes is named, not silently ignored', async ({ page }) => {
  await page.goto('/changes?mesh=nosuchmesh');
  await expect(page.getByRole('alert').filter({ hasText: 'mesh "nosuchmesh" is not a mesh we list' })).toBeVisible();
  await page.getByLabel('Mesh').selectOption('istio');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/changes\?mesh=istio/);
  await expect(page.getByRole('link', { name: 'Atom feed for Istio' })).toBeVisible();
});
