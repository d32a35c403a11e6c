import { cellOf, expect, postJson, proposeOverApi, test } from './fixtures';

test('after an approval returns, every public view shows the new value on the next load', async ({ pageAs }) => {
  const reader = await pageAs('anonymous');
  const cell = { mesh: 'aws-app-mesh', version: 'managed', feature: 'rate-limiting' };
  const views = ['/', '/meshes/aws-app-mesh', '/meshes/aws-app-mesh/managed/rate-limiting', '/changes'];
  // Load each view twice first so the old value is in Next's cache.
  for (const view of views) {
    await reader.goto(view);
    await reader.goto(view);
  }
  const before = await (await reader.request.get('/api/v1/matrix?meshes=aws-app-mesh')).json();
  expect(before.cells['aws-app-mesh']['rate-limiting'].support).toBe('no');

  const alice = await pageAs('alice');
  const id = await proposeOverApi(alice.request, cell, {
    support: 'yes',
    note: 'freshness check',
    sources: [
      {
        url: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/rate-limiting.html',
        title: 'App Mesh rate limiting',
      },
    ],
  });
  const mo = await pageAs('mo');
  const approval = await postJson(mo.request, `/api/v1/proposals/${id}/approve`, {});
  expect(approval.status()).toBe(200);

  await reader.goto('/');
  await expect(cellOf(reader, 'aws-app-mesh', 'managed', 'rate-limiting').value).toHaveText('yes');
  await reader.goto('/meshes/aws-app-mesh');
  await expect(cellOf(reader, 'aws-app-mesh', 'managed', 'rate-limiting').value).toHaveText('yes');
  await reader.goto('/meshes/aws-app-mesh/managed/rate-limiting');
  await expect(
    reader.getByRole('region').or(reader.locator('section')).filter({ hasText: 'Current value' }).first(),
  ).toContainText('freshness check');
  await reader.goto('/changes');
  await expect(
    reader.getByRole('listitem').filter({ hasText: 'Rate limiting in AWS App Mesh managed' }).first(),
  ).toContainText('freshness check');
  const after = await (await reader.request.get('/api/v1/matrix?meshes=aws-app-mesh')).json();
  expect(after.cells['aws-app-mesh']['rate-limiting'].support).toBe('yes');
});
