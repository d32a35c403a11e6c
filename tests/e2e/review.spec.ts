import { readDatabaseState } from './db-state';
import { cellOf, expect, expectNoAxeViolations, postJson, proposeOverApi, signInAs, sourceLinkOf, test } from './fixtures';

test('alice proposes, mo approves, and the matrix and history show it', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const id = await proposeOverApi(alice.request, { mesh: 'linkerd', version: '2.13', feature: 'rate-limiting' }, {
    support: 'yes',
    note: 'HTTP local rate limiting',
    sources: [{ url: 'https://linkerd.io/2-edge/reference/ratelimiting/', title: 'Linkerd rate limiting reference' }],
  });

  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  await mo.goto('/');
  await expect(mo.getByRole('banner').getByRole('link', { name: /Review/ })).toBeVisible();
  await mo.goto('/review?mesh=linkerd');
  const entry = mo.getByRole('listitem').filter({ has: mo.getByRole('heading', { name: new RegExp(`^Proposal ${id}:`) }) });
  await expect(entry).toContainText('Rate limiting in Linkerd 2.13');
  await expect(entry).toContainText('Sources added');
  await expect(entry).toContainText('See the linked source.');
  await entry.getByLabel('Comment (optional)').fill('Checked the reference page.');
  await entry.getByRole('button', { name: `Approve proposal ${id}` }).click();
  await expect(mo.getByRole('status').first()).toContainText(`Proposal ${id} approved`);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto('/');
  const cell = cellOf(reader, 'linkerd', '2.13', 'rate-limiting').value;
  await expect(cell).toHaveText('yes');
  await expect(sourceLinkOf(reader, 'linkerd', '2.13', 'rate-limiting', 1)).toHaveAccessibleName('Source 1: Linkerd rate limiting reference');
  await expect(sourceLinkOf(reader, 'linkerd', '2.13', 'rate-limiting', 1)).toHaveAttribute(
    'href',
    'https://linkerd.io/2-edge/reference/ratelimiting/',
  );
  await cell.click();
  const history = reader.getByRole('table', { name: /Every value this cell has had/ });
  await expect(history.getByRole('row')).toHaveCount(1 + 2);
  await expect(history.getByRole('row').nth(1)).toContainText('approved proposal');
  await expect(history.getByRole('row').nth(1)).toContainText('proposed by alice');
  await expect(history.getByRole('row').nth(1)).toContainText('approved by mo');
  await expect(history.getByRole('row').nth(2)).toContainText('carried over');
  await expectNoAxeViolations(reader);
});

test('mo rejects with a reason and alice sees it', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const id = await proposeOverApi(alice.request, { mesh: 'consul', version: '1.14.3', feature: 'fault-injection' }, {
    support: 'yes',
    sources: [{ url: 'https://example.com/blog' }],
  });
  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  await mo.goto('/review?mesh=consul');
  const entry = mo.getByRole('listitem').filter({ has: mo.getByRole('heading', { name: new RegExp(`^Proposal ${id}:`) }) });
  await entry.getByLabel('Reason').selectOption('The source does not say this');
  await entry.getByLabel('Details for the author').fill('The blog post is about Istio.');
  await entry.getByRole('button', { name: `Reject proposal ${id}` }).click();
  await expect(mo.getByRole('status').first()).toContainText(`Proposal ${id} rejected`);

  await alice.goto('/proposals');
  const mine = alice.getByRole('listitem').filter({ hasText: `Proposal ${id},` });
  await expect(mine).toContainText('rejected');
  await expect(mine).toContainText('The source does not say this: The blog post is about Istio.');
});

test('a reject without a reason is refused', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const id = await proposeOverApi(alice.request, { mesh: 'consul', version: '1.14.3', feature: 'delay-injection' }, {
    support: 'partial',
    sources: [{ url: 'https://developer.hashicorp.com/consul/docs' }],
  });
  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  const response = await postJson(mo.request, `/api/v1/proposals/${id}/reject`, {});
  expect(response.status()).toBe(400);
  expect((await response.json()).fieldErrors.reason[0]).toMatch(/^reason is required/);
});

test('mo cannot approve his own proposal', async ({ browser }) => {
  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  const id = await proposeOverApi(mo.request, { mesh: 'kuma', version: '1.0', feature: 'per-node-agent' }, {
    support: 'no',
    sources: [{ url: 'https://kuma.io/docs/' }],
  });
  await mo.goto('/review?mesh=kuma');
  const entry = mo.getByRole('listitem').filter({ has: mo.getByRole('heading', { name: new RegExp(`^Proposal ${id}:`) }) });
  await expect(entry).toContainText('This is your own proposal');
  await expect(entry.getByRole('button', { name: `Approve proposal ${id}` })).toHaveCount(0);
  const response = await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {});
  expect(response.status()).toBe(403);

  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada, 'ada');
  expect((await postJson(ada.request, `/api/v1/proposals/${id}/approve`, { comment: 'ok' })).status()).toBe(200);
});

test('the queue is for moderators: 401 signed out, 403 for contributors', async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.goto('/review'))?.status()).toBe(401);
  await expect(anonymous.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible();
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  expect((await alice.goto('/review'))?.status()).toBe(403);
  expect((await alice.request.get('/api/v1/proposals?status=pending')).status()).toBe(403);
  expect((await alice.goto('/admin/audit'))?.status()).toBe(403);
});

test('the moderator endpoints refuse signed-out callers (401) and contributors (403), changing nothing', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const id = await proposeOverApi(alice.request, { mesh: 'kuma', version: '1.0', feature: 'circuit-breaking' }, {
    support: 'partial',
    note: 'moderator endpoints check',
    sources: [{ url: 'https://kuma.io/docs/latest/policies/circuit-breaker/', title: 'Kuma circuit breaker' }],
    rationale: 'Checking who may decide.',
  });
  const history = await (await alice.request.get('/api/v1/meshes/kuma/1.0/circuit-breaking/history')).json();
  const revisionId = history.revisions.at(-1).id;
  const before = readDatabaseState();
  const anonymous = await (await browser.newContext()).newPage();
  const calls = [
    { path: `/api/v1/proposals/${id}/approve`, body: {} },
    { path: `/api/v1/proposals/${id}/reject`, body: { reason: 'not yours to decide' } },
    { path: '/api/v1/meshes/kuma/1.0/circuit-breaking/revert', body: { revisionId, reason: 'not yours to revert' } },
  ];
  for (const { path, body } of calls) {
    expect((await postJson(anonymous.request, path, body)).status(), `${path} signed out`).toBe(401);
    expect((await postJson(alice.request, path, body)).status(), `${path} as a contributor`).toBe(403);
  }
  expect(readDatabaseState()).toEqual(before);
  expect((await postJson(alice.request, `/api/v1/proposals/${id}/withdraw`, {})).status()).toBe(200);
});

test('two approvals of conflicting proposals: one wins, the other gets 409 with the current revision', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const cell = { mesh: 'cilium', version: '1.12', feature: 'fault-injection' };
  const first = await proposeOverApi(alice.request, cell, { support: 'partial', sources: [{ url: 'https://docs.cilium.io/a' }] });
  const second = await proposeOverApi(alice.request, cell, { support: 'yes', sources: [{ url: 'https://docs.cilium.io/b' }] });
  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada, 'ada');
  const [a, b] = await Promise.all([postJson(mo.request, `/api/v1/proposals/${first}/approve`, {}), postJson(ada.request, `/api/v1/proposals/${second}/approve`, {})]);
  const statuses = [a.status(), b.status()].sort();
  expect(statuses).toEqual([200, 409]);
  const loser = a.status() === 409 ? a : b;
  const winner = a.status() === 200 ? a : b;
  expect((await loser.json()).currentRevisionId).toBe((await winner.json()).revisionId);

  await mo.goto('/review?mesh=cilium');
  const loserId = a.status() === 409 ? first : second;
  const entry = mo.getByRole('listitem').filter({ has: mo.getByRole('heading', { name: new RegExp(`^Proposal ${loserId}:`) }) });
  await expect(entry).toContainText('Conflict: the cell changed');
  await entry.getByLabel('Approve over the newer value').check();
  await entry.getByRole('button', { name: `Approve proposal ${loserId}` }).click();
  await expect(mo.getByRole('status').first()).toContainText(`Proposal ${loserId} approved`);
  const history = await (await mo.request.get(`/api/v1/meshes/cilium/1.12/fault-injection/history`)).json();
  expect(history.revisions.filter((r: { kind: string }) => r.kind === 'proposal')).toHaveLength(2);
});

test('a moderator compares two revisions and reverts; the revert is a new revision', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  const id = await proposeOverApi(alice.request, { mesh: 'istio', version: '1.16.1', feature: 'websockets' }, {
    support: 'no',
    sources: [{ url: 'https://example.org/wrong' }],
  });
  const ada = await (await browser.newContext()).newPage();
  await signInAs(ada, 'ada');
  expect((await postJson(ada.request, `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);

  const mo = await (await browser.newContext()).newPage();
  await signInAs(mo, 'mo');
  await mo.goto('/meshes/istio/1.16.1/websockets');
  await mo.getByRole('link', { name: 'Compare any two revisions' }).click();
  await expect(mo.getByRole('heading', { level: 2, name: /^From revision \d+ to revision \d+$/ })).toBeVisible();
  await expectNoAxeViolations(mo);
  await mo.getByLabel('Reason (required)').fill('The source was about something else.');
  await mo.getByRole('button', { name: /^Revert to revision/ }).click();
  await expect(mo).toHaveURL(/\/meshes\/istio\/1\.16\.1\/websockets\?reverted=1/);
  const history = await (await mo.request.get('/api/v1/meshes/istio/1.16.1/websockets/history')).json();
  expect(history.revisions[0].kind).toBe('revert');
  expect(history.revisions[0].support).toBe(history.revisions[2].support);
  expect(history.revisions[1].kind).toBe('proposal');
  expect(history.revisions[0].reason).toContain('The source was about something else.');
});

test('axe finds no violations on /review and the audit log', async ({ page }) => {
  await signInAs(page, 'ada');
  await page.goto('/review');
  await expectNoAxeViolations(page);
  await page.goto('/admin/audit');
  await expect(page.getByRole('table', { name: /Audit events/ })).toContainText('proposal.approve');
  await expectNoAxeViolations(page);
  await page.goto('/admin/audit?object=proposal');
  await expect(page.getByRole('table', { name: /Audit events/ }).getByRole('row').nth(1)).toContainText('proposal');
});
