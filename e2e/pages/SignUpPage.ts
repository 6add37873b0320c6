import type { Locator, Page } from '@playwright/test';

/** /signup: a stranger creates a Developer Portal account. */
export class SignUpPage {
  readonly form: Locator;
  readonly username: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Sign up' });
    this.username = this.form.getByLabel('Username', { exact: true });
    this.email = this.form.getByLabel('Email', { exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.confirm = this.form.getByLabel('Repeat the password', { exact: true });
    this.submit = this.form.getByRole('button', { name: 'Create account', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/signup');
  }

  async signUp(username: string, email: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.email.fill(email);
    await this.password.fill(password);
    await this.confirm.fill(password);
    await this.submit.click();
  }

  /** The error shown next to a field. */
  fieldError(field: 'username' | 'email' | 'password'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }
}
