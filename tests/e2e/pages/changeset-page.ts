import type { Locator, Page } from '@playwright/test';

/** The release form (/changesets/new), its revision, and a changeset's own page. */
export class ChangesetPage {
  constructor(readonly page: Page) {}

  /** The reader's way in: a release page's link, or a mesh page's "Propose a new release". */
  async openFromRelease(releasePath: string, link: 'Propose changes to this release' | 'Propose a new release') {
    await this.page.goto(releasePath);
    await this.page.getByRole('link', { name: link }).click();
  }

  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly status = () => this.page.getByTestId('changeset-status');
  readonly notice = () => this.page.getByRole('status').filter({ hasText: /\S/ }).first();

  readonly title = () => this.page.getByLabel(/^Title \(an edit summary/);

  async fillShared(fields: { title: string; source: string; rationale: string }) {
    await this.title().fill(fields.title);
    await this.page.getByLabel('Source 1 URL').fill(fields.source);
    await this.page.getByLabel(/^Rationale/).fill(fields.rationale);
  }

  async setSupport(row: string, support: 'yes' | 'partial' | 'no' | 'unknown' | '') {
    await this.page.getByLabel(`${row}: support`, { exact: true }).selectOption(support);
  }

  async submit(label = 'Send the changeset for review') {
    await this.page.getByRole('button', { name: label }).click();
  }

  /** A cell's row on the changeset page, by the row's name. */
  cellRow(row: string): Locator {
    return this.page.getByTestId('changeset-cell').filter({ has: this.page.getByRole('rowheader', { name: row }) });
  }

  async choose(row: string, decision: 'approve' | 'reject' | 'leave pending') {
    await this.cellRow(row).getByRole('radio', { name: decision, exact: true }).check();
  }

  async applyDecisions(id: number, fields: { reason?: string } = {}) {
    if (fields.reason) await this.page.getByLabel(/Reason for the cells you reject/).fill(fields.reason);
    await this.page.getByRole('button', { name: `Apply these decisions to changeset ${id}` }).click();
  }

  async requestChanges(id: number, comment: string) {
    await this.page.getByLabel(/Or ask the author for changes/).fill(comment);
    await this.page.getByRole('button', { name: `Ask for changes to changeset ${id}` }).click();
  }

  /** The changeset id of the page the browser is on, once a submission has landed there. */
  async idFromUrl(): Promise<number> {
    await this.page.waitForURL(/\/changesets\/\d+(\?|$)/);
    const match = /\/changesets\/(\d+)/.exec(this.page.url());
    if (!match) throw new Error(`not a changeset page: ${this.page.url()}`);
    return Number(match[1]);
  }
}
