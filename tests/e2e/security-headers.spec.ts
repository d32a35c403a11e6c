import { expect, test } from '@playwright/test';

for (const path of ['/', '/meshes/istio', '/api/v1/matrix', '/signin', '/nosuchpage']) {
  test(`security headers on ${path}`, async ({ request }) => {
    const headers = (await request.get(path)).headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
  });
}

test('HSTS is sent when TLS ends in front of the server', async ({ request }) => {
  const headers = (await request.get('/', { headers: { 'X-Forwarded-Proto': 'https' } })).headers();
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
});

test('pages work under the content security policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/signin');
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Sign in with the demo account' }).click();
  await expect(page.getByRole('banner')).toContainText('Signed in as alice');
  expect(violations).toEqual([]);
});
