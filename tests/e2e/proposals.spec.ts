import { baseURL } from './env';
import { expect, expectNoAxeViolations, signInAs, test } from './fixtures';

const cell = '/meshes/kuma/2.0/rate-limiting';

async function myProposalCount(page: import('@playwright/test').Page) {
  const body = await (await page.request.get('/api/v1/proposals?mine=1')).json();
  return body.proposals.length as number;
}

test('a signed-out visitor sees "Sign in to propose a change"', async ({ page }) => {
  await page.goto(cell);
  const link = page.getByRole('link', { name: 'Sign in to propose a change' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test('propose a change with two sources, see it pending, withdraw it', async ({ page }) => {
  await signInAs(page, 'alice');
  await page.goto(cell);
  await page.getByRole('link', { name: 'Propose a change' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Propose a change: Rate limiting in Kuma 2.0');

  await page.getByLabel('yes: supported').check();
  await page.getByLabel('Qualifier note').fill('via the RateLimit policy');
  await page.getByLabel('Source 1 URL').fill('https://kuma.io/docs/latest/policies/rate-limit/');
  await page.getByLabel('Source 1 title').fill('Kuma docs: Rate Limit');
  await page.getByLabel('Source 2 URL').fill('https://github.com/kumahq/kuma/releases');
  await page.getByLabel('Rationale').fill('Kuma ships a RateLimit policy; the docs describe it.');
  await page.getByLabel('I work for or with this vendor').check();
  await page.getByRole('button', { name: 'Submit proposal' }).click();

  await expect(page).toHaveURL(/\/proposals\?submitted=\d+/);
  await expect(page.getByRole('status')).toContainText('submitted');
  const item = page.getByRole('listitem').filter({ hasText: 'Rate limiting in Kuma 2.0' }).first();
  await expect(item).toContainText('pending');
  await expect(item.getByRole('link', { name: 'Kuma docs: Rate Limit' })).toHaveAttribute('href', 'https://kuma.io/docs/latest/policies/rate-limit/');

  await page.goto(cell);
  const pending = page.locator('#pending');
  await expect(pending).toContainText('by alice');
  await expect(pending).toContainText('works for or with the vendor');
  await expect(pending.getByRole('link', { name: 'Kuma docs: Rate Limit' })).toBeVisible();
  await expect(pending.getByRole('link', { name: 'https://github.com/kumahq/kuma/releases' })).toBeVisible();

  await page.goto('/');
  await expect(page.getByRole('link', { name: /^1 pending proposal for Rate limiting in Kuma 2\.0/ })).toBeVisible();

  await page.goto('/proposals');
  await page.getByRole('listitem').filter({ hasText: 'Rate limiting in Kuma 2.0' }).first().getByRole('button', { name: /^Withdraw proposal/ }).click();
  await expect(page.getByRole('status')).toContainText('withdrawn');
  await expect(page.getByRole('listitem').filter({ hasText: 'Rate limiting in Kuma 2.0' }).first()).toContainText('withdrawn');
  await page.goto(cell);
  await expect(page.locator('#pending')).toContainText('No changes are waiting for review.');
});

test('a bad URL shows its field error, keeps what was typed and saves nothing', async ({ page }) => {
  await signInAs(page, 'alice');
  const before = await myProposalCount(page);
  await page.goto(`${cell}/propose`);
  await page.getByLabel('no: not supported').check();
  await page.getByLabel('Source 1 URL').fill('javascript:alert(1)');
  await page.getByLabel('Rationale').fill('Typed text that must survive the error.');
  await page.getByRole('button', { name: 'Submit proposal' }).click();

  const url = page.getByLabel('Source 1 URL');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#source-0-url-error')).toHaveText('sources.0.url must start with http:// or https://');
  await expect(url).toHaveValue('javascript:alert(1)');
  await expect(page.getByLabel('Rationale')).toHaveValue('Typed text that must survive the error.');
  await expect(page.getByLabel('no: not supported')).toBeChecked();
  expect(await myProposalCount(page)).toBe(before);
});

test('the API refuses cross-site and non-JSON writes, and answers 401 signed out', async ({ page, request }) => {
  const payload = { mesh: 'kuma', version: '2.0', feature: 'rate-limiting', support: 'yes', sources: [{ url: 'https://kuma.io' }], rationale: 'x' };
  expect((await request.post('/api/v1/proposals', { data: payload, headers: { Origin: baseURL } })).status()).toBe(401);
  await signInAs(page, 'alice');
  const crossSite = await page.request.post('/api/v1/proposals', { data: payload, headers: { Origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  const form = await page.request.post('/api/v1/proposals', { form: { mesh: 'kuma' }, headers: { Origin: baseURL } });
  expect(form.status()).toBe(415);
  const sameOrigin = await page.request.post('/api/v1/proposals', { data: { ...payload, support: 'maybe' }, headers: { Origin: baseURL } });
  expect(sameOrigin.status()).toBe(400);
  expect((await sameOrigin.json()).fieldErrors.support[0]).toMatch(/^support /);
});

test('axe finds no violations on the propose form and on /proposals', async ({ page }) => {
  await signInAs(page, 'alice');
  await page.goto(`${cell}/propose`);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Submit proposal' }).click();
  await expect(page.getByRole('status').first()).toContainText('Some fields need attention');
  await expectNoAxeViolations(page);
  await page.goto('/proposals');
  await expectNoAxeViolations(page);
});
