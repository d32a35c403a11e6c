import type { Locator, Page } from '@playwright/test';

/** /admin/structure and its category, row and mesh pages. */
export class AdminStructurePage {
  constructor(readonly page: Page) {}

  async goto(subpage = '') {
    return this.page.goto(`/admin/structure${subpage}`);
  }

  /** The way an admin gets there from any page: the header's Admin link, then the section navigation. */
  async openFromHeader() {
    await this.page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).click();
    await this.page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Structure', exact: true })
      .click();
  }

  readonly notice = (text: string | RegExp) => this.page.getByRole('status').filter({ hasText: text });
  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly addRowForm = () => this.page.getByRole('region', { name: 'Add a row' });
  readonly meshesForm = () => this.page.getByRole('region', { name: 'Meshes' });

  async fillAddRow(fields: { category: string; name: string; definition: string; referenceUrl?: string }) {
    const form = this.addRowForm();
    await form.getByLabel('Category').selectOption({ label: fields.category });
    await form.getByLabel('Name').fill(fields.name);
    await form.getByLabel('Definition').fill(fields.definition);
    if (fields.referenceUrl !== undefined) await form.getByLabel('Reference link (optional)').fill(fields.referenceUrl);
  }

  async addMesh(name: string, firstRelease: string) {
    const form = this.meshesForm();
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('First release').fill(firstRelease);
    await form.getByRole('button', { name: 'Add mesh' }).click();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}
