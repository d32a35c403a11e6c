import type { Locator, Page } from '@playwright/test';

/** The moderators' queue, /review. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async goto(mesh?: string) {
    return this.page.goto(mesh === undefined ? '/review' : `/review?mesh=${mesh}`);
  }

  /** The first notice on the page: what the last decision did. */
  readonly notice = () => this.page.getByRole('status').first();

  /** A proposal's entry in the queue, by its id. */
  entry(id: number): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: new RegExp(`^Proposal ${id}:`) }) });
  }

  approveButton(id: number): Locator {
    return this.entry(id).getByRole('button', { name: `Approve proposal ${id}` });
  }

  async approve(id: number, options: { comment?: string; overConflict?: boolean } = {}) {
    const entry = this.entry(id);
    if (options.comment !== undefined) await entry.getByLabel('Comment (optional)').fill(options.comment);
    if (options.overConflict) await entry.getByLabel('Approve over the newer value').check();
    await this.approveButton(id).click();
  }

  async reject(id: number, reason: { preset: string; details?: string }) {
    const entry = this.entry(id);
    await entry.getByLabel('Reason').selectOption(reason.preset);
    if (reason.details !== undefined) await entry.getByLabel('Details for the author').fill(reason.details);
    await entry.getByRole('button', { name: `Reject proposal ${id}` }).click();
  }
}

/** A cell's compare page, /meshes/<mesh>/<release>/<row>/diff, where a moderator reverts. */
export class CompareRevisionsPage {
  constructor(readonly page: Page) {}

  /** From the cell page, the way a moderator gets there. */
  async openFrom(cell: string) {
    await this.page.goto(cell);
    await this.page.getByRole('link', { name: 'Compare any two revisions' }).click();
  }

  readonly comparison = () => this.page.getByRole('heading', { level: 2, name: /^From revision \d+ to revision \d+$/ });

  async revert(reason: string) {
    await this.page.getByLabel('Reason (required)').fill(reason);
    await this.page.getByRole('button', { name: /^Revert to revision/ }).click();
  }
}
