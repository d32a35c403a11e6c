import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';

export class MatrixPage {
  constructor(readonly page: Page) {}
  readonly table = () => this.page.getByRole('region', { name: /Service mesh comparison/ }).getByRole('table');
  async goto(path = '/') {
    await this.page.goto(path);
  }
  columnHeader(name: string): Locator {
    return this.table().getByRole('columnheader').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
  /** A cell's value link, found through the table's own headers: the row named `feature`, the column named `mesh`. */
  cellLink(feature: string, mesh: string): Locator {
    const meshSlug = mesh.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const rowHeader = this.page.getByRole('rowheader').filter({ has: this.page.locator('summary').getByText(feature, { exact: true }) });
    const row = this.table().getByRole('row').filter({ has: rowHeader });
    return row.locator(`a.v[href^="/meshes/${meshSlug}/"]`);
  }
}

/**
 * A cell of the matrix or of a release table, by release and row. Cells take
 * their names from the table headers, so tests find them by the history link
 * every cell has.
 */
export function cellOf(page: Page, mesh: string, version: string, feature: string) {
  const href = `/meshes/${mesh}/${encodeURIComponent(version)}/${feature}`;
  const value = page.locator(`a.v[href="${href}"]`);
  return { value, cell: page.locator('td').filter({ has: value }) };
}

/** A numbered source link of a cell. */
export function sourceLinkOf(page: Page, mesh: string, version: string, feature: string, n: number): Locator {
  return cellOf(page, mesh, version, feature).cell.getByRole('link', { name: new RegExp(`^Source ${n}: `) });
}

export class MeshPage {
  constructor(readonly page: Page) {}
  async goto(slug: string) {
    await this.page.goto(`/meshes/${slug}`);
  }
  heading = () => this.page.getByRole('heading', { level: 1 });
  async switchRelease(label: string) {
    await this.page.getByLabel('Show release').selectOption(label);
    await this.page.getByRole('button', { name: 'Show' }).click();
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
  expect(summary).toEqual([]);
}

/** Signs in over HTTP the standard next-auth way (CSRF token, then the credentials callback); cookies land in the page's context. */
export async function signInAs(page: Page, username: 'alice' | 'mo' | 'ada') {
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const response = await page.request.post('/api/auth/callback/demo', { form: { csrfToken, username, json: 'true' } });
  expect(response.ok()).toBe(true);
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.user?.name).toBe(username);
}

/** A JSON write the way the site's own pages would send it: same origin, JSON body. */
export async function postJson(request: APIRequestContext, path: string, data: unknown, origin = baseURL) {
  return request.post(path, { data, headers: { Origin: origin, 'Content-Type': 'application/json' } });
}

/** Proposes a new value over HTTP as whoever the request context is signed in as. */
export async function proposeOverApi(request: APIRequestContext, cell: { mesh: string; version: string; feature: string }, change: Record<string, unknown>) {
  const matrix = await (await request.get(`/api/v1/matrix?versions=${cell.mesh}@${cell.version}&meshes=${cell.mesh}`)).json();
  const baseRevisionId = matrix.cells[cell.mesh]?.[cell.feature]?.revisionId ?? null;
  const response = await postJson(request, '/api/v1/proposals', { ...cell, baseRevisionId, rationale: 'See the linked source.', ...change });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id as number;
}

export const test = base.extend<{ matrix: MatrixPage; meshPage: MeshPage }>({
  matrix: async ({ page }, use) => use(new MatrixPage(page)),
  meshPage: async ({ page }, use) => use(new MeshPage(page)),
});

export { expect };
