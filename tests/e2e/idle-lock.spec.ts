import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';

describe('idle lock', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startConsole();
    await setUpAdmin(server.url);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    // The browser's clock is faked so a minute of idleness takes no real time.
    await page.clock.install();
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('locks the screen after the idle time and unlocks with the password', async () => {
    await goTo(page, 'Settings');
    const idleLock = page.getByLabel('Idle lock (minutes)');
    await idleLock.and(page.locator(':enabled')).waitFor();
    await idleLock.fill('1');
    await page.getByRole('button', { name: 'Save plant settings' }).click();
    await page.getByText('Plant settings saved.').waitFor();

    await page.clock.runFor('00:30');
    await expect.poll(() => page.getByTestId('lock-screen').count()).toBe(0);
    await page.clock.runFor('00:35');
    await page.getByTestId('lock-screen').waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await saveScreenshot(page, 'idle-lock');

    await page.getByLabel('Password', { exact: true }).fill('not my password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const error = page.getByTestId('error-message');
    await error.waitFor();
    await expect.poll(() => error.textContent()).toMatch(/Wrong password/);
    await page.getByTestId('lock-screen').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('page-settings').waitFor();
  });

  it('locks at once with the lock button and stays locked over a reload', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByTestId('lock-screen').waitFor();
    await page.reload();
    await page.getByTestId('lock-screen').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('changes the own password on the settings page', async () => {
    await goTo(page, 'Settings');
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill('a brand new password');
    await form.getByLabel('Confirm new password').fill('a brand new password');
    await form.getByRole('button', { name: 'Change password' }).click();
    const error = form.getByTestId('error-message');
    await error.waitFor();
    await expect.poll(() => error.textContent()).toMatch(/Current password: is wrong/);

    await form.getByLabel('Current password').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your password has been changed.').waitFor();
  });
});
