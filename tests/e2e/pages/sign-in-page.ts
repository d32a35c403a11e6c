import { expect, type Page } from '@playwright/test';

export type DemoUser = 'alice' | 'mo' | 'ada';

/** /signin and the header's account area: who is signed in, and signing out. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(
      callbackUrl === undefined ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`,
    );
  }

  readonly header = () => this.page.getByRole('banner');
  readonly username = () => this.page.getByLabel('Username');
  readonly demoButton = () => this.page.getByRole('button', { name: 'Sign in with the demo account' });
  readonly oidcButton = () => this.page.getByRole('button', { name: 'Sign in with Test OIDC' });

  /** Types a demo username and submits; where the browser lands is the caller's to check. */
  async signInWithDemo(username: string) {
    await this.username().fill(username);
    await this.demoButton().click();
  }

  /**
   * Through the OpenID Connect provider's redirects, as a browser would; the
   * user exists from this moment on.
   */
  async signInWithOidc(callbackUrl = '/meshes') {
    await this.goto(callbackUrl);
    await this.oidcButton().click();
    await expect(this.page).toHaveURL(callbackUrl);
  }

  async signOut() {
    await this.header().getByRole('button', { name: 'Sign out' }).click();
  }

  /**
   * Signs in over HTTP the standard next-auth way (CSRF token, then the
   * credentials callback); the cookies land in the page's context. Much
   * cheaper than the form, for specs about something else.
   */
  async signInOverHttp(username: DemoUser) {
    const { csrfToken } = await (await this.page.request.get('/api/auth/csrf')).json();
    const response = await this.page.request.post('/api/auth/callback/demo', {
      form: { csrfToken, username, json: 'true' },
    });
    expect(response.ok()).toBe(true);
    const session = await (await this.page.request.get('/api/auth/session')).json();
    expect(session.user?.name).toBe(username);
  }
}
