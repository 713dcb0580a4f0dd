import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatorRunner } from '../../simulator/runner';
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

/**
 * The "done when" list, in Chromium against console mode with the machine simulator
 * running (2 lines × 2 machines, broken messages mixed in). Published results that the test
 * must time come from a stand-in machine (FLOOR-1), since a simulated machine's own results
 * replace each other on its tile several times a second.
 */
const ENGINEER = { username: 'eng-sim', displayName: 'Sim engineer', password: 'engineer pass 34' };
const OPERATOR = { username: 'op-sim', displayName: 'Sim operator', password: 'operator pass 34' };
const LIVE_MS = 2_000;

describe('the control room with the simulator running', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Page;
  let floor: FakeFloor;
  let simulator: SimulatorRunner;
  let adminToken: string;

  async function waitForMachines(ids: string[]): Promise<void> {
    await waitFor(
      `machines ${ids.join(', ')} registered`,
      async () => {
        const plant = await callApi(server.url, 'plant.list', {}, adminToken);
        return ids.every((id) => plant.machines.some((machine) => machine.id === id));
      },
      { timeoutMs: 20_000, everyMs: 200 },
    );
  }

  async function logInAs(account: { username: string; password: string }): Promise<Page> {
    const page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, account.username, account.password);
    return page;
  }

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    const brokerUrl = await brokerUrlOf(server.url, adminToken);
    simulator = new SimulatorRunner({
      brokerUrl,
      model: {
        seed: 11,
        lines: 2,
        machinesPerLine: 2,
        messagesPerSecond: 4,
        scenarios: ['bad-data'],
        runId: `e2e${Date.now().toString(36)}`,
        serialStart: Math.floor(Date.now() / 100),
      },
    });
    simulator.start();
    floor = await FakeFloor.connect(brokerUrl);
    await floor.state('LINE-2', 'FLOOR-1', 'running');
    await waitForMachines(['MACH-1-01', 'MACH-1-02', 'MACH-2-01', 'MACH-2-02', 'FLOOR-1']);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['LINE-1'], machines: [] } },
      adminToken,
    );
    await callApi(
      server.url,
      'accounts.create',
      { ...OPERATOR, role: 'operator', assignments: { lines: [], machines: ['MACH-1-02'] } },
      adminToken,
    );
    browser = await launchBrowser();
    admin = await logInAs(ADMIN);
  });

  afterAll(async () => {
    await simulator?.stop();
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows a published result on the machine tile and on Quality within 2 s', async () => {
    await goTo(admin, 'Overview');
    const tile = admin.locator('[data-testid="machine-tile"][data-machine-id="FLOOR-1"]');
    await tile.waitFor();
    // The simulated machines are live too: their tiles show their latest tests.
    await admin
      .locator('[data-machine-id="MACH-1-01"]')
      .getByTestId('tile-last-result')
      .waitFor({ timeout: 5_000 });

    let published = Date.now();
    await floor.testResult('LINE-2', 'FLOOR-1', { barcode: 'SN-DONE-1', value: 85 });
    await tile.getByTestId('tile-last-result').getByText('SN-DONE-1').waitFor({ timeout: LIVE_MS });
    const onTile = Date.now() - published;
    expect(onTile).toBeLessThan(LIVE_MS);
    await saveScreenshot(admin, 'simulator-overview');

    await goTo(admin, 'Quality');
    await admin.getByText(/\d+ results shown/).waitFor();
    published = Date.now();
    await floor.testResult('LINE-2', 'FLOOR-1', { barcode: 'SN-DONE-2', value: 85 });
    await admin
      .getByTestId('result-table')
      .getByRole('row')
      .filter({ hasText: 'SN-DONE-2' })
      .waitFor({ timeout: LIVE_MS });
    const onQuality = Date.now() - published;
    expect(onQuality).toBeLessThan(LIVE_MS);
    console.info(`publish → on screen: tile ${onTile} ms, Quality ${onQuality} ms`);
    await saveScreenshot(admin, 'simulator-quality');
  });

  it('raises an alert on a threshold breach that an operator acknowledges and an engineer shelves', async () => {
    const operator = await logInAs(OPERATOR);
    await goTo(operator, 'Alerts');
    await operator.getByTestId('alert-shortcuts').waitFor();
    // Simulated machines run at 60-75 °C: a high-high limit of 40 °C is crossed at once.
    await callApi(
      server.url,
      'thresholds.save',
      { machineId: 'MACH-1-02', metric: 'temperature', high: 35, highHigh: 40, onDelayS: 0 },
      adminToken,
    );
    const row = operator
      .locator('[data-testid="alert-row"][data-machine="MACH-1-02"]')
      .filter({ has: operator.locator('[data-priority="high"]') });
    await row.waitFor({ timeout: 5_000 });
    await row.getByRole('cell', { name: 'MACH-1-02', exact: true }).click();
    await operator.keyboard.press('a');
    await row.getByText('Acknowledged').waitFor();
    await operator.context().close();

    const engineer = await logInAs(ENGINEER);
    await goTo(engineer, 'Alerts');
    const engineerRow = engineer
      .locator('[data-testid="alert-row"][data-machine="MACH-1-02"]')
      .filter({ hasText: 'Acknowledged' })
      .first();
    await engineerRow.getByRole('button', { name: 'Shelve' }).click();
    const dialog = engineer.getByRole('dialog', { name: 'Shelve alert' });
    await dialog.getByLabel('Reason').fill('coolant check under way');
    await dialog.getByLabel('Minutes').fill('30');
    await dialog.getByRole('button', { name: 'Shelve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await engineer.getByRole('tab', { name: 'Shelved' }).click();
    const shelved = engineer
      .locator('[data-testid="alert-row"][data-machine="MACH-1-02"]')
      .filter({ hasText: 'coolant check under way' });
    await shelved.waitFor();
    await saveScreenshot(engineer, 'simulator-alerts-shelved');
    await engineer.context().close();
  });

  it('shows an operator only the assigned machine', async () => {
    const operator = await logInAs(OPERATOR);
    const tiles = operator.getByTestId('machine-tile');
    await tiles.first().waitFor();
    await expect.poll(() => tiles.count()).toBe(1);
    await expect.poll(() => tiles.first().getAttribute('data-machine-id')).toBe('MACH-1-02');
    await goTo(operator, 'Quality');
    await operator.getByText(/\d+ results shown/).waitFor();
    const rows = await operator.getByTestId('result-table').getByRole('row').allTextContents();
    const others = rows.filter((row) => /MACH-1-01|MACH-2-0\d|FLOOR-1/.test(row));
    expect(others).toEqual([]);
    await operator.context().close();
  });

  it('lets an engineer stop a simulated machine and see it stop', async () => {
    const engineer = await logInAs(ENGINEER);
    await engineer.locator('[data-machine-id="MACH-1-01"]').click();
    await engineer.getByTestId('page-machine').waitFor();
    await engineer
      .getByTestId('machine-header')
      .locator('[data-testid="state-badge"][data-state="running"]')
      .waitFor();
    await engineer.getByTestId('command-panel').getByRole('button', { name: 'Stop' }).click();
    await engineer.getByRole('dialog').getByRole('button', { name: 'Send stop' }).click();
    await engineer.getByTestId('command-result').locator('[data-status="ok"]').waitFor();
    // The simulator answers "stopped" and reports the machine idle: it no longer runs.
    await engineer
      .getByTestId('machine-header')
      .locator('[data-testid="state-badge"][data-state="idle"]')
      .waitFor({ timeout: 5_000 });
    await engineer.setViewportSize({ width: 1600, height: 1500 });
    await saveScreenshot(engineer, 'simulator-machine-stopped');
    await engineer.context().close();
  });

  it("lists the simulator's malformed messages on the Dead letters page with their reasons", async () => {
    await goTo(admin, 'Dead letters');
    const rows = admin.getByTestId('dead-letter-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const text = (await rows.first().textContent()) ?? '';
    expect(text).toMatch(/factory\/LINE-\d\/MACH-\d-\d\d\//);
    const reason = (await rows.first().locator('td.reason').textContent()) ?? '';
    expect(reason.trim().length).toBeGreaterThan(5);
    await saveScreenshot(admin, 'simulator-dead-letters');
  });
});
