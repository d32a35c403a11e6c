import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { AdminUsersPage } from './pages/admin-users-page';
import { MyProposalsPage, ProposePage } from './pages/propose-page';

const cell = '/meshes/linkerd/2.13/blue-green-deployment';

test('an admin trusts alice, her proposal publishes at once, and a moderator checks it on the patrol list', async ({
  pageAs,
}) => {
  // alice exists once she has signed in.
  const alice = await pageAs('alice');
  const ada = await pageAs('ada');
  const people = new AdminUsersPage(ada);
  await people.openUser('alice@demo.mesh-matrix.invalid', 'alice');
  await people.trust('alice', 'Years of careful, sourced edits.');
  await expect(ada.getByRole('definition').filter({ hasText: 'trusted: Years of careful' })).toBeVisible();
  await people.goto('alice@demo.mesh-matrix.invalid');
  await expect(people.row('alice@demo.mesh-matrix.invalid')).toContainText('Trusted');

  try {
    const propose = new ProposePage(alice);
    await propose.goto(cell);
    const note = `Flagger canary and blue-green ${Date.now()}`;
    await propose.fill({
      support: 'partial: supported with limits',
      note,
      sources: [{ url: 'https://linkerd.io/2.13/tasks/flagger/', title: 'Progressive delivery' }],
      rationale: 'The Flagger task page shows it.',
    });
    await propose.submit();
    await expect(alice).toHaveURL(/\/proposals\?published=\d+$/);
    const id = Number(new URL(alice.url()).searchParams.get('published'));
    await expect(new MyProposalsPage(alice).notice()).toContainText(`Proposal ${id} published without review`);

    const reader = await pageAs('anonymous');
    await reader.goto('/changes');
    const entry = reader.getByRole('listitem').filter({ hasText: note });
    await expect(entry).toContainText('published without review');
    await expect(entry).toContainText('proposed by alice');

    const mo = await pageAs('mo');
    await mo.goto('/review');
    await mo.getByRole('link', { name: /^Patrol: \d+ published without review to check$/ }).click();
    await expect(mo).toHaveURL(/\/review\/patrol$/);
    const item = mo.getByRole('listitem').filter({ has: mo.getByRole('heading', { name: `Proposal ${id}:` }) });
    await expect(item).toContainText(note);
    await expect(item).toContainText('Progressive delivery');
    await expect(item.getByRole('link', { name: 'alice' })).toHaveAttribute('href', /\/review\/contributors\/\d+$/);
    await expectNoAxeViolations(mo);
    const dark = await pageAs('mo', { colorScheme: 'dark' });
    await dark.goto('/review/patrol');
    await expectNoAxeViolations(dark, { colorContrastOnly: true });

    await item.getByRole('button', { name: `Mark proposal ${id} checked` }).click();
    await expect(mo.getByRole('status')).toContainText(`Proposal ${id} marked checked.`);
    await expect(mo.getByRole('heading', { name: `Proposal ${id}:` })).toHaveCount(0);

    // The moderators' page for a contributor carries the same trust form.
    await mo.goto(`/review/contributors/${await aliceIdOf(ada)}`);
    await expect(mo.getByRole('heading', { level: 1 })).toHaveText('alice');
    await expect(mo.getByRole('button', { name: 'Stop trusting alice', exact: true })).toBeVisible();
    await expectNoAxeViolations(mo);
  } finally {
    await people.openUser('alice@demo.mesh-matrix.invalid', 'alice');
    if (await people.stopTrustingButton('alice').count())
      await people.stopTrusting('alice', 'End of the trusted spec.');
  }
});

test('the trust threshold page is off by default and passes axe in light and dark', async ({ pageAs }) => {
  const ada = await pageAs('ada');
  await ada.goto('/admin/settings');
  await expect(ada.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(ada.getByLabel('Trust contributors automatically when they meet the threshold')).not.toBeChecked();
  await expect(ada.getByLabel('Approved proposals needed')).toHaveValue('20');
  await expect(ada.getByLabel('Days without a reverted value')).toHaveValue('90');
  await ada.getByLabel('Days without a reverted value').fill('0');
  await ada.getByRole('button', { name: 'Save the trust threshold' }).click();
  await expect(ada.getByText('days must be a whole number of days from 1 to 3,650')).toBeVisible();
  await expectNoAxeViolations(ada);
  const dark = await pageAs('ada', { colorScheme: 'dark' });
  await dark.goto('/admin/settings');
  await expectNoAxeViolations(dark, { colorContrastOnly: true });

  const mo = await pageAs('mo');
  expect((await mo.goto('/admin/settings'))?.status()).toBe(403);
});

/** alice's id, from the admin's list of people. */
async function aliceIdOf(ada: Page): Promise<number> {
  const html = await (await ada.request.get('/admin/users?q=alice%40demo.mesh-matrix.invalid')).text();
  return Number(/href="\/admin\/users\/(\d+)"/.exec(html)?.[1]);
}
