import type { Locator, Page } from '@playwright/test';

/** /admin/identity-providers */
export class IdentityProvidersPage {
  readonly form: Locator;
  readonly notice: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Add identity provider' });
    this.notice = page.getByText(/Register .* as its redirect URI/);
    this.table = page.getByRole('table', { name: 'Identity providers' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/identity-providers');
  }

  /** Adds a provider; returns the redirect URI Gatehouse asks the admin to register. */
  async add(p: { name: string; issuer: string; clientID: string; clientSecret: string; scopes: string; mapping?: { claim: string; value: string; role: string }; jit: boolean }): Promise<string> {
    const f = this.form;
    await f.getByLabel('Name', { exact: true }).fill(p.name);
    await f.getByLabel('Issuer URL').fill(p.issuer);
    await f.getByLabel('Client ID').fill(p.clientID);
    await f.getByLabel('Client secret').fill(p.clientSecret);
    await f.getByLabel('Scopes').fill(p.scopes);
    if (p.mapping) {
      await f.getByRole('button', { name: 'Add mapping' }).click();
      await f.getByLabel('Mapping 1 claim').fill(p.mapping.claim);
      await f.getByLabel('Mapping 1 value').fill(p.mapping.value);
      await f.getByLabel('Mapping 1 role').selectOption(p.mapping.role);
    }
    if (p.jit) await f.getByRole('checkbox', { name: /just-in-time/ }).check();
    await f.getByRole('button', { name: 'Add identity provider' }).click();
    const text = (await this.notice.textContent()) ?? '';
    const m = /Register (\S+) as its redirect URI/.exec(text);
    if (!m?.[1]) throw new Error(`no redirect URI in "${text}"`);
    return m[1];
  }
}
