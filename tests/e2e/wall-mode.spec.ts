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

describe('wall mode on the Overview', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;

  beforeAll(async () => {
    server = await startConsole();
    const adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // Three lines, as a wall screen would cycle through them.
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 68.2, 1200);
    await floor.state('L-1', 'M-2', 'down', 'jam');
    await floor.telemetry('L-1', 'M-2', 41.5, 310);
    await floor.state('L-1', 'M-3', 'idle');
    await floor.state('L-2', 'M-4', 'maintenance', 'belt change');
    await floor.state('L-2', 'M-5', 'running');
    await floor.state('L-3', 'M-6', 'running');
    await waitFor('the 6 machines registered', async () => {
      const plant = await callApi(server.url, 'plant.list', {}, adminToken);
      return plant.machines.length === 6;
    });
    await callApi(server.url, 'plant.renameLine', { lineId: 'L-1', name: 'Assembly' }, adminToken);
    await callApi(
      server.url,
      'machines.configure',
      { machineId: 'M-1', name: 'Press 1', idealCycleTimeS: 2 },
      adminToken,
    );
    await callApi(
      server.url,
      'thresholds.save',
      { machineId: 'M-2', metric: 'temperature', high: 40, onDelayS: 0 },
      adminToken,
    );
    await floor.telemetry('L-1', 'M-2', 43, 311);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows OEE, units per hour and the last test on the ordinary tiles', async () => {
    await goTo(page, 'Overview');
    const tile = page.locator('[data-testid="machine-tile"][data-machine-id="M-1"]');
    await tile.waitFor();
    await tile.getByTestId('tile-oee').waitFor();
    await tile.getByTestId('tile-units-per-hour').waitFor();
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-WALL-1', value: 85 });
    await tile.getByTestId('tile-last-result').getByText('SN-WALL-1').waitFor({ timeout: 2_000 });
    await page.locator('[data-machine-id="M-2"]').getByTestId('tile-alerts').waitFor();
    await saveScreenshot(page, 'overview-tiles');
  });

  it('enters full screen, hides the navigation, and cycles through the lines', async () => {
    await page.getByLabel('Next line every').selectOption('5');
    const entered = Date.now();
    await page.getByRole('button', { name: 'Wall mode' }).click();
    const wall = page.getByTestId('wall-view');
    await wall.waitFor();
    await expect
      .poll(() => page.evaluate<boolean>('document.fullscreenElement !== null'))
      .toBe(true);
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await expect.poll(() => page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(false);

    const line = page.getByTestId('wall-line');
    await expect.poll(() => line.getAttribute('data-line-id')).toBe('L-1');
    await expect.poll(() => line.textContent()).toBe('Assembly · L-1');
    await expect.poll(() => page.getByTestId('wall-tile').count()).toBe(3);
    const down = page.locator('[data-testid="wall-tile"][data-machine-id="M-2"]');
    // State as shape and word, not colour alone; the active alert counted on the tile.
    await expect.poll(() => down.getByTestId('state-badge').textContent()).toBe('✖Down');
    await expect.poll(() => down.getByTestId('wall-alerts').textContent()).toMatch(/▲\s*[1-9]/);
    const nameSize = await page.evaluate<number>(
      "parseFloat(getComputedStyle(document.querySelector('.wall-tile-name')).fontSize)",
    );
    // Large type: at least 36 px names (about 1 cm high on a 1080p wall screen).
    expect(nameSize).toBeGreaterThanOrEqual(36);
    await saveScreenshot(page, 'wall-mode');

    await page.locator('[data-testid="wall-line"][data-line-id="L-2"]').waitFor({ timeout: 7_000 });
    // The chosen 5 s, not sooner (a margin for the clicks above).
    expect(Date.now() - entered).toBeGreaterThan(4_500);
    await expect.poll(() => page.getByTestId('wall-tile').count()).toBe(2);
    await saveScreenshot(page, 'wall-mode-line-2');
    await page.locator('[data-testid="wall-line"][data-line-id="L-3"]').waitFor({ timeout: 7_000 });
    await page.locator('[data-testid="wall-line"][data-line-id="L-1"]').waitFor({ timeout: 7_000 });
  });

  it('leaves wall mode and full screen with Esc', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('page-overview').waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate<boolean>('document.fullscreenElement === null'))
      .toBe(true);
  });
});
