import { expect, type Locator, type Page } from '@playwright/test';

export const ROLE_REASON_LABEL = 'Reason (required, kept in the audit log)';

/** /admin/users and a person's page under it. */
export class AdminUsersPage {
  constructor(readonly page: Page) {}

  async goto(search?: string) {
    return this.page.goto(search === undefined ? '/admin/users' : `/admin/users?q=${encodeURIComponent(search)}`);
  }

  /** A person's page by id, the way the sweep and setup code reach it. */
  async gotoUser(id: number) {
    return this.page.goto(`/admin/users/${id}`);
  }

  readonly notice = (text: string | RegExp) => this.page.getByRole('status').filter({ hasText: text });
  /** The person's page lists name, role and status in that order. */
  readonly role = () => this.page.getByRole('definition').nth(1);
  readonly status = () => this.page.getByRole('definition').nth(2);
  readonly roleReason = () => this.page.getByLabel(ROLE_REASON_LABEL);

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** Finds someone by search, the way an admin does, and opens their page. */
  async openUser(search: string, linkName: string) {
    await this.goto();
    await this.page.getByLabel('Name or email contains').fill(search);
    await this.page.getByRole('button', { name: 'Search' }).click();
    await expect(this.page).toHaveURL(/\/admin\/users\?q=/);
    const row = this.row(search);
    await expect(row).toHaveCount(1);
    await row.getByRole('link', { name: linkName, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(linkName);
  }

  /** Submits the role form; the outcome (changed, or a problem shown) is the caller's to check. */
  async submitRoleChange(who: string, role: string, reason?: string) {
    await this.page.getByLabel('New role').selectOption(role);
    if (reason !== undefined) await this.roleReason().fill(reason);
    await this.page.getByRole('button', { name: `Change role of ${who}` }).click();
  }

  async changeRole(who: string, role: string, reason: string) {
    await this.submitRoleChange(who, role, reason);
    await expect(this.notice('Role changed')).toBeVisible();
  }

  readonly banButton = (name: string) => this.page.getByRole('button', { name: `Ban ${name}` });
  readonly liftBanButton = (name: string) => this.page.getByRole('button', { name: `Lift the ban on ${name}` });

  async ban(name: string, reason: string) {
    await this.page.getByLabel(/^Reason for the ban/).fill(reason);
    await this.banButton(name).click();
    await expect(this.notice('Banned.')).toBeVisible();
  }

  async liftBan(name: string, reason: string) {
    await this.page.getByLabel(/^Reason for lifting the ban/).fill(reason);
    await this.liftBanButton(name).click();
    await expect(this.notice('Ban lifted.')).toBeVisible();
  }

  readonly trustButton = (name: string) => this.page.getByRole('button', { name: `Trust ${name}`, exact: true });
  readonly stopTrustingButton = (name: string) =>
    this.page.getByRole('button', { name: `Stop trusting ${name}`, exact: true });

  async trust(name: string, reason: string) {
    await this.page.getByLabel(/^Reason for trusting them/).fill(reason);
    await this.trustButton(name).click();
    await expect(this.notice('Trusted.')).toBeVisible();
  }

  async stopTrusting(name: string, reason: string) {
    await this.page.getByLabel(/^Reason for no longer trusting them/).fill(reason);
    await this.stopTrustingButton(name).click();
    await expect(this.notice('No longer trusted.')).toBeVisible();
  }
}
