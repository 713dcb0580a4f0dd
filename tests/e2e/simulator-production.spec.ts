import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { ADMIN, callApi, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn, logOut } from './ui';

const ENGINEER = {
  username: 'eng1',
  displayName: 'Line Engineer',
  password: 'engineer password 1',
};

/** Linewatch reads a broker of the plant's (mosquitto here), not its embedded one. */
describe('the simulator against the production broker needs an admin to confirm', () => {
  let broker: Mosquitto;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  beforeAll(async () => {
    broker = await startMosquitto();
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    await callApi(server.url, 'broker.save', { url: broker.url }, adminToken);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['LINE-1'], machines: [] } },
      adminToken,
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/');
  });

  afterAll(async () => {
    await callApi(server.url, 'simulator.stop', {}, adminToken).catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await broker?.dispose();
  });

  const startFromThePage = async (): Promise<void> => {
    await goTo(page, 'Simulator');
    const form = page.getByRole('form', { name: 'Simulator options' });
    await form.getByLabel('Lines').fill('1');
    await form.getByLabel('Machines per line').fill('1');
    await form.getByRole('button', { name: 'Start simulator' }).click();
  };

  it('tells an engineer that an admin must confirm, and does not start', async () => {
    await logIn(page, ENGINEER.username, ENGINEER.password);
    await startFromThePage();
    await page.getByText(/would publish into production; an admin must confirm/).waitFor();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('simulator-state').textContent()).toContain('Stopped');
    expect((await callApi(server.url, 'simulator.status', {}, adminToken)).running).toBe(false);
    await logOut(page);
  });

  it('asks an admin first; Cancel leaves it stopped, confirming starts it', async () => {
    await logIn(page, ADMIN.username, ADMIN.password);
    await startFromThePage();
    const dialog = page.getByRole('dialog', { name: 'Publish into the production broker?' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(broker.url);
    await saveScreenshot(page, 'simulator-production-confirm-1366');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await callApi(server.url, 'simulator.status', {}, adminToken)).running).toBe(false);

    await page.getByRole('button', { name: 'Start simulator' }).click();
    await dialog.getByRole('button', { name: 'Start against this broker' }).click();
    await page.getByTestId('simulator-state').getByText('Running').waitFor({ timeout: 20_000 });
    const status = await callApi(server.url, 'simulator.status', {}, adminToken);
    expect(status.running).toBe(true);
    expect(status.brokerUrl).toBe(broker.url);
    await page.getByRole('button', { name: 'Stop simulator' }).click();
    await page.getByTestId('simulator-state').getByText('Stopped').waitFor({ timeout: 20_000 });
  });
});
