import { expect, type Locator, type Page } from '@playwright/test';

export interface NewUser {
  username: string;
  email?: string;
  password: string;
  /** Built-in role checkboxes as labelled (Admin, Publisher, Subscriber); the form starts with Subscriber. */
  builtIn?: ('Admin' | 'Publisher' | 'Subscriber')[];
  /** Custom role names. */
  custom?: string[];
  temporaryPassword?: boolean;
}

/** The Users section of /admin: the table with per-user actions and the create-user form. */
export class UsersPage {
  readonly table: Locator;
  readonly createForm: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Users' });
    this.createForm = page.getByRole('form', { name: 'Create user' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin');
    await expect(this.page.getByRole('heading', { level: 2, name: 'Users' })).toBeVisible();
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }

  /** The role badges of a user's row. */
  roles(username: string): Locator {
    return this.page.getByRole('list', { name: `Roles of ${username}`, exact: true }).getByRole('listitem');
  }

  async create(u: NewUser): Promise<void> {
    const f = this.createForm;
    await f.getByLabel('Username', { exact: true }).fill(u.username);
    if (u.email) await f.getByLabel('Email', { exact: true }).fill(u.email);
    await f.getByLabel('Initial password', { exact: true }).fill(u.password);
    const builtIn = u.builtIn ?? ['Subscriber'];
    for (const r of ['Admin', 'Publisher', 'Subscriber'] as const) {
      await f.getByRole('checkbox', { name: r, exact: true }).setChecked(builtIn.includes(r));
    }
    for (const r of u.custom ?? []) await f.getByRole('checkbox', { name: r, exact: true }).check();
    await f.getByRole('checkbox', { name: /^Temporary password/ }).setChecked(Boolean(u.temporaryPassword));
    await f.getByRole('button', { name: 'Create user', exact: true }).click();
  }

  /** Replaces the user's roles through the "Change roles" dialog. */
  async setRoles(username: string, roles: string[]): Promise<void> {
    await this.row(username).getByRole('button', { name: `Change roles of ${username}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Roles of ${username}`, exact: true });
    for (const box of await dialog.getByRole('checkbox').all()) {
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      await box.setChecked(roles.includes(name));
    }
    await dialog.getByRole('button', { name: 'Save roles', exact: true }).click();
    await expect(this.page.getByRole('status')).toContainText(`Saved the roles of ${username}.`);
  }
}
