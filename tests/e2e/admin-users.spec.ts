import { oidcUser } from './env';
import { expect, expectNoAxeViolations, postJson, test } from './fixtures';
import { AdminUsersPage } from './pages/admin-users-page';
import { SignInPage } from './pages/sign-in-page';

const ALICE_EMAIL = 'alice@demo.mesh-matrix.invalid';

test('people pages are for admins: 401 signed out, 403 for a contributor or moderator', async ({ pageAs }) => {
  const anonymous = await pageAs('anonymous');
  expect((await new AdminUsersPage(anonymous).goto())?.status()).toBe(401);
  const alice = await pageAs('alice');
  expect((await new AdminUsersPage(alice).goto())?.status()).toBe(403);
  await expect(alice.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(alice.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
  expect((await new AdminUsersPage(alice).gotoUser(1))?.status()).toBe(403);
  const mo = await pageAs('mo');
  expect((await new AdminUsersPage(mo).goto())?.status()).toBe(403);
});

test('ada promotes alice to moderator with a reason; alice can review at once, then goes back to contributor', async ({
  pageAs,
}) => {
  const alice = await pageAs('alice');
  expect((await alice.goto('/review'))?.status()).toBe(403);

  const ada = await pageAs('ada');
  const users = new AdminUsersPage(ada);
  await ada.goto('/');
  await ada.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(ada.getByRole('heading', { level: 1 })).toHaveText('Users');
  const row = users.row(ALICE_EMAIL);
  await expect(row).toContainText('contributor');
  await expect(row).toContainText('active');

  await users.openUser(ALICE_EMAIL, 'alice');
  // Without a reason nothing changes and the field says why.
  await users.submitRoleChange('alice', 'moderator');
  await expect(ada.locator('#role-reason-error')).toHaveText('reason is required: say why');
  await expect(users.roleReason()).toHaveAttribute('aria-invalid', 'true');
  await expect(users.role()).toHaveText('contributor');

  await users.changeRole('alice', 'moderator', 'Trusted reviewer of Istio rows.');
  await expect(users.role()).toHaveText('moderator');
  await expect(ada.getByRole('table', { name: /Audit events about alice/ })).toContainText(
    'Trusted reviewer of Istio rows.',
  );

  // Her open session sees the new role on its next request, and so does a fresh sign-in.
  expect((await alice.goto('/review'))?.status()).toBe(200);
  const aliceAgain = await pageAs('alice');
  expect((await aliceAgain.goto('/review'))?.status()).toBe(200);
  await expect(aliceAgain.getByRole('heading', { level: 1 })).toHaveText('Review queue');

  await ada.getByRole('link', { name: 'Full audit trail of alice' }).click();
  await expect(ada.getByRole('table')).toContainText('user.role');
  await expect(ada.getByRole('table')).toContainText('Trusted reviewer of Istio rows.');

  // Other specs expect alice to be a contributor.
  await users.openUser(ALICE_EMAIL, 'alice');
  await users.changeRole('alice', 'contributor', 'Review trial over.');
  expect((await alice.goto('/review'))?.status()).toBe(403);
});

test('ada bans the OIDC user, who can then read but not propose; the ban reason shows as text; then lifts it', async ({
  pageAs,
}) => {
  const olivia = await pageAs('anonymous');
  await new SignInPage(olivia).signInWithOidc('/meshes');
  const ada = await pageAs('ada');
  const users = new AdminUsersPage(ada);
  await users.openUser(oidcUser.email, oidcUser.name);

  const hostile = '<script>window.__pwned = 1</script><b>spam</b> proposals';
  await users.banButton(oidcUser.name).click();
  await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
  await users.ban(oidcUser.name, hostile);
  await expect(users.status()).toHaveText(`banned: ${hostile}`);
  expect(await ada.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await users.goto(oidcUser.email);
  await expect(users.row(oidcUser.email)).toContainText(`banned: ${hostile}`);

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
  await users.openUser(oidcUser.email, oidcUser.name);
  await users.liftBan(oidcUser.name, 'Appeal accepted.');
  await expect(users.status()).toHaveText('active');
});

test('the only admin cannot demote themselves', async ({ pageAs }) => {
  const ada = await pageAs('ada');
  const users = new AdminUsersPage(ada);
  await users.openUser('ada@demo.mesh-matrix.invalid', 'ada');
  await users.submitRoleChange('ada', 'moderator', 'Stepping down.');
  await expect(users.notice('ada is the only admin who is not banned')).toBeVisible();
  await ada.reload();
  await expect(users.role()).toHaveText('admin');
});

test('without JavaScript: search, a field error, a ban and its lifting all work', async ({ pageAs }) => {
  const ada = await pageAs('ada', { javaScriptEnabled: false });
  const users = new AdminUsersPage(ada);
  await users.openUser(ALICE_EMAIL, 'alice');
  await users.banButton('alice').click();
  await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
  await users.ban('alice', 'Testing bans without scripts.');
  await expect(users.status()).toHaveText('banned: Testing bans without scripts.');
  await users.liftBan('alice', 'Test over.');
  await expect(users.status()).toHaveText('active');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the people pages in ${colorScheme} mode`, async ({ pageAs }) => {
    const colorContrastOnly = colorScheme === 'dark';
    const ada = await pageAs('ada', { colorScheme });
    const users = new AdminUsersPage(ada);
    await users.goto();
    await expect(ada.getByRole('table')).toBeVisible();
    await expectNoAxeViolations(ada, { colorContrastOnly });
    await users.openUser(ALICE_EMAIL, 'alice');
    await users.banButton('alice').click();
    await expect(ada.locator('#ban-reason-error')).toHaveText('reason is required: say why');
    await expectNoAxeViolations(ada, { colorContrastOnly });
  });
}
