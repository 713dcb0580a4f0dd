import type { Page } from 'playwright-core';

/** Logs in through the login screen and waits for the app frame. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

export async function goTo(page: Page, navLabel: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: navLabel })
    .click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: navLabel }).waitFor();
}

/** The token the renderer keeps in sessionStorage (persisted zustand store). */
export async function sessionToken(page: Page): Promise<string> {
  // A string expression: the tests compile without the DOM library.
  const stored = await page.evaluate<string | null>("sessionStorage.getItem('linewatch.session')");
  const parsed = JSON.parse(stored ?? '{}') as { state?: { token?: string } };
  if (!parsed.state?.token) throw new Error('No session token in sessionStorage');
  return parsed.state.token;
}
