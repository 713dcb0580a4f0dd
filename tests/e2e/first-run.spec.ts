import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, callApi } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { logIn, logOut } from './ui';

/** Clicks "Log in" and waits for the server's answer, so each attempt is counted once. */
async function submitLogin(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

describe('first run, login and logout', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startConsole();
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates the first admin on the setup screen', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Set up Linewatch' }).waitFor();
    await saveScreenshot(page, 'setup');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Display name').fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('different');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect
      .poll(() => page.getByText('At least 10 characters (5 so far)').isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('The two passwords differ').isVisible()).toBe(true);

    // A username the contract refuses comes back as a server validation error.
    await page.getByLabel('Username').fill('bad name!');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    const error = page.getByTestId('error-message');
    await error.waitFor();
    await expect.poll(() => error.textContent()).toMatch(/Username: may hold only letters/);
    await saveScreenshot(page, 'setup-validation');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByTestId('page-overview').waitFor();
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toContain(ADMIN.displayName);
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toMatch(/Administrator/);
    // A fresh plant has no machines yet: the overview says so instead of inventing any.
    await page.getByText('No machines yet.').waitFor();
    await saveScreenshot(page, 'overview-empty');
  });

  it('keeps the session over a reload', async () => {
    await page.reload();
    await page.getByTestId('page-overview').waitFor();
  });

  it('logs out and back in, and refuses a wrong password', async () => {
    await logOut(page);
    await saveScreenshot(page, 'login');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const error = page.getByTestId('error-message');
    await error.waitFor();
    await expect.poll(() => error.textContent()).toMatch(/Wrong username or password/);

    await logIn(page, ADMIN.username, ADMIN.password);
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toContain(ADMIN.displayName);
    await logOut(page);
  });

  it('locks an account after five wrong passwords, even against the right one', async () => {
    const admin = await callApi(server.url, 'auth.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    const victim = { username: 'night.shift', password: 'night shift password' };
    await callApi(
      server.url,
      'accounts.create',
      {
        ...victim,
        displayName: 'Night Shift',
        role: 'operator',
        assignments: { lines: [], machines: [] },
      },
      admin.token,
    );

    const error = page.getByTestId('error-message');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('Username').fill(victim.username);
      await page.getByLabel('Password', { exact: true }).fill(`wrong guess ${attempt}`);
      await submitLogin(page);
    }
    await expect
      .poll(() => error.textContent())
      .toMatch(/This account is locked until .+ after too many/);

    await page.getByLabel('Password', { exact: true }).fill(victim.password);
    await submitLogin(page);
    await expect.poll(() => error.textContent()).toMatch(/This account is locked until/);
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await saveScreenshot(page, 'login-locked');
  });
});
