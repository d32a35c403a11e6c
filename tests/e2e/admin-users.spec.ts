import type { Browser, Page } from '@playwright/test';
import { oidcUser } from './env';
import { expect, expectNoAxeViolations, postJson, signInAs, test } from './fixtures';

const ALICE_EMAIL = 'alice@demo.mesh-matrix.invalid';
const REASON_LABEL = 'Reason (required, kept in the audit log)';

async function signedIn(browser: Browser, who: 'alice' | 'mo' | 'ada', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ colorScheme })).newPage();
  await signInAs(page, who);
  return page;
}

async function signedInWithOidc(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin?callbackUrl=%2Fmeshes');
  await page.getByRole('button', { name: 'Sign in with Test OIDC' }).click();
  await expect(page).toHaveURL('/meshes');
  return page;
}

/** Finds someone on /admin/users by search and opens their page. */
async function openUser(admin: Page, search: string, linkName: string) {
  await admin.goto('/admin/users');
  await admin.getByLabel('Name or email contains').fill(search);
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/users\\?q=`));
  const row = admin.getByRole('row').filter({ hasText: search });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: linkName, exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(linkName);
}

async function changeRole(admin: Page, who: string, role: string, reason: string) {
  await admin.getByLabel('New role').selectOption(role);
  await admin.getByLabel(REASON_LABEL).fill(reason);
  await admin.getByRole('button', { name: `Change role of ${who}` }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Role changed' })).toBeVisible();
}

test('people pages are for admins: 401 signed out, 403 for a contributor or moderator', async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.goto('/admin/users'))?.status()).toBe(401);
  const alice = await signedIn(browser, 'alice');
  expect((await alice.goto('/admin/users'))?.status()).toBe(403);
  await expect(alice.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(alice.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
  expect((await alice.goto('/admin/users/1'))?.status()).toBe(403);
  const mo = await signedIn(browser, 'mo');
  expect((await mo.goto('/admin/users'))?.status()).toBe(403);
});

test('ada promotes alice to moderator with a reason; alice can review at once, then goes back to contributor', async ({ browser }) => {
  const alice = await signedIn(browser, 'alice');
  expect((await alice.goto('/review'))?.status()).toBe(403);

  const ada = await signedIn(browser, 'ada');
  await ada.goto('/');
  await ada.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(ada.getByRole('heading', { level: 1 })).toHaveText('Users');
  const row = ada.getByRole('row').filter({ hasText: ALICE_EMAIL });
  await expect(row).toContainText('contributor');
  await expect(row).toContainText('active');

  await openUser(ada, ALICE_EMAIL, 'alice');
  // Without a reason nothing changes and the field says why.
  await ada.getByLabel('New role').selectOption('moderator');
  await ada.getByRole('button', { name: 'Change role of alice' }).click();
  await expect(ada.locator('#role-reason-error')).toHaveText('reason is required: say why');
  await expect(ada.getByLabel(REASON_LABEL)).toHaveAttribute('aria-invalid', 'true');
  await expect(ada.getByRole('definition').nth(1)).toHaveText('contributor');

  await changeRole(ada, 'alice', 'moderator', 'Trusted reviewer of Istio rows.');
  await expect(ada.getByRole('definition').nth(1)).toHaveText('moderator');
  await expect(ada.getByRole('table', { name: /Audit events about alice/ })).toContainText('Trusted reviewer of Istio rows.');

  // Her open session sees the new role on its next request, and so does a fresh sign-in.
  expect((await alice.goto('/review'))?.status()).toBe(200);
  const aliceAgain = await signedIn(browser, 'alice');
  expect((await aliceAgain.goto('/review'))?.status()).toBe(200);
  await expect(aliceAgain.getByRole('heading', { level: 1 })).toHaveText('Review queue');

  await ada.getByRole('link', { name: 'Full audit trail of alice' }).click();
  await expect(ada.getByRole('table')).toContainText('user.role');
  await expect(ada.getByRole('table')).toContainText('Trusted reviewer of Istio rows.');

  // Other specs expect alice to be a contributor.
  await openUser(ada, ALICE_EMAIL, 'alice');
  await changeRole(ada, 'alice', 'contributor', 'Review trial over.');
  expect((await alice.goto('/review'))?.status()).toBe(403);
});

test('ada bans the OIDC user, who can then read but not propose; the ban reason shows as text; then lifts it', async ({ browser }) => {
  const olivia = await signedInWithOidc(browser);
  const ada = await signedIn(browser, 'ada');
  await openUser(ada, oidcUser.email, oidcUser.name);

  const hostile = '<script>window.__pwned = 1</script><b>spam</b> proposals';
  await ada.getByRole('button', { name: `Ban ${oidcUser.name}` }).click();
  await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
  await ada.getByLabel(/^Reason for the ban/).fill(hostile);
  await ada.getByRole('button', { name: `Ban ${oidcUser.name}` }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Banned.' })).toBeVisible();
  await expect(ada.getByRole('definition').nth(2)).toHaveText(`banned: ${hostile}`);
  expect(await ada.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await ada.goto(`/admin/users?q=${encodeURIComponent(oidcUser.email)}`);
  await expect(ada.getByRole('row').filter({ hasText: oidcUser.email })).toContainText(`banned: ${hostile}`);

  const cell = { mesh: 'istio', version: '1.16.1', feature: 'mtls' };
  const refused = await postJson(olivia.request, '/api/v1/proposals', {
    ...cell,
    support: 'yes',
    sources: [{ url: 'https://istio.io/latest/docs/' }],
    rationale: 'Banned users must not get this in.',
    baseRevisionId: null,
  });
  expect(refused.status()).toBe(403);
  expect((await olivia.goto('/meshes/istio/1.16.1/mtls/propose'))?.status()).toBe(200);
  await expect(olivia.getByText('Your account is banned from proposing changes')).toBeVisible();
  expect((await olivia.goto('/meshes/istio'))?.status()).toBe(200);

  // Other specs sign in as this user and expect a contributor.
  await openUser(ada, oidcUser.email, oidcUser.name);
  await ada.getByLabel(/^Reason for lifting the ban/).fill('Appeal accepted.');
  await ada.getByRole('button', { name: `Lift the ban on ${oidcUser.name}` }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Ban lifted.' })).toBeVisible();
  await expect(ada.getByRole('definition').nth(2)).toHaveText('active');
});

test('the only admin cannot demote themselves', async ({ browser }) => {
  const ada = await signedIn(browser, 'ada');
  await openUser(ada, 'ada@demo.mesh-matrix.invalid', 'ada');
  await ada.getByLabel('New role').selectOption('moderator');
  await ada.getByLabel(REASON_LABEL).fill('Stepping down.');
  await ada.getByRole('button', { name: 'Change role of ada' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'ada is the only admin who is not banned' })).toBeVisible();
  await ada.reload();
  await expect(ada.getByRole('definition').nth(1)).toHaveText('admin');
});

test('without JavaScript: search, a field error, a ban and its lifting all work', async ({ browser }) => {
  const ada = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInAs(ada, 'ada');
  await openUser(ada, ALICE_EMAIL, 'alice');
  await ada.getByRole('button', { name: 'Ban alice' }).click();
  await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
  await ada.getByLabel(/^Reason for the ban/).fill('Testing bans without scripts.');
  await ada.getByRole('button', { name: 'Ban alice' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Banned.' })).toBeVisible();
  await expect(ada.getByRole('definition').nth(2)).toHaveText('banned: Testing bans without scripts.');
  await ada.getByLabel(/^Reason for lifting the ban/).fill('Test over.');
  await ada.getByRole('button', { name: 'Lift the ban on alice' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Ban lifted.' })).toBeVisible();
  await expect(ada.getByRole('definition').nth(2)).toHaveText('active');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the people pages in ${colorScheme} mode`, async ({ browser }) => {
    const ada = await signedIn(browser, 'ada', colorScheme);
    await ada.goto('/admin/users');
    await expect(ada.getByRole('table')).toBeVisible();
    await expectNoAxeViolations(ada);
    await openUser(ada, ALICE_EMAIL, 'alice');
    await ada.getByRole('button', { name: 'Ban alice' }).click();
    await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
    await expectNoAxeViolations(ada);
  });
}
