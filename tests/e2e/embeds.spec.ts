/**
 * Embeds and badges as another site uses them: framed and linked from a page on another origin (a tiny node:http
 * server of this spec, on `localhost` while the site is on 127.0.0.1), in light and dark.
 */
import http from 'node:http';
import type { Frame, Page } from '@playwright/test';
import { supportPalette, type PaletteKey } from '../../lib/rules/support-palette';
import { baseURL, e2eEnv } from './env';
import { expect, expectNoAxeViolations, test } from './fixtures';

const framePort = Number(e2eEnv.E2E_PORT) + 7;
const otherOrigin = `http://localhost:${framePort}`;

/** The other site's pages. */
const pages: Record<string, string> = {
  '/embed': `<iframe title="Istio on Mesh Matrix" src="${baseURL}/embed/meshes/istio" width="360" height="400"></iframe><iframe title="The matrix itself" src="${baseURL}/" width="360" height="400"></iframe>`,
  '/badges': `<a href="${baseURL}/meshes/istio"><img id="badge" src="${baseURL}/badge/istio/mtls.svg" alt="Istio mTLS support"></a>`,
};

let otherSite: http.Server;

test.beforeAll(async () => {
  otherSite = http.createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(body ? `<!doctype html><html lang="en"><title>Another site</title><body>${body}</body></html>` : '');
  });
  await new Promise<void>((resolve) => otherSite.listen(framePort, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => otherSite.close(resolve));
});

/** The frame of the page showing `path`; the page's load event has waited for every frame to finish. */
function frameOf(page: Page, path: string): Frame {
  const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().includes(path));
  if (frame) return frame;
  throw new Error(
    `no frame of ${path} among ${page
      .frames()
      .map((f) => f.url())
      .join(', ')}`,
  );
}

interface Cell {
  support: PaletteKey | null;
}

/** Istio's newest values by row, from the JSON API. */
async function istioValues(page: Page): Promise<{ version: string; cells: Record<string, Cell> }> {
  const matrix = await (await page.request.get('/api/v1/matrix?meshes=istio')).json();
  return { version: matrix.meshes[0].version.label, cells: matrix.cells.istio };
}

function rgbOf(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test('an embed shows inside a frame on another site, while the site itself refuses to be framed', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/frame/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(`${otherOrigin}/embed`);
  const embed = page.frameLocator('iframe[title="Istio on Mesh Matrix"]');
  await expect(embed.getByRole('heading', { level: 1 })).toHaveText('Istio: service mesh features');
  await expect(embed.getByRole('table')).toContainText('mTLS');
  expect(new URL(frameOf(page, '/embed/meshes/istio').url()).origin).toBe(baseURL);

  // Chromium replaces a frame whose page forbids it with its own error page: none of the matrix is in it.
  const matrixFrame = page.frames().find((f) => f !== page.mainFrame() && !f.url().includes('/embed/'))!;
  expect(matrixFrame.url()).not.toBe(`${baseURL}/`);
  await expect(page.frameLocator('iframe[title="The matrix itself"]').getByRole('table')).toHaveCount(0);
  expect(refused.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
});

test('only the embeds may be framed: their headers allow any ancestor, every other answer refuses', async ({
  request,
}) => {
  for (const path of ['/embed/meshes/istio', '/embed/compare?meshes=istio,linkerd', '/embed/meshes/nosuchmesh']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain('frame-ancestors *');
    expect(headers['content-security-policy'], path).not.toContain('script-src');
    expect(headers['x-frame-options'], path).toBeUndefined();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
  }
  for (const path of [
    '/',
    '/meshes/istio',
    '/compare?meshes=istio,linkerd',
    '/badge/istio/mtls.svg',
    '/api/v1/matrix',
    '/embed',
  ]) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], path).toBe('DENY');
  }
});

test('an embed’s values link to their cell pages, opened outside the frame', async ({ page, context }) => {
  const { version, cells } = await istioValues(page);
  expect(cells.mtls).toBeDefined();
  await page.goto(`${otherOrigin}/embed`);
  const embed = page.frameLocator('iframe[title="Istio on Mesh Matrix"]');
  const row = embed.getByRole('row', { name: /^mTLS/ });
  const value = row.getByRole('link').first();
  await expect(value).toHaveAttribute('href', `/meshes/istio/${version}/mtls`);
  await expect(value).toHaveAttribute('target', '_blank');
  await expect(value).toHaveAttribute('rel', 'noopener');
  const opened = context.waitForEvent('page');
  await value.click();
  const cellPage = await opened;
  await cellPage.waitForLoadState();
  expect(cellPage.url()).toBe(`${baseURL}/meshes/istio/${version}/mtls`);
  await expect(cellPage.getByRole('heading', { level: 1 })).toContainText('mTLS');
});

test('embeds are cached with an ETag and answer 304 when unchanged', async ({ request }) => {
  for (const path of ['/embed/meshes/istio', '/embed/compare?meshes=istio,linkerd', '/badge/istio/mtls.svg']) {
    const first = await request.get(path);
    expect(first.status(), path).toBe(200);
    const etag = first.headers().etag;
    expect(etag, path).toBeTruthy();
    expect(first.headers()['last-modified'], path).toBeTruthy();
    const again = await request.get(path, { headers: { 'If-None-Match': etag! } });
    expect(again.status(), path).toBe(304);
  }
});

test('a former mesh slug redirects embeds and badges to the current one', async ({ request }) => {
  for (const [from, to] of [
    ['/embed/meshes/maesh', '/embed/meshes/traefik-mesh'],
    ['/badge/maesh/mtls.svg', '/badge/traefik-mesh/mtls.svg'],
  ]) {
    const response = await request.get(from!, { maxRedirects: 0 });
    expect(response.status(), from).toBe(308);
    expect(response.headers().location, from).toBe(to);
  }
});

test('a badge is an SVG in the value’s colours, light and dark, linking to its cell', async ({ page }) => {
  const { version, cells } = await istioValues(page);
  const mtls = cells.mtls!.support!;
  // A second row with another support level shows that the colour follows the value.
  const [otherRow, other] = Object.entries(cells).find(([, cell]) => cell.support && cell.support !== mtls)!;
  const response = await page.request.get('/badge/istio/mtls.svg');
  expect(response.headers()['content-type']).toBe('image/svg+xml');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [row, support] of [
      ['mtls', mtls],
      [otherRow, other.support!],
    ] as const) {
      await page.goto(`/badge/istio/${row}.svg`);
      const fill = await page.locator('rect.v').evaluate((rect) => getComputedStyle(rect).fill);
      expect(fill, `${row} (${support}) in ${scheme}`).toBe(rgbOf(supportPalette[scheme][support].background));
      const text = await page.locator('text.vt').evaluate((t) => getComputedStyle(t).fill);
      expect(text, `${row} text in ${scheme}`).toBe(rgbOf(supportPalette[scheme][support].text));
    }
  }
  await page.goto('/badge/istio/mtls.svg');
  await expect(page.locator('title')).toHaveText(`Istio · mTLS · ${mtls}`);
  await expect(page.locator('svg > a')).toHaveAttribute('href', `/meshes/istio/${version}/mtls`);
  await page.locator('rect.v').click();
  await expect(page).toHaveURL(`${baseURL}/meshes/istio/${version}/mtls`);
});

test('a badge shows as an image on another site', async ({ page }) => {
  await page.goto(`${otherOrigin}/badges`);
  const image = page.locator('#badge');
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 40)).toBe(true);
});

test('an unknown mesh is a plain 404 page in the frame, showing what was asked as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const response = await page.goto(`/embed/meshes/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nothing to embed here');
  await expect(page.getByRole('alert')).toContainText('No mesh called "<img src=x onerror=alert(1)>"');
  expect(await page.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('an embed stays readable 320 px wide', async ({ pageAs }) => {
  const page = await pageAs('anonymous', { viewport: { width: 320, height: 640 } });
  await page.goto('/embed/meshes/istio');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.goto('/embed/compare?meshes=istio,linkerd,cilium');
  // Wider comparisons scroll inside their own region, not the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expect(page.getByRole('region')).toBeVisible();
});

for (const path of ['/embed/meshes/istio', '/embed/compare?meshes=istio,linkerd,cilium', '/embed/meshes/nosuchmesh']) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoAxeViolations(page);
  });

  test(`axe finds no colour-contrast violations on ${path} in dark mode`, async ({ pageAs }) => {
    const page = await pageAs('anonymous', { colorScheme: 'dark' });
    await page.goto(path);
    await expectNoAxeViolations(page, { colorContrastOnly: true });
  });
}
