import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';
import { waitFor } from '../helpers/wait';

const ENGINEER = {
  username: 'eng1',
  displayName: 'Test Engineer',
  password: 'engineer password 1',
};

/** The number a counter of the simulator page shows ("1,234" → 1234; "—" → 0). */
async function counter(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`sim-counter-${key}`).locator('dd').textContent()) ?? '';
  const digits = text.replace(/[^0-9]/g, '');
  return digits === '' ? 0 : Number(digits);
}

describe('the simulator page', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startConsole();
    const adminToken = await setUpAdmin(server.url);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['LINE-1'], machines: [] } },
      adminToken,
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ENGINEER.username, ENGINEER.password);
  });

  afterAll(async () => {
    // A run left over by a failed test must not outlive the suite.
    await page
      ?.getByRole('button', { name: 'Stop simulator' })
      .click({ timeout: 1000 })
      .catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('checks the options before sending them', async () => {
    await goTo(page, 'Simulator');
    await page.getByTestId('simulator-state').getByText('Stopped').waitFor();
    const form = page.getByRole('form', { name: 'Simulator options' });
    await form.getByLabel('Lines').fill('0');
    await form.getByLabel('Machines per line').fill('2.5');
    await form.getByRole('button', { name: 'Start simulator' }).click();
    await form.getByText('Enter 1 to 20.').waitFor();
    await form.getByText('Enter a whole number.').waitFor();
    await expect.poll(() => page.getByTestId('simulator-state').textContent()).toContain('Stopped');
  });

  it('starts from the page, counts what it sends, and its machines reach the Overview', async () => {
    const form = page.getByRole('form', { name: 'Simulator options' });
    await form.getByLabel('Lines').fill('1');
    await form.getByLabel('Machines per line').fill('2');
    await form.getByLabel('Rate (messages/s per machine)').fill('5');
    await form.getByLabel('Seed').fill('7');
    await form.getByRole('checkbox', { name: /drift/ }).check();
    await form.getByRole('button', { name: 'Start simulator' }).click();
    await page.getByTestId('simulator-state').getByText('Running').waitFor({ timeout: 30_000 });
    // While it runs, the options are locked and Stop replaces Start.
    await expect.poll(() => form.getByLabel('Lines').isDisabled()).toBe(true);

    await waitFor('test results counted', async () => (await counter(page, 'test')) > 0);
    const first = await counter(page, 'test');
    await waitFor('the counter rising', async () => (await counter(page, 'test')) > first + 5);
    expect(await counter(page, 'telemetry')).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('sim-counter-connected').locator('dd').textContent())
      .toBe('2 / 2');
    await expect.poll(() => page.getByTestId('simulator-run').textContent()).toContain('by eng1');
    // Ingest's own counters, on the same page, show the messages arriving.
    await waitFor('ingest storing', async () => {
      const stored = await page.getByTestId('counter-stored').textContent();
      return Number((stored ?? '').replace(/[^0-9]/g, '')) > 0;
    });
    await page.setViewportSize({ width: 1600, height: 1100 });
    await saveScreenshot(page, 'simulator');
    await page.setViewportSize({ width: 1600, height: 900 });

    await goTo(page, 'Overview');
    const tile = page.locator('[data-testid="machine-tile"][data-machine-id="MACH-1-01"]');
    await tile.waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="machine-tile"][data-machine-id="MACH-1-02"]').waitFor();
    await expect
      .poll(() => tile.getByTestId('state-badge').getAttribute('data-state'))
      .toBe('running');
  });

  it('stops from the page; the counters stay still', async () => {
    await goTo(page, 'Simulator');
    await page.getByTestId('simulator-state').getByText('Running').waitFor();
    await page.getByRole('button', { name: 'Stop simulator' }).click();
    await page.getByTestId('simulator-state').getByText('Stopped').waitFor({ timeout: 15_000 });
    await page
      .getByTestId('simulator-run')
      .getByText(/stopped by eng1/)
      .waitFor();
    const sent = await counter(page, 'test');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await counter(page, 'test')).toBe(sent);
    await expect
      .poll(() => page.getByTestId('sim-counter-rate').locator('dd').textContent())
      .toBe('0');
    await page.getByRole('button', { name: 'Start simulator' }).waitFor();

    await goTo(page, 'Overview');
    const tile = page.locator('[data-testid="machine-tile"][data-machine-id="MACH-1-01"]');
    await waitFor(
      'the machine offline',
      async () => (await tile.getByTestId('state-badge').getAttribute('data-state')) === 'offline',
    );
  });

  it('shows only the simulator in the window the desktop app opens (?window=simulator)', async () => {
    const windowPage = await openPage(browser, server.url);
    await windowPage.goto('/?window=simulator#/simulator');
    await windowPage.getByLabel('Username').fill(ENGINEER.username);
    await windowPage.getByLabel('Password', { exact: true }).fill(ENGINEER.password);
    await windowPage.getByRole('button', { name: 'Log in' }).click();
    await windowPage.getByTestId('page-simulator').waitFor();
    await expect.poll(() => windowPage.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // The last run is still there to read.
    await windowPage
      .getByTestId('simulator-run')
      .getByText(/stopped by eng1/)
      .waitFor();
    expect(await windowPage.title()).toBe('Linewatch · Simulator');
    await saveScreenshot(windowPage, 'simulator-window');
    await windowPage.context().close();
  });
});
