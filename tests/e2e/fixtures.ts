import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import { baseURL } from './env';
import { AdminImportPage } from './pages/admin-import-page';
import { AdminStructurePage } from './pages/admin-structure-page';
import { AdminUsersPage } from './pages/admin-users-page';
import { MyProposalsPage, ProposePage } from './pages/propose-page';
import { ReviewPage } from './pages/review-page';
import { SignInPage, type DemoUser } from './pages/sign-in-page';

export class MatrixPage {
  constructor(readonly page: Page) {}
  readonly table = () => this.page.getByRole('region', { name: /Service mesh comparison/ }).getByRole('table');
  async goto(path = '/') {
    await this.page.goto(path);
  }
  columnHeader(name: string): Locator {
    return this.table()
      .getByRole('columnheader')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
  /** A cell's value link, found through the table's own headers: the row named `feature`, the column named `mesh`. */
  cellLink(feature: string, mesh: string): Locator {
    const meshSlug = mesh.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const rowHeader = this.page
      .getByRole('rowheader')
      .filter({ has: this.page.locator('summary').getByText(feature, { exact: true }) });
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

/**
 * A source of a matrix cell, by its place in the cell: the cell's `[n]` links to a numbered note under the table,
 * where the source's own link is.
 */
export async function sourceLinkOf(
  page: Page,
  mesh: string,
  version: string,
  feature: string,
  n: number,
): Promise<Locator> {
  const ref = cellOf(page, mesh, version, feature)
    .cell.locator('a.s')
    .nth(n - 1);
  const note = await ref.getAttribute('href');
  expect(note).toMatch(/^#src-\d+$/);
  return page.locator(`li${note} a`);
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

/**
 * The full axe rule set, or with `colorContrastOnly` just colour contrast: a
 * dark-mode pass re-checks the same markup, and only its colours differ from
 * the light pass that ran the full set.
 */
export async function expectNoAxeViolations(page: Page, options: { colorContrastOnly?: boolean } = {}) {
  // After a client-side navigation Next streams the new page's metadata after its body, so the <title> can still be
  // on its way when the body is already visible; every page must have one, so wait for it rather than race it.
  await expect(page).toHaveTitle(/\S/);
  // Only violations are asserted, so axe need not build a selector for each of the matrix's thousands of passing
  // nodes: every rule still runs on every node.
  // Legacy mode runs axe in the page itself. The default opens a blank page for each analysis to merge the frames'
  // results, and in two CI runs (the same changeset test both times) that page hung while axe's source loaded, until
  // the test timed out. The pages checked here have no frames of their own, so nothing goes unchecked.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode();
  if (options.colorContrastOnly) builder.withRules(['color-contrast']);
  else builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`,
  );
  expect(summary).toEqual([]);
}

/** Signs in over HTTP the standard next-auth way (CSRF token, then the credentials callback); cookies land in the page's context. */
export async function signInAs(page: Page, username: DemoUser) {
  await new SignInPage(page).signInOverHttp(username);
}

/** The server the running test talks to: its project's (the second server's specs) or the suite's. */
function currentBaseURL(): string {
  return base.info().project.use.baseURL ?? baseURL;
}

/** A JSON write the way the site's own pages would send it: same origin, JSON body. */
export async function postJson(request: APIRequestContext, path: string, data: unknown, origin = currentBaseURL()) {
  return request.post(path, { data, headers: { Origin: origin, 'Content-Type': 'application/json' } });
}

/** Proposes a new value over HTTP as whoever the request context is signed in as. */
export async function proposeOverApi(
  request: APIRequestContext,
  cell: { mesh: string; version: string; feature: string },
  change: Record<string, unknown>,
) {
  const matrix = await (
    await request.get(`/api/v1/matrix?versions=${cell.mesh}@${cell.version}&meshes=${cell.mesh}`)
  ).json();
  const baseRevisionId = matrix.cells[cell.mesh]?.[cell.feature]?.revisionId ?? null;
  const response = await postJson(request, '/api/v1/proposals', {
    ...cell,
    baseRevisionId,
    rationale: 'See the linked source.',
    ...change,
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id as number;
}

interface Fixtures {
  matrix: MatrixPage;
  meshPage: MeshPage;
  signInPage: SignInPage;
  proposePage: ProposePage;
  myProposals: MyProposalsPage;
  reviewPage: ReviewPage;
  adminUsers: AdminUsersPage;
  adminStructure: AdminStructurePage;
  adminImport: AdminImportPage;
  /**
   * A page in a browser context of its own, signed in as `who` (or nobody):
   * specs that play several people at once each get their own cookies.
   * Contexts close when the test ends.
   */
  pageAs: (who: DemoUser | 'anonymous', options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  matrix: async ({ page }, use) => use(new MatrixPage(page)),
  meshPage: async ({ page }, use) => use(new MeshPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  proposePage: async ({ page }, use) => use(new ProposePage(page)),
  myProposals: async ({ page }, use) => use(new MyProposalsPage(page)),
  reviewPage: async ({ page }, use) => use(new ReviewPage(page)),
  adminUsers: async ({ page }, use) => use(new AdminUsersPage(page)),
  adminStructure: async ({ page }, use) => use(new AdminStructurePage(page)),
  adminImport: async ({ page }, use) => use(new AdminImportPage(page)),
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (who, options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      if (who !== 'anonymous') await signInAs(page, who);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
