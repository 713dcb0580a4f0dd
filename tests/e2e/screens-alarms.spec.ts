import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/shared/contract';
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

/** Live data must be on screen within a few seconds of publishing. */
const LIVE_MS = 5_000;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * ISA-101 screens: a machine over its limit stands out in its alarm priority's look, the alarm
 * banner on every page shows the worst alarm and the counts and acknowledges with a comment,
 * the machine page lists its alerts, and wall mode shows a down machine of any line.
 */
describe('alarm look on the Overview, the alarm banner and the wall', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;

  const activeAlerts = async (): Promise<Alert[]> =>
    (await callApi(server.url, 'alerts.list', { view: 'active', limit: 500 }, adminToken)).alerts;
  const unacked = (alerts: Alert[], priority: Alert['priority']): number =>
    alerts.filter(
      (alert) =>
        alert.priority === priority &&
        (alert.state === 'active_unacked' || alert.state === 'returned_unacked'),
    ).length;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 61.2, 500);
    await floor.state('L-1', 'M-2', 'running');
    await floor.telemetry('L-1', 'M-2', 70, 400);
    await floor.state('L-1', 'M-3', 'running');
    await floor.telemetry('L-1', 'M-3', 65, 300);
    await floor.state('L-2', 'M-9', 'running');
    await waitFor(
      'machines registered',
      async () => {
        const plant = await callApi(server.url, 'plant.list', {}, adminToken);
        return plant.machines.length === 4 ? true : null;
      },
      { timeoutMs: 15_000 },
    );
    // M-2 above its high limit (a medium alarm), M-3 above its high-high limit (a high alarm).
    for (const machineId of ['M-1', 'M-2', 'M-3']) {
      await callApi(
        server.url,
        'thresholds.save',
        { machineId, metric: 'temperature', high: 90, highHigh: 110, onDelayS: 0 },
        adminToken,
      );
    }
    await floor.telemetry('L-1', 'M-2', 104.3, 401);
    await floor.telemetry('L-1', 'M-3', 123.7, 301);
    await waitFor(
      'the high and critical alarms',
      async () => {
        const alerts = await activeAlerts();
        return unacked(alerts, 'high') >= 1 && unacked(alerts, 'medium') >= 2 ? true : null;
      },
      { timeoutMs: 15_000 },
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize(SIZES[0]);
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  const tile = (machineId: string) =>
    page.locator(`[data-testid="machine-tile"][data-machine-id="${machineId}"]`);

  it('shows a machine over its limit in its priority look, with the alarm text and the value marked', async () => {
    await goTo(page, 'Overview');
    const m2 = tile('M-2');
    await page
      .locator('[data-testid="machine-tile"][data-machine-id="M-2"][data-alarm-priority="medium"]')
      .waitFor({ timeout: LIVE_MS });
    const m2Alert = (await activeAlerts()).find(
      (alert) => alert.machineId === 'M-2' && alert.source === 'threshold',
    );
    expect(m2Alert).toBeDefined();
    const alarmText = m2.getByTestId('tile-alarm');
    await expect.poll(() => alarmText.getAttribute('title')).toBe(m2Alert!.message);
    await expect.poll(() => alarmText.textContent()).toContain('■');
    const m2Temperature = m2.getByTestId('tile-temperature');
    await expect.poll(() => m2Temperature.getAttribute('data-in-alarm')).toBe('true');
    await expect.poll(() => m2Temperature.textContent()).toContain('104.3');
    // The value and its unit on one line (no "104.3 / °C").
    // String expressions: the tests compile without the DOM library.
    const lines = await page.evaluate<number>(
      `(() => {
        const value = document.querySelector('[data-machine-id="M-2"] [data-testid="tile-temperature"]');
        return Math.round(value.getBoundingClientRect().height / parseFloat(getComputedStyle(value).lineHeight));
      })()`,
    );
    expect(lines).toBe(1);
    await expect.poll(() => tile('M-3').getAttribute('data-alarm-priority')).toBe('high');
    await expect.poll(() => tile('M-3').getByTestId('tile-alarm').textContent()).toContain('▲');

    // A normal tile is neutral: no alarm look, no marked value, its state as quiet text.
    const m1 = tile('M-1');
    await expect.poll(() => m1.getAttribute('data-alarm-priority')).toBeNull();
    await expect.poll(() => m1.getByTestId('tile-alarm').count()).toBe(0);
    await expect
      .poll(() => m1.getByTestId('tile-temperature').getAttribute('data-in-alarm'))
      .toBeNull();
    const quietColour = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-machine-id="M-1"] [data-testid="state-badge"]')).color`,
    );
    const mutedColour = await page.evaluate<string>(
      "getComputedStyle(document.documentElement).getPropertyValue('--text-muted').trim()",
    );
    expect(quietColour).toBe(hexToRgb(mutedColour));

    // The plant strip counts machines per state and unacknowledged alarms per priority.
    const strip = page.getByTestId('plant-strip');
    const alerts = await activeAlerts();
    for (const priority of ['critical', 'high', 'medium', 'low'] as const) {
      await expect
        .poll(() => strip.getByTestId(`strip-${priority}`).getAttribute('data-count'))
        .toBe(String(unacked(alerts, priority)));
    }
    await expect.poll(() => strip.getByText('4 Running').count()).toBe(1);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await saveScreenshot(page, `overview-alarms-${size.width}x${size.height}`);
    }
    await page.setViewportSize(SIZES[0]);
  });

  it('shows the worst alarm in the banner on every page, with the counts per priority, on one line', async () => {
    const banner = page.getByTestId('alarm-banner');
    const alerts = await activeAlerts();
    const worst = alerts.find((alert) => alert.state === 'active_unacked');
    expect(worst?.priority).toBe('high');
    for (const nav of ['Overview', 'Alerts', 'Lines']) {
      await goTo(page, nav);
      await expect.poll(() => banner.getAttribute('data-priority')).toBe('high');
      await expect
        .poll(() => banner.getByTestId('alarm-banner-worst').textContent())
        .toContain(worst!.message);
      for (const priority of ['critical', 'high', 'medium', 'low'] as const) {
        await expect
          .poll(() => banner.getByTestId(`banner-${priority}`).getAttribute('data-count'))
          .toBe(String(unacked(alerts, priority)));
      }
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const box = await banner.boundingBox();
      // One line: no taller than a button row, and nothing wraps onto a second one.
      expect(box!.height).toBeLessThanOrEqual(56);
      await saveScreenshot(page, `alarm-banner-${size.width}x${size.height}`);
    }
    await page.setViewportSize(SIZES[0]);
  });

  it('acknowledges the worst alarm from the banner with a comment, and the banner moves on', async () => {
    const banner = page.getByTestId('alarm-banner');
    const worst = (await activeAlerts()).find(
      (alert) => alert.priority === 'high' && alert.state === 'active_unacked',
    )!;
    expect(worst.machineId).toBe('M-3');
    await banner.getByTestId('alarm-banner-ack').click();
    const dialog = page.getByTestId('acknowledge-dialog');
    await dialog.getByLabel('Comment (optional)').fill('Checked the cooling on M-3');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid="alarm-banner"][data-priority="medium"]')
      .waitFor({ timeout: LIVE_MS });
    await expect.poll(() => banner.getByTestId('banner-high').getAttribute('data-count')).toBe('0');
    const after = (await activeAlerts()).find((alert) => alert.id === worst.id);
    expect(after?.state).toBe('active_acked');
    expect(after?.ackedBy).toBe(ADMIN.username);
    const events = await callApi(
      server.url,
      'events.list',
      { text: 'Checked the cooling on M-3', limit: 10 },
      adminToken,
    );
    expect(events.events.length).toBeGreaterThan(0);
    // The tile drops to its next unacknowledged alarm (medium): acknowledged ones do not colour it.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await waitFor(
      'M-3 tile in the medium look',
      async () =>
        (await tile('M-3').getAttribute('data-alarm-priority')) === 'medium' ? true : null,
      { timeoutMs: 15_000 },
    );
  });

  it('lists the machine’s alerts on its machine page', async () => {
    await tile('M-2').click();
    await page.getByTestId('page-machine').waitFor();
    const mine = (await activeAlerts()).filter((alert) => alert.machineId === 'M-2');
    expect(mine.length).toBeGreaterThan(0);
    const rows = page.getByTestId('machine-alert');
    await waitFor(
      'the machine’s alerts',
      async () => ((await rows.count()) === mine.length ? true : null),
      { timeoutMs: 15_000 },
    );
    const panel = page.getByTestId('machine-alerts');
    await expect.poll(() => panel.textContent()).toContain(mine[0]!.message);
    await expect
      .poll(() => panel.getByRole('button', { name: 'Acknowledge' }).count())
      .toBeGreaterThan(0);
    await expect
      .poll(() => panel.getByRole('button', { name: 'Shelve' }).count())
      .toBe(mine.length);
  });

  it('filters the Active alerts tab by line and machine', async () => {
    await goTo(page, 'Alerts');
    const rows = page.getByTestId('alert-row');
    await rows.first().waitFor();
    await page.getByLabel('Machine').selectOption('M-2');
    await waitFor(
      'only M-2 rows',
      async () => {
        const machines = await page.evaluate<(string | null)[]>(
          `[...document.querySelectorAll('[data-testid="alert-row"]')].map((row) => row.getAttribute('data-machine'))`,
        );
        return machines.length > 0 && machines.every((id) => id === 'M-2') ? true : null;
      },
      { timeoutMs: 15_000 },
    );
    await page.getByLabel('Line').selectOption('L-2');
    await page.getByTestId('alerts-empty').waitFor();
  });

  it('shows a down machine of another line on the wall, whatever line is showing', async () => {
    await floor.state('L-2', 'M-9', 'down', 'jam');
    await goTo(page, 'Overview');
    await page.getByRole('button', { name: 'Wall mode' }).click();
    await page.getByTestId('wall-view').waitFor();
    // The wall shows line L-1; M-9 is on L-2.
    await page.locator('[data-testid="wall-line"][data-line-id="L-1"]').waitFor();
    const item = page.locator('[data-testid="wall-attention-item"][data-machine-id="M-9"]');
    await item.waitFor({ timeout: LIVE_MS });
    await expect.poll(() => item.textContent()).toContain('Down');
    // The machines in alarm are there too, worst first.
    expect(
      await page.locator('[data-testid="wall-attention-item"][data-machine-id="M-2"]').count(),
    ).toBe(1);
    await expect.poll(() => page.getByTestId('plant-strip').isVisible()).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await saveScreenshot(page, `wall-attention-${size.width}x${size.height}`);
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('page-overview').waitFor();
  });
});

function hexToRgb(hex: string): string {
  const value = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((start) => parseInt(value.slice(start, start + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
