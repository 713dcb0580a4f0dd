import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';
import { waitFor } from '../helpers/wait';

const ENGINEER = { username: 'eng-a', displayName: 'Alert engineer', password: 'engineer pass 12' };
const OPERATOR = { username: 'op-a', displayName: 'Alert operator', password: 'operator pass 12' };
/** Live data must be on screen within two seconds of publishing. */
const LIVE_MS = 2_000;

describe('alerts, maintenance and broker settings', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 70, 100);
    await floor.state('L-1', 'M-2', 'running');
    await floor.telemetry('L-1', 'M-2', 40, 10);
    // The machines must be registered before their limits can be saved.
    await waitForMachines(['M-1', 'M-2']);
    for (const machineId of ['M-1', 'M-2']) {
      await callApi(
        server.url,
        'thresholds.save',
        { machineId, metric: 'temperature', high: 90, highHigh: 110, onDelayS: 0 },
        adminToken,
      );
    }
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['L-1'], machines: [] } },
      adminToken,
    );
    await callApi(
      server.url,
      'accounts.create',
      { ...OPERATOR, role: 'operator', assignments: { lines: [], machines: ['M-1'] } },
      adminToken,
    );
    browser = await launchBrowser();
    admin = await openPage(browser, server.url);
    await admin.goto('/');
    await logIn(admin, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  async function waitForMachines(ids: string[]): Promise<void> {
    await waitFor(
      `machines ${ids.join(', ')} registered`,
      async () => {
        const plant = await callApi(server.url, 'plant.list', {}, adminToken);
        return ids.every((id) => plant.machines.some((machine) => machine.id === id));
      },
      { timeoutMs: 10_000, everyMs: 200 },
    );
  }

  const alertRow = (page: Page, machineId: string) =>
    page.locator(`[data-testid="alert-row"][data-machine="${machineId}"]`);

  it('shows an alert live when telemetry crosses a threshold', async () => {
    await goTo(admin, 'Alerts');
    await admin.getByTestId('alerts-empty').waitFor();
    await floor.telemetry('L-1', 'M-1', 95, 120);
    await floor.telemetry('L-1', 'M-2', 120, 20);
    const row = alertRow(admin, 'M-1');
    await row.waitFor({ timeout: LIVE_MS + 1_000 });
    await expect.poll(() => row.textContent()).toContain('Active, unacknowledged');
    // M-2 is above its high-high limit too: that alert has a higher priority, so it is on top.
    await alertRow(admin, 'M-2')
      .nth(1)
      .waitFor({ timeout: LIVE_MS + 1_000 });
    await expect
      .poll(() => admin.getByTestId('alert-row').first().getAttribute('data-machine'))
      .toBe('M-2');
    // Unacknowledged high priority blinks; medium does not.
    const high = admin.getByTestId('alert-row').first().locator('[data-priority="high"]');
    await expect.poll(() => high.getAttribute('class')).toContain('priority-blink');
    await expect.poll(() => alertRow(admin, 'M-1').locator('.priority-blink').count()).toBe(0);
    await saveScreenshot(admin, 'alerts');
  });

  it('lets an operator acknowledge an alert of their machine with the keyboard', async () => {
    const operator = await openPage(browser, server.url);
    await operator.goto('/');
    await logIn(operator, OPERATOR.username, OPERATOR.password);
    await goTo(operator, 'Alerts');
    const row = alertRow(operator, 'M-1');
    await row.waitFor();
    // Not the operator's machine: no button for it.
    await expect.poll(() => alertRow(operator, 'M-2').count()).toBe(0);
    await row.getByRole('cell', { name: 'M-1', exact: true }).click();
    await operator.keyboard.press('a');
    await row.getByText('Acknowledged').waitFor();
    // The admin's screen follows live.
    await alertRow(admin, 'M-1').getByText('Acknowledged').waitFor({ timeout: LIVE_MS });
    await operator.context().close();
  });

  it('lets an engineer shelve an alert with a reason; it moves to the Shelved tab', async () => {
    const engineer = await openPage(browser, server.url);
    await engineer.goto('/');
    await logIn(engineer, ENGINEER.username, ENGINEER.password);
    await goTo(engineer, 'Alerts');
    const row = alertRow(engineer, 'M-1');
    await row.getByRole('button', { name: 'Shelve' }).click();
    const dialog = engineer.getByRole('dialog', { name: 'Shelve alert' });
    await dialog.getByLabel('Reason').fill('sensor being replaced');
    await dialog.getByLabel('Minutes').fill('30');
    await dialog.getByRole('button', { name: 'Shelve' }).click();
    await row.waitFor({ state: 'detached' });
    await engineer.getByRole('tab', { name: 'Shelved' }).click();
    const shelved = alertRow(engineer, 'M-1');
    await shelved.waitFor();
    await expect.poll(() => shelved.textContent()).toContain('sensor being replaced');
    await engineer.context().close();
  });

  it('shows a machine due for service after a plan with a tiny interval', async () => {
    const lastServiceAt = new Date(Date.now() - 60 * 60_000).toISOString();
    await callApi(
      server.url,
      'maintenance.savePlan',
      { machineId: 'M-1', intervalRunHours: 0.001, intervalUnits: null, lastServiceAt },
      adminToken,
    );
    await goTo(admin, 'Maintenance');
    const row = admin.locator('[data-testid="maintenance-row"][data-machine="M-1"]');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toMatch(/^(due|overdue)$/);
    await expect.poll(() => row.textContent()).toMatch(/Due|Overdue/);
    await saveScreenshot(admin, 'maintenance');
  });

  it('tests a bad broker URL from the Admin page and shows the failure', async () => {
    await goTo(admin, 'Admin');
    await admin.getByRole('tab', { name: 'Broker' }).click();
    await admin.getByTestId('broker-source').waitFor();
    await admin.getByLabel('Broker URL').fill('mqtt://127.0.0.1:9');
    await admin.getByRole('button', { name: 'Test connection' }).click();
    const result = admin.getByTestId('broker-test-result');
    await result.waitFor({ timeout: 8_000 });
    await expect.poll(() => result.textContent()).toContain('Connection failed');
    await admin.getByTestId('broker-status').getByText('Broker Connected').waitFor();
    // Tall enough to show the whole form with the test's outcome under it.
    await admin.setViewportSize({ width: 1600, height: 1150 });
    await saveScreenshot(admin, 'admin-broker');
    await admin.setViewportSize({ width: 1600, height: 900 });
  });

  it('shows a flood banner when a line raises more than 10 alerts in 10 minutes', async () => {
    const machines = Array.from({ length: 11 }, (_, i) => `F-${i + 1}`);
    for (const machineId of machines) await floor.state('L-9', machineId, 'running');
    await waitForMachines(machines);
    for (const machineId of machines) {
      await callApi(
        server.url,
        'thresholds.save',
        { machineId, metric: 'temperature', high: 90, onDelayS: 0 },
        adminToken,
      );
    }
    await goTo(admin, 'Alerts');
    await expect.poll(() => admin.getByTestId('flood-banner').count()).toBe(0);
    for (const machineId of machines) await floor.telemetry('L-9', machineId, 99, 1);
    const banner = admin.getByTestId('flood-banner');
    await banner.waitFor({ timeout: LIVE_MS + 1_000 });
    await expect.poll(() => banner.textContent()).toContain('line L-9: 11 new alerts');
    await saveScreenshot(admin, 'alerts-flood');
  });

  it('filters the history by priority', async () => {
    await admin.getByRole('tab', { name: 'History' }).click();
    const table = admin.getByTestId('alert-history');
    await table.waitFor();
    const filters = admin.getByRole('form', { name: 'History filters' });
    await filters.getByLabel('Priority').selectOption('high');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await admin.getByText('1 alert shown').waitFor();
    await expect
      .poll(() => table.locator('[data-priority]').getAttribute('data-priority'))
      .toBe('high');
  });
});
