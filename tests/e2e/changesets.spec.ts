import { cellOf, expect, expectNoAxeViolations, postJson, proposeOverApi, test } from './fixtures';
import { ChangesetPage } from './pages/changeset-page';

// Gloo Mesh's newest release: no other spec changes it.
const RELEASE = '/meshes/gloo-mesh/as-of-2023-03';
const SOURCE = 'https://docs.solo.io/gloo-mesh-enterprise/latest/';

test('a release brought up to date in one sitting and reviewed on one screen, with feedback on a new release', async ({
  pageAs,
}) => {
  test.setTimeout(120_000);
  // ada follows the mesh before anything happens; at the end her watchlist and private feed show it all.
  const ada = await pageAs('ada');
  expect([200, 201]).toContain((await postJson(ada.request, '/api/v1/watches', { mesh: 'gloo-mesh' })).status());
  const alice = new ChangesetPage(await pageAs('alice'));
  await alice.openFromRelease(RELEASE, 'Propose changes to this release');
  await expect(alice.heading()).toHaveText('Propose changes to Gloo Mesh as-of-2023-03');
  await expectNoAxeViolations(alice.page);
  await alice.fillShared({ title: 'Gloo Mesh 2.3 docs', source: SOURCE, rationale: 'The 2.3 docs list these.' });
  await alice.setSupport('Open source', 'partial');
  await alice.setSupport('Multi-cluster', 'partial');
  await alice.setSupport('Mesh expansion', 'no');
  await alice.setSupport('TCP', 'yes');
  await alice.setSupport('HTTP/1.1', 'yes');
  await alice.submit();
  await expect(alice.heading()).toHaveText(/Changeset \d+: Gloo Mesh 2.3 docs/);
  await expect(alice.page.getByText(/sent for review/)).toBeVisible();
  const first = await alice.idFromUrl();
  await expect(alice.page.getByTestId('changeset-cell')).toHaveCount(5);

  await alice.openFromRelease('/meshes/gloo-mesh', 'Propose a new release');
  await alice.page.getByLabel('Release label').fill('as-of-2024-01');
  await alice.fillShared({ title: 'Gloo Mesh early 2024', source: SOURCE, rationale: 'A newer release.' });
  await alice.setSupport('Sidecar-less mode', 'yes');
  await alice.submit();
  const second = await alice.idFromUrl();
  await expect(
    alice.page.getByText('waiting for review; its values start as those of the release before it'),
  ).toBeVisible();

  const mo = new ChangesetPage(await pageAs('mo'));
  await mo.page.goto('/review');
  const items = mo.page.getByTestId('changeset-item');
  await expect(items.filter({ hasText: `Changeset ${first}: Gloo Mesh 2.3 docs` })).toContainText('5 of 5 cells');
  await expect(items.filter({ hasText: `Changeset ${second}:` })).toContainText('new release Gloo Mesh as-of-2024-01');
  await items.getByRole('link', { name: `Changeset ${first}: Gloo Mesh 2.3 docs` }).click();
  await expectNoAxeViolations(mo.page);
  await mo.choose('Mesh expansion', 'reject');
  await mo.applyDecisions(first, { reason: 'The docs still list VM support' });
  await expect(mo.page.getByText('4 approved, 1 rejected.')).toBeVisible();
  await expect(mo.status()).toContainText('decided');
  await expect(mo.cellRow('Mesh expansion')).toContainText('rejected: The docs still list VM support');

  const reader = await pageAs('anonymous');
  await reader.goto(RELEASE);
  await expect(cellOf(reader, 'gloo-mesh', 'as-of-2023-03', 'tcp').value).toHaveText('yes');
  await expect(cellOf(reader, 'gloo-mesh', 'as-of-2023-03', 'mesh-expansion').value).toHaveText('yes');

  await mo.page.goto(`/changesets/${second}`);
  await mo.requestChanges(second, 'Give the release date and its source.');
  await expect(mo.page.getByText('Changes requested; the author has been asked.')).toBeVisible();
  await expect(mo.status()).toContainText('changes requested');

  await alice.page.goto('/proposals');
  await expect(alice.page.getByText('A moderator asked for changes: open it to revise.')).toBeVisible();
  await alice.page.goto(`/changesets/${second}`);
  await alice.page.getByRole('link', { name: 'Revise the changeset and send it back' }).click();
  await expect(alice.page.getByText('Give the release date and its source.')).toBeVisible();
  await expectNoAxeViolations(alice.page);
  await alice.title().fill('Gloo Mesh early 2024 (with date)');
  await alice.submit('Send the revised changeset');
  await expect(alice.status()).toContainText('updated after feedback');
  await alice.page.getByText('What was sent before the revision').click();
  await expect(alice.page.getByTestId('feedback-round')).toContainText('Gloo Mesh early 2024');

  await mo.page.goto('/review');
  await expect(items.filter({ hasText: `Changeset ${second}:` })).toContainText('Updated after feedback');

  // The follower sees the approved values and the new proposals on /watchlist and in her private feed.
  const watchlist = (await (await ada.request.get('/api/v1/watchlist')).json()) as {
    items: { kind: string; mesh: string; feature: string | null; summary: string; url: string }[];
  };
  const onGloo = watchlist.items.filter((item) => item.mesh === 'gloo-mesh');
  expect(onGloo.filter((item) => item.kind === 'change').map((item) => item.feature)).toEqual(
    expect.arrayContaining(['tcp', 'http-1-1', 'open-source', 'multi-cluster']),
  );
  expect(onGloo.filter((item) => item.kind === 'proposal').map((item) => item.feature)).toEqual(
    expect.arrayContaining(['sidecarless-mode', 'mesh-expansion']),
  );
  await ada.goto('/watchlist');
  await expect(ada.getByRole('listitem').filter({ hasText: 'TCP' }).first()).toBeVisible();
  await ada.getByRole('button', { name: /^(Make a private feed address|Replace feed address)/ }).click();
  const feedPath = new URL(await ada.getByLabel('Your feed address').inputValue()).pathname;
  const feed = await (await (await pageAs('anonymous')).request.get(feedPath)).text();
  expect(feed).toContain('Gloo Mesh');
  expect(feed).toContain('<feed');
});

test('the release form names the row of a refused cell and keeps what was typed', async ({ pageAs }) => {
  const alice = new ChangesetPage(await pageAs('alice'));
  await alice.page.goto('/changesets/new?mesh=gloo-mesh&version=as-of-2023-03');
  await alice.fillShared({ title: 'Bad source', source: SOURCE, rationale: 'Testing.' });
  await alice.setSupport('gRPC', 'yes');
  await alice.page.getByLabel('gRPC: source for this cell').fill('javascript:alert(1)');
  await alice.submit();
  await expect(alice.page.getByText('Some fields need attention.')).toBeVisible();
  await expect(alice.page.locator('#cell-grpc-error')).toContainText('sources.0.url');
  await expect(alice.page.getByLabel('gRPC: support', { exact: true })).toHaveValue('yes');
  await expect(alice.title()).toHaveValue('Bad source');
});

for (const scheme of ['light', 'dark'] as const)
  test(`axe on every changeset page, ${scheme}`, async ({ pageAs }) => {
    // Eight pages, each loaded and checked by axe: 18 s here alone, 1.4 min in a busy CI run, close to the default.
    test.setTimeout(240_000);
    const colorContrastOnly = scheme === 'dark';
    const alice = await pageAs('alice', { colorScheme: scheme });
    const mo = await pageAs('mo', { colorScheme: scheme });
    // Gloo Mesh's older release: the concurrency spec's rows there are others.
    const created = await postJson(alice.request, '/api/v1/changesets', {
      title: `Axe ${scheme}`,
      sources: [{ url: SOURCE }],
      rationale: 'Accessibility check.',
      changes: [{ mesh: 'gloo-mesh', version: 'as-of-2022-01', feature: 'websockets', support: 'yes', note: scheme }],
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id, proposals } = await created.json();
    await mo.goto(`/changesets/${id}`);
    await expectNoAxeViolations(mo, { colorContrastOnly });
    await mo.goto('/changesets/new?mesh=gloo-mesh&release=new');
    await expectNoAxeViolations(mo, { colorContrastOnly });
    await mo.goto('/review');
    await expectNoAxeViolations(mo, { colorContrastOnly });
    expect(
      (await postJson(mo.request, `/api/v1/changesets/${id}/request-changes`, { comment: 'Cite the notes.' })).status(),
    ).toBe(200);
    const single = await proposeOverApi(
      alice.request,
      { mesh: 'gloo-mesh', version: 'as-of-2022-01', feature: 'http-2' },
      { support: 'yes', note: `axe ${scheme}`, sources: [{ url: SOURCE }] },
    );
    expect(
      (await postJson(mo.request, `/api/v1/proposals/${single}/request-changes`, { comment: 'Which page?' })).status(),
    ).toBe(200);
    for (const path of [
      `/changesets/${id}`,
      `/changesets/${id}/revise`,
      `/proposals/${proposals[0]}`,
      `/proposals/${single}/revise`,
      '/proposals',
    ]) {
      await alice.goto(path);
      await expectNoAxeViolations(alice, { colorContrastOnly });
    }
    expect((await postJson(alice.request, `/api/v1/changesets/${id}/withdraw`, {})).status()).toBe(200);
    expect((await postJson(alice.request, `/api/v1/proposals/${single}/withdraw`, {})).status()).toBe(200);
  });
