import { test as base, expect } from '@playwright/test';
import { SignInPage } from './pages/SignInPage';
import { readServerState, type Role, type ServerState } from './support/server-state';

export interface Fixtures {
  /** The running server: URLs and demo credentials. */
  gatehouse: ServerState;
  /** Signs in as a demo user through the sign-in page. */
  signInAs: (role: Role) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  gatehouse: async ({}, use) => {
    await use(readServerState());
  },
  // The server's port is chosen in global setup, after the config was read.
  baseURL: async ({ gatehouse }, use) => {
    await use(gatehouse.baseURL);
  },
  signInAs: async ({ page, gatehouse }, use) => {
    await use(async (role) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(role, gatehouse.credentials.users[role].password);
      await expect(page.getByTestId('signed-in-user')).toHaveText(role);
    });
  },
});

export { expect };
