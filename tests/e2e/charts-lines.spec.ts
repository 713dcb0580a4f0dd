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
import { goTo, logIn, logOut } from './ui';

const MINUTE_MS = 60_000;

describe('charts and the Lines page', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // A limit first, so the hot readings below raise an alert on line L-1.
    await callApi(server.url, 'plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, adminToken);
    await callApi(
      server.url,
      'thresholds.save',
      { machineId: 'M-1', metric: 'temperature', high: 80, highHigh: 95, low: 20, deadband: 1 },
      adminToken,
    );
    // A morning of states, sent with their own times, so the timeline has periods to draw.
    const now = Date.now();
    const states: [string, string, number, string?][] = [
      ['M-1', 'running', 300],
      ['M-2', 'running', 300],
      ['M-2', 'down', 240, 'jam'],
      ['M-2', 'running', 200],
      ['M-1', 'maintenance', 150, 'belt change'],
      ['M-1', 'running', 90],
      ['M-2', 'offline', 60],
      ['M-2', 'running', 35],
    ];
    for (const [machineId, state, minutesAgo, reason] of states) {
      await floor.publishRaw(
        `factory/L-1/${machineId}/state`,
        JSON.stringify({
          timestamp: new Date(now - minutesAgo * MINUTE_MS).toISOString(),
          state,
          reason,
        }),
        true,
      );
    }
    // Half an hour of readings, a few per minute, so the trend has a band to draw.
    for (let minute = 30; minute >= 1; minute -= 1) {
      for (const offset of [0, 20_000, 40_000]) {
        const at = now - minute * MINUTE_MS + offset;
        const temperature = 60 + 10 * Math.sin(minute / 4) + offset / 10_000;
        await floor.publishRaw(
          'factory/L-1/M-1/telemetry',
          JSON.stringify({
            timestamp: new Date(at).toISOString(),
            temperature,
            units_produced: (30 - minute) * 12 + offset / 10_000,
            vibration: 2 + Math.cos(minute / 3),
          }),
        );
      }
    }
    await floor.state('L-1', 'M-2', 'down', 'jam');
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-CH-1', value: 85 });
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-CH-2', value: 99 });
    // The reading that crosses the high limit.
    await floor.telemetry('L-1', 'M-1', 88, 400);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('draws the trend of a machine on a canvas, with temperature in the metric picker', async () => {
    await page.locator('[data-testid="machine-tile"][data-machine-id="M-1"]').click();
    const panel = page.getByTestId('trend-panel');
    await panel.waitFor();
    await panel.getByTestId('trend-chart').locator('canvas').first().waitFor();
    const metrics = await panel.getByLabel('Metric').locator('option').allTextContents();
    expect(metrics).toContain('temperature');
    expect(metrics).toContain('vibration');
    // A live reading joins the line without a reload: the chart ends on it, and a mark left
    // on this page (which a reload would wipe) is still there.
    const url = page.url();
    await page.evaluate("document.documentElement.setAttribute('data-before-live', 'yes')");
    await floor.telemetry('L-1', 'M-1', 72, 410);
    await panel
      .locator('[data-testid="trend-last"][data-value="72"]')
      .waitFor({ state: 'attached', timeout: 10_000 });
    expect(page.url()).toBe(url);
    await expect.poll(() => page.locator('html').getAttribute('data-before-live')).toBe('yes');
    await saveScreenshot(page, 'machine-trend');
  });

  it('shows the state timeline of a machine, running told apart from the rest', async () => {
    const panel = page.getByTestId('state-timeline-panel');
    await panel.getByTestId('machine-state-timeline').locator('canvas').first().waitFor();
    // M-1 ran, went into maintenance and ran again: both states are named, with their time.
    const times = panel.getByTestId('state-time');
    await times.first().waitFor();
    const shown = await times.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-state')),
    );
    expect(shown).toEqual(expect.arrayContaining(['running', 'maintenance']));
    await expect.poll(() => panel.textContent()).toMatch(/Maintenance 1 h/);
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'machine-state-timeline');
  });

  it('shows OEE, the state timeline and the raised alert of a line', async () => {
    await goTo(page, 'Lines');
    await page.getByTestId('line-oee-chart').locator('canvas').first().waitFor();
    await page.getByTestId('line-units-chart').locator('canvas').first().waitFor();
    await page.getByTestId('line-timeline').locator('canvas').first().waitFor();
    const row = page.getByTestId('line-alert-row').filter({ hasText: 'M-1' });
    await row.first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('line-alerts').textContent()).toMatch(/temperature/i);
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'lines');
  });

  it("charts an operator's own machines, and says so when a line has no data", async () => {
    // M-9 is registered on a line of its own and has never sent anything.
    await callApi(server.url, 'plant.saveMachine', { lineId: 'L-9', machineId: 'M-9' }, adminToken);
    const operator = { username: 'op-lines', password: 'operator password 1' };
    await callApi(
      server.url,
      'accounts.create',
      {
        ...operator,
        displayName: 'Line Operator',
        role: 'operator',
        assignments: { lines: [], machines: ['M-1', 'M-9'] },
      },
      adminToken,
    );
    await logOut(page);
    await logIn(page, operator.username, operator.password);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await goTo(page, 'Overview');
      await goTo(page, 'Lines');
      await page.getByLabel('Line', { exact: true }).selectOption('L-1');
      const oee = page.getByTestId('line-oee-chart');
      await oee.locator('canvas').first().waitFor();
      await expect
        .poll(() => oee.getAttribute('aria-label'))
        .toBe('OEE of your machines of line L-1 per hour');
      await page.getByTestId('line-units-chart').locator('canvas').first().waitFor();
      await expect.poll(() => page.getByTestId('line-chart-empty').count()).toBe(0);
      await page.waitForTimeout(300);
      await saveScreenshot(page, `lines-operator-${width}`);
    }
    await page.getByLabel('Line', { exact: true }).selectOption('L-9');
    await page.getByTestId('line-chart-empty').first().waitFor();
    await expect
      .poll(() => page.getByTestId('line-chart-empty').first().textContent())
      .toBe('No data for line L-9 in the last 24 h.');
    await expect.poll(() => page.getByTestId('line-oee-chart').count()).toBe(0);
    await saveScreenshot(page, 'lines-operator-no-data-1920');
  });
});
