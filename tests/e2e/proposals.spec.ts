import { baseURL } from './env';
import { SignInPage } from './pages/sign-in-page';
import { expect, expectNoAxeViolations, test } from './fixtures';

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

test('propose a change with two sources, see it pending, withdraw it', async ({
  page,
  signInPage,
  proposePage,
  myProposals,
}) => {
  await signInPage.signInOverHttp('alice');
  await proposePage.openFrom(cell);
  await expect(proposePage.heading()).toHaveText('Propose a change: Rate limiting in Kuma 2.0');

  await proposePage.fill({
    support: 'yes: supported',
    note: 'via the RateLimit policy',
    sources: [
      { url: 'https://kuma.io/docs/latest/policies/rate-limit/', title: 'Kuma docs: Rate Limit' },
      { url: 'https://github.com/kumahq/kuma/releases' },
    ],
    rationale: 'Kuma ships a RateLimit policy; the docs describe it.',
    affiliated: true,
  });
  await proposePage.submit();

  await expect(page).toHaveURL(/\/proposals\?submitted=\d+/);
  await expect(myProposals.notice()).toContainText('submitted');
  const item = myProposals.item('Rate limiting in Kuma 2.0');
  await expect(item).toContainText('pending');
  await expect(item.getByRole('link', { name: 'Kuma docs: Rate Limit' })).toHaveAttribute(
    'href',
    'https://kuma.io/docs/latest/policies/rate-limit/',
  );

  await page.goto(cell);
  const pending = page.locator('#pending');
  await expect(pending).toContainText('by alice');
  await expect(pending).toContainText('works for or with the vendor');
  await expect(pending.getByRole('link', { name: 'Kuma docs: Rate Limit' })).toBeVisible();
  await expect(pending.getByRole('link', { name: 'https://github.com/kumahq/kuma/releases' })).toBeVisible();

  await page.goto('/');
  await expect(page.getByRole('link', { name: /^1 pending proposal for Rate limiting in Kuma 2\.0/ })).toBeVisible();

  await myProposals.goto();
  await myProposals.withdraw('Rate limiting in Kuma 2.0');
  await expect(myProposals.notice()).toContainText('withdrawn');
  await expect(myProposals.item('Rate limiting in Kuma 2.0')).toContainText('withdrawn');
  await page.goto(cell);
  await expect(page.locator('#pending')).toContainText('No changes are waiting for review.');
});

test('a bad URL shows its field error, keeps what was typed and saves nothing', async ({
  page,
  signInPage,
  proposePage,
}) => {
  await signInPage.signInOverHttp('alice');
  const before = await myProposalCount(page);
  await proposePage.goto(cell);
  await proposePage.fill({
    support: 'no: not supported',
    sources: [{ url: 'javascript:alert(1)' }],
    rationale: 'Typed text that must survive the error.',
  });
  await proposePage.submit();

  const url = proposePage.sourceUrl(1);
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(proposePage.fieldError('source-0-url')).toHaveText('sources.0.url must start with http:// or https://');
  await expect(url).toHaveValue('javascript:alert(1)');
  await expect(proposePage.rationale()).toHaveValue('Typed text that must survive the error.');
  await expect(page.getByLabel('no: not supported')).toBeChecked();
  expect(await myProposalCount(page)).toBe(before);
});

test('the API refuses cross-site and non-JSON writes, and answers 401 signed out', async ({ page, request }) => {
  const payload = {
    mesh: 'kuma',
    version: '2.0',
    feature: 'rate-limiting',
    support: 'yes',
    sources: [{ url: 'https://kuma.io' }],
    rationale: 'x',
  };
  expect((await request.post('/api/v1/proposals', { data: payload, headers: { Origin: baseURL } })).status()).toBe(401);
  await new SignInPage(page).signInOverHttp('alice');
  const crossSite = await page.request.post('/api/v1/proposals', {
    data: payload,
    headers: { Origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  const form = await page.request.post('/api/v1/proposals', { form: { mesh: 'kuma' }, headers: { Origin: baseURL } });
  expect(form.status()).toBe(415);
  const sameOrigin = await page.request.post('/api/v1/proposals', {
    data: { ...payload, support: 'maybe' },
    headers: { Origin: baseURL },
  });
  expect(sameOrigin.status()).toBe(400);
  expect((await sameOrigin.json()).fieldErrors.support[0]).toMatch(/^support /);
});

test('axe finds no violations on the propose form and on /proposals', async ({
  page,
  signInPage,
  proposePage,
  myProposals,
}) => {
  await signInPage.signInOverHttp('alice');
  await proposePage.goto(cell);
  await expectNoAxeViolations(page);
  await proposePage.submit();
  await expect(page.getByRole('status').first()).toContainText('Some fields need attention');
  await expectNoAxeViolations(page);
  await myProposals.goto();
  await expectNoAxeViolations(page);
});
