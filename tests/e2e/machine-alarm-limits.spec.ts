import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { logIn } from './ui';
import { waitFor } from '../helpers/wait';

const ENGINEER = {
  username: 'eng-l1',
  displayName: 'Line 1 engineer',
  password: 'engineer pass 12',
};

/**
 * An engineer edits the alarm limits of a machine of their line from the machine page (the
 * editor used to be admin-only), and applies a limit template to the whole line. The machine
 * registered itself at 123.7 °C, so the default limits are already there and alarming.
 */
describe('machine page: alarm limits for the engineer of the line', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let engineer: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 123.7, 100);
    await floor.state('L-1', 'M-2', 'running');
    await floor.telemetry('L-1', 'M-2', 70, 100);
    await waitFor(
      'the default limits of M-1 and M-2',
      async () => {
        const limits = await callApi(server.url, 'thresholds.list', {}, adminToken);
        return new Set(limits.map((limit) => limit.machineId)).size === 2 ? true : undefined;
      },
      { timeoutMs: 10_000 },
    );
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['L-1'], machines: [] } },
      adminToken,
    );
    browser = await launchBrowser();
    engineer = await openPage(browser, server.url);
    await engineer.setViewportSize({ width: 1366, height: 768 });
    await engineer.goto('/');
    await logIn(engineer, ENGINEER.username, ENGINEER.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the default limits and lets the engineer change one', async () => {
    await engineer.goto('/#/machines/M-1');
    const panel = engineer.getByTestId('threshold-panel');
    const temperature = panel
      .getByTestId('threshold-table')
      .locator('tr[data-metric="temperature"]');
    await temperature.waitFor();
    await expect.poll(() => temperature.textContent()).toMatch(/temperature105.*90.*by system/);
    // The overheating machine alarms with the defaults.
    const alerts = await callApi(server.url, 'alerts.list', { limit: 50 }, adminToken);
    expect(alerts.alerts.map((alert) => alert.conditionKey)).toContain(
      'threshold:M-1:temperature:high_high',
    );

    const form = panel.getByRole('form', { name: 'Alarm limits' });
    await temperature.getByRole('button', { name: 'temperature' }).click();
    await form.getByLabel('High', { exact: true }).fill('85');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await panel.getByText('Saved the temperature limits of M-1.').waitFor();
    await panel
      .locator('tr[data-metric="temperature"]')
      .getByText(`by ${ENGINEER.username}`)
      .waitFor();
    const stored = await callApi(server.url, 'thresholds.list', { machineId: 'M-1' }, adminToken);
    expect(stored.find((limit) => limit.metric === 'temperature')).toMatchObject({
      high: 85,
      highHigh: 105,
      updatedBy: ENGINEER.username,
    });
    await showLimitsSection(engineer);
    await saveScreenshot(engineer, 'machine-alarm-limits-1366');
    expect(await noSidewaysScroll(engineer)).toBe(true);
  });

  it('applies a template to every machine of the line', async () => {
    await callApi(
      server.url,
      'limitTemplates.save',
      { name: 'Tight temperature', limits: [{ metric: 'temperature', high: 75, highHigh: 95 }] },
      adminToken,
    );
    await engineer.reload();
    const templates = engineer.getByTestId('limit-template-panel');
    const form = templates.getByRole('form', { name: 'Apply a limit template' });
    await form.getByLabel('Template').selectOption('Tight temperature');
    await form.getByLabel('Every machine of line L-1').check();
    await form.getByRole('button', { name: 'Apply template' }).click();
    await templates.getByText('Applied "Tight temperature" to 2 machines.').waitFor();
    // The editor shows the new limits of this machine at once.
    await engineer
      .getByTestId('threshold-panel')
      .locator('tr[data-metric="temperature"]')
      .getByText('75')
      .waitFor();
    const stored = await callApi(server.url, 'thresholds.list', { lineId: 'L-1' }, adminToken);
    expect(
      stored
        .filter((limit) => limit.metric === 'temperature')
        .map((limit) => [limit.machineId, limit.high]),
    ).toEqual([
      ['M-1', 75],
      ['M-2', 75],
    ]);
    // The editor starts afresh from the applied limits.
    const high = engineer
      .getByRole('form', { name: 'Alarm limits' })
      .getByLabel('High', { exact: true });
    await expect.poll(() => high.inputValue(), { timeout: 5_000 }).toBe('75');
    await showLimitsSection(engineer, 'limit-template-panel');
    await saveScreenshot(engineer, 'machine-limit-template-1366');
    expect(await noSidewaysScroll(engineer)).toBe(true);
  });
});

/** The page and its scrolling main area are no wider than the window. */
async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const main = document.getElementById('main-content');
    const root = document.documentElement;
    return root.scrollWidth <= root.clientWidth && (!main || main.scrollWidth <= main.clientWidth);
  })()`);
}

/** Scrolls the page's main area so the alarm limits section is at the top, for the screenshot. */
async function showLimitsSection(page: Page, testId = 'alarm-limits-section'): Promise<void> {
  await page.getByTestId(testId).evaluate((section) => {
    const main = section.ownerDocument.getElementById('main-content');
    if (!main) return;
    main.scrollTop += section.getBoundingClientRect().top - main.getBoundingClientRect().top;
  });
}
