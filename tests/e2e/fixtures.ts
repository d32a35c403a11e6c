import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export class MatrixPage {
  constructor(readonly page: Page) {}
  readonly table = () => this.page.getByRole('region', { name: /Service mesh comparison/ }).getByRole('table');
  async goto(path = '/') {
    await this.page.goto(path);
  }
  columnHeader(name: string): Locator {
    return this.table().getByRole('columnheader').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
  cellLink(feature: string, mesh: string): Locator {
    return this.table().getByRole('link', { name: new RegExp(`^${feature} in ${mesh} [^:]+: `) });
  }
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

export const test = base.extend<{ matrix: MatrixPage; meshPage: MeshPage }>({
  matrix: async ({ page }, use) => use(new MatrixPage(page)),
  meshPage: async ({ page }, use) => use(new MeshPage(page)),
});

export { expect };
