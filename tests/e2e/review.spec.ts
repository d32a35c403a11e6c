import { readDatabaseState } from './db-state';
import { cellOf, expect, expectNoAxeViolations, postJson, proposeOverApi, sourceLinkOf, test } from './fixtures';
import { CompareRevisionsPage, ReviewPage } from './pages/review-page';

test('alice proposes, mo approves, and the matrix and history show it', async ({ pageAs }) => {
  const alice = await pageAs('alice');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'linkerd', version: '2.13', feature: 'rate-limiting' },
    {
      support: 'yes',
      note: 'HTTP local rate limiting',
      sources: [{ url: 'https://linkerd.io/2-edge/reference/ratelimiting/', title: 'Linkerd rate limiting reference' }],
    },
  );

  const mo = await pageAs('mo');
  await mo.goto('/');
  await expect(mo.getByRole('banner').getByRole('link', { name: /Review/ })).toBeVisible();
  const review = new ReviewPage(mo);
  await review.goto('linkerd');
  const entry = review.entry(id);
  await expect(entry).toContainText('Rate limiting in Linkerd 2.13');
  await expect(entry).toContainText('Sources added');
  await expect(entry).toContainText('See the linked source.');
  await review.approve(id, { comment: 'Checked the reference page.' });
  await expect(review.notice()).toContainText(`Proposal ${id} approved`);

  const reader = await pageAs('anonymous');
  await reader.goto('/');
  const cell = cellOf(reader, 'linkerd', '2.13', 'rate-limiting').value;
  await expect(cell).toHaveText('yes');
  const source = await sourceLinkOf(reader, 'linkerd', '2.13', 'rate-limiting', 1);
  await expect(source).toHaveAccessibleName('Linkerd rate limiting reference');
  await expect(source).toHaveAttribute('href', 'https://linkerd.io/2-edge/reference/ratelimiting/');
  await cell.click();
  const history = reader.getByRole('table', { name: /Every value this cell has had/ });
  await expect(history.getByRole('row')).toHaveCount(1 + 2);
  await expect(history.getByRole('row').nth(1)).toContainText('approved proposal');
  await expect(history.getByRole('row').nth(1)).toContainText('proposed by alice');
  await expect(history.getByRole('row').nth(1)).toContainText('approved by mo');
  await expect(history.getByRole('row').nth(2)).toContainText('carried over');
  await expectNoAxeViolations(reader);
});

test('mo rejects with a reason and alice sees it', async ({ pageAs }) => {
  const alice = await pageAs('alice');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'consul', version: '1.14.3', feature: 'fault-injection' },
    {
      support: 'yes',
      sources: [{ url: 'https://example.com/blog' }],
    },
  );
  const mo = await pageAs('mo');
  const review = new ReviewPage(mo);
  await review.goto('consul');
  await review.reject(id, { preset: 'The source does not say this', details: 'The blog post is about Istio.' });
  await expect(review.notice()).toContainText(`Proposal ${id} rejected`);

  await alice.goto('/proposals');
  const mine = alice.getByRole('listitem').filter({ hasText: `Proposal ${id},` });
  await expect(mine).toContainText('rejected');
  await expect(mine).toContainText('The source does not say this: The blog post is about Istio.');
});

test('a reject without a reason is refused', async ({ pageAs }) => {
  const alice = await pageAs('alice');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'consul', version: '1.14.3', feature: 'delay-injection' },
    {
      support: 'partial',
      sources: [{ url: 'https://developer.hashicorp.com/consul/docs' }],
    },
  );
  const mo = await pageAs('mo');
  const response = await postJson(mo.request, `/api/v1/proposals/${id}/reject`, {});
  expect(response.status()).toBe(400);
  expect((await response.json()).fieldErrors.reason[0]).toMatch(/^reason is required/);
});

test('mo cannot approve his own proposal', async ({ pageAs }) => {
  const mo = await pageAs('mo');
  const id = await proposeOverApi(
    mo.request,
    { mesh: 'kuma', version: '1.0', feature: 'per-node-agent' },
    {
      support: 'no',
      sources: [{ url: 'https://kuma.io/docs/' }],
    },
  );
  const review = new ReviewPage(mo);
  await review.goto('kuma');
  await expect(review.entry(id)).toContainText('This is your own proposal');
  await expect(review.approveButton(id)).toHaveCount(0);
  const response = await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {});
  expect(response.status()).toBe(403);

  const ada = await pageAs('ada');
  expect((await postJson(ada.request, `/api/v1/proposals/${id}/approve`, { comment: 'ok' })).status()).toBe(200);
});

test('the queue is for moderators: 401 signed out, 403 for contributors', async ({ pageAs }) => {
  const anonymous = await pageAs('anonymous');
  expect((await new ReviewPage(anonymous).goto())?.status()).toBe(401);
  await expect(anonymous.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible();
  const alice = await pageAs('alice');
  expect((await new ReviewPage(alice).goto())?.status()).toBe(403);
  expect((await alice.request.get('/api/v1/proposals?status=pending')).status()).toBe(403);
  expect((await alice.goto('/admin/audit'))?.status()).toBe(403);
});

test('the moderator endpoints refuse signed-out callers (401) and contributors (403), changing nothing', async ({
  pageAs,
}) => {
  const alice = await pageAs('alice');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'kuma', version: '1.0', feature: 'circuit-breaking' },
    {
      support: 'partial',
      note: 'moderator endpoints check',
      sources: [{ url: 'https://kuma.io/docs/latest/policies/circuit-breaker/', title: 'Kuma circuit breaker' }],
      rationale: 'Checking who may decide.',
    },
  );
  const history = await (await alice.request.get('/api/v1/meshes/kuma/1.0/circuit-breaking/history')).json();
  const revisionId = history.revisions.at(-1).id;
  const before = readDatabaseState();
  const anonymous = await pageAs('anonymous');
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

test('two approvals of conflicting proposals: one wins, the other gets 409 with the current revision', async ({
  pageAs,
}) => {
  const alice = await pageAs('alice');
  const cell = { mesh: 'cilium', version: '1.12', feature: 'fault-injection' };
  const first = await proposeOverApi(alice.request, cell, {
    support: 'partial',
    sources: [{ url: 'https://docs.cilium.io/a' }],
  });
  const second = await proposeOverApi(alice.request, cell, {
    support: 'yes',
    sources: [{ url: 'https://docs.cilium.io/b' }],
  });
  const mo = await pageAs('mo');
  const ada = await pageAs('ada');
  const [a, b] = await Promise.all([
    postJson(mo.request, `/api/v1/proposals/${first}/approve`, {}),
    postJson(ada.request, `/api/v1/proposals/${second}/approve`, {}),
  ]);
  const statuses = [a.status(), b.status()].sort();
  expect(statuses).toEqual([200, 409]);
  const loser = a.status() === 409 ? a : b;
  const winner = a.status() === 200 ? a : b;
  expect((await loser.json()).currentRevisionId).toBe((await winner.json()).revisionId);

  const review = new ReviewPage(mo);
  await review.goto('cilium');
  const loserId = a.status() === 409 ? first : second;
  await expect(review.entry(loserId)).toContainText('Conflict: the cell changed');
  await review.approve(loserId, { overConflict: true });
  await expect(review.notice()).toContainText(`Proposal ${loserId} approved`);
  const history = await (await mo.request.get(`/api/v1/meshes/cilium/1.12/fault-injection/history`)).json();
  expect(history.revisions.filter((r: { kind: string }) => r.kind === 'proposal')).toHaveLength(2);
});

test('a moderator compares two revisions and reverts; the revert is a new revision', async ({ pageAs }) => {
  const alice = await pageAs('alice');
  const id = await proposeOverApi(
    alice.request,
    { mesh: 'istio', version: '1.16.1', feature: 'websockets' },
    {
      support: 'no',
      sources: [{ url: 'https://example.org/wrong' }],
    },
  );
  const ada = await pageAs('ada');
  expect((await postJson(ada.request, `/api/v1/proposals/${id}/approve`, {})).status()).toBe(200);

  const mo = await pageAs('mo');
  const compare = new CompareRevisionsPage(mo);
  await compare.openFrom('/meshes/istio/1.16.1/websockets');
  await expect(compare.comparison()).toBeVisible();
  await expectNoAxeViolations(mo);
  await compare.revert('The source was about something else.');
  await expect(mo).toHaveURL(/\/meshes\/istio\/1\.16\.1\/websockets\?reverted=1/);
  const history = await (await mo.request.get('/api/v1/meshes/istio/1.16.1/websockets/history')).json();
  expect(history.revisions[0].kind).toBe('revert');
  expect(history.revisions[0].support).toBe(history.revisions[2].support);
  expect(history.revisions[1].kind).toBe('proposal');
  expect(history.revisions[0].reason).toContain('The source was about something else.');
});

test('axe finds no violations on /review and the audit log', async ({ page, signInPage, reviewPage }) => {
  await signInPage.signInOverHttp('ada');
  await reviewPage.goto();
  await expectNoAxeViolations(page);
  await page.goto('/admin/audit');
  await expect(page.getByRole('table', { name: /Audit events/ })).toContainText('proposal.approve');
  await expectNoAxeViolations(page);
  await page.goto('/admin/audit?object=proposal');
  await expect(
    page
      .getByRole('table', { name: /Audit events/ })
      .getByRole('row')
      .nth(1),
  ).toContainText('proposal');
});

test('the queue says how long the oldest proposal has waited, sorts oldest first unless asked, and /about/data shows the queue', async ({
  pageAs,
}) => {
  const alice = await pageAs('alice');
  const sent: number[] = [];
  for (const feature of ['sidecar-proxy', 'distributed-tracing'])
    sent.push(
      await proposeOverApi(
        alice.request,
        { mesh: 'cilium', version: '1.12', feature },
        {
          support: 'partial',
          note: `queue order ${feature} ${Date.now()}`,
          sources: [{ url: 'https://docs.cilium.io/en/v1.12/', title: 'Cilium 1.12 docs' }],
        },
      ),
    );
  const mo = await pageAs('mo');
  const review = new ReviewPage(mo);
  const headings = () => mo.getByRole('heading', { name: /^Proposal \d+:/ }).allTextContents();
  const order = (texts: string[]) => sent.map((id) => texts.findIndex((t) => t.startsWith(`Proposal ${id}:`)));

  await review.goto('cilium');
  await expect(mo.getByTestId('oldest-wait')).toHaveText(/^(less than an hour|\d+ hours?|\d+ days)$/);
  await expect(mo.getByText(/pending proposals?, oldest first\./)).toBeVisible();
  const [first, second] = order(await headings());
  expect(first).toBeGreaterThanOrEqual(0);
  expect(first).toBeLessThan(second!);

  await mo.getByLabel('Order').selectOption('newest');
  await mo.getByRole('button', { name: 'Filter' }).click();
  await expect(mo).toHaveURL(/[?&]sort=newest/);
  await expect(mo.getByText(/pending proposals?, newest first\./)).toBeVisible();
  const [firstNow, secondNow] = order(await headings());
  expect(secondNow).toBeGreaterThanOrEqual(0);
  expect(secondNow).toBeLessThan(firstNow!);

  await mo.goto('/review?sort=sideways');
  await expect(mo.getByText('sort must be oldest or newest')).toBeVisible();

  // /about/data is cached and refreshed by each proposal and decision: it agrees with the whole queue's count.
  await mo.goto('/review');
  const summary = (await mo.getByText(/pending proposals?, oldest first/).textContent()) ?? '';
  const singles = /^(\d+) pending/.exec(summary)?.[1];
  expect(singles).toMatch(/^\d+$/);
  const waiting = String(Number(singles) + Number(/(\d+) changesets?, each one item/.exec(summary)?.[1] ?? 0));
  const reader = await pageAs('anonymous');
  const figure = (term: string) =>
    reader.getByTestId('queue-health').locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await expect(async () => {
    await reader.goto('/about/data');
    await expect(figure('Submissions waiting for review')).toHaveText(waiting!, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(figure('Waiting since')).toHaveText(/^\d{1,2} \w+ \d{4}$/);
  await expect(figure('Median time from proposal to decision')).toHaveText(
    /^(less than an hour|\d+ hours?|\d+ days|no decisions yet)$/,
  );

  for (const id of sent)
    expect((await postJson(alice.request, `/api/v1/proposals/${id}/withdraw`, {})).status()).toBe(200);
});
