import type { Locator, Page } from '@playwright/test';

/** What a proposal form can be filled with; `support` is the radio button's label, e.g. 'yes: supported'. */
export interface ProposalFields {
  support?: string;
  note?: string;
  sources?: { url: string; title?: string }[];
  rationale?: string;
  affiliated?: boolean;
}

/** A cell's propose form, /meshes/<mesh>/<release>/<row>/propose. */
export class ProposePage {
  constructor(readonly page: Page) {}

  /** `cell` is the cell's own path, /meshes/<mesh>/<release>/<row>. */
  async goto(cell: string) {
    await this.page.goto(`${cell}/propose`);
  }

  /** The way a reader gets there: the cell page's link. */
  async openFrom(cell: string) {
    await this.page.goto(cell);
    await this.page.getByRole('link', { name: 'Propose a change' }).click();
  }

  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly submitButton = () => this.page.getByRole('button', { name: 'Submit proposal' });
  readonly sourceUrl = (n: number) => this.page.getByLabel(`Source ${n} URL`);
  readonly rationale = () => this.page.getByLabel('Rationale');

  async fill(fields: ProposalFields) {
    if (fields.support !== undefined) await this.page.getByLabel(fields.support).check();
    if (fields.note !== undefined) await this.page.getByLabel('Qualifier note').fill(fields.note);
    for (const [i, source] of (fields.sources ?? []).entries()) {
      await this.sourceUrl(i + 1).fill(source.url);
      if (source.title !== undefined) await this.page.getByLabel(`Source ${i + 1} title`).fill(source.title);
    }
    if (fields.rationale !== undefined) await this.rationale().fill(fields.rationale);
    if (fields.affiliated) await this.page.getByLabel('I work for or with this vendor').check();
  }

  async submit() {
    await this.submitButton().click();
  }

  /** A field's error message, by the id the form gives it (e.g. `source-0-url`). */
  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }
}

/** /proposals: the signed-in user's own proposals. */
export class MyProposalsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/proposals');
  }

  readonly notice = () => this.page.getByRole('status');

  /** The newest proposal whose entry mentions `text` (a cell's title, or `Proposal <id>,`). */
  item(text: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: text }).first();
  }

  async withdraw(text: string) {
    await this.item(text)
      .getByRole('button', { name: /^Withdraw proposal/ })
      .click();
  }
}
