import type { Page } from '@playwright/test';

export interface ImportFields {
  table: string;
  source: string;
  date: string;
  title?: string;
}

/** /admin/import: paste a table, dry-run it, import it. */
export class AdminImportPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto('/admin/import');
  }

  readonly notice = (text: string | RegExp) => this.page.getByRole('status').filter({ hasText: text });
  readonly namesToSettle = () => this.page.getByRole('region', { name: 'Names to settle' });

  async fill(fields: ImportFields) {
    await this.page.getByLabel('Or paste the table').fill(fields.table);
    await this.page.getByLabel('Source URL').fill(fields.source);
    await this.page.getByLabel('Date of the table').fill(fields.date);
    if (fields.title !== undefined) await this.page.getByLabel('Source title (optional)').fill(fields.title);
  }

  async dryRun() {
    await this.page.getByRole('button', { name: 'Dry run', exact: true }).click();
  }
}
