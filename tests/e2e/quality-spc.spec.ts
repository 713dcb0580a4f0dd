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

const PRODUCT = 'PROD-SPC';
const STEP = 'torque_test';
const LOWER = 82;
const UPPER = 88;
/** 21 points around 84.5, then nine in a row clearly above the mean (Nelson rule 2). */
const SERIES = [
  84.2, 84.6, 85.1, 84.4, 84.4, 83.9, 84.8, 84.1, 84.1, 85.0, 84.3, 83.8, 83.8, 84.7, 84.0, 85.2,
  84.5, 84.5, 83.7, 84.6, 84.2, 86.1, 86.4, 85.9, 86.3, 86.3, 86.0, 86.2, 85.8, 86.2,
];

/** Cp and Cpk computed here on their own (not with the renderer's code) as the reference. */
function expectedCapability(values: readonly number[]): { cp: string; cpk: string } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let ranges = 0;
  for (let i = 1; i < values.length; i += 1) ranges += Math.abs(values[i]! - values[i - 1]!);
  const sigma = ranges / (values.length - 1) / 1.128;
  const cp = (UPPER - LOWER) / (6 * sigma);
  const cpk = Math.min(UPPER - mean, mean - LOWER) / (3 * sigma);
  return { cp: cp.toFixed(2), cpk: cpk.toFixed(2) };
}

describe('quality: process capability and theme', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;

  beforeAll(async () => {
    server = await startConsole();
    const token = await setUpAdmin(server.url);
    await callApi(
      server.url,
      'specs.save',
      { productId: PRODUCT, testStep: STEP, lower: LOWER, upper: UPPER },
      token,
    );
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, token));
    // One at a time, awaited: each is stamped after the one before (the chart's time axis).
    for (const [i, value] of SERIES.entries()) {
      await floor.testResult('L-1', 'M-1', {
        barcode: `SN-SPC-${String(i + 1).padStart(2, '0')}`,
        productId: PRODUCT,
        testStep: STEP,
        value,
      });
    }
    // Ingest is asynchronous: wait until all 30 are stored before opening the page.
    await waitForStored(SERIES.length, token);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  /** Ingest is asynchronous: waits until `count` results of the product and step are stored. */
  async function waitForStored(count: number, token: string): Promise<void> {
    await waitFor(
      `${count} results stored`,
      async () => {
        const { results } = await callApi(
          server.url,
          'results.list',
          { productId: PRODUCT, testStep: STEP, limit: 100 },
          token,
        );
        return results.length === count;
      },
      { timeoutMs: 15_000, everyMs: 200 },
    );
  }

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows Cp, Cpk and the rule 2 run for the chosen product and step', async () => {
    await goTo(page, 'Quality');
    const section = page.getByRole('region', { name: 'Process capability' });
    await section.getByLabel('Product').selectOption(PRODUCT);
    await section.getByLabel('Test step').selectOption(STEP);

    const expected = expectedCapability(SERIES);
    const cp = section.getByTestId('spc-cp');
    await cp.filter({ hasText: expected.cp }).waitFor();
    await expect.poll(() => cp.textContent()).toBe(expected.cp);
    await expect.poll(() => section.getByTestId('spc-cpk').textContent()).toBe(expected.cpk);

    const rules = section.getByTestId('spc-rules');
    await expect
      .poll(() => rules.textContent())
      .toContain('Rule 2: points 22–30 on one side of the mean');
    await section.getByTestId('spc-individuals').locator('canvas').waitFor();
    await section.getByTestId('spc-histogram').locator('canvas').waitFor();

    const yieldRow = section
      .getByTestId('yield-table')
      .getByRole('row')
      .filter({ hasText: PRODUCT });
    await expect.poll(() => yieldRow.textContent()).toContain('100.0 %');

    // Section title at the top of the page's own scroller; the document itself stays put.
    await page.evaluate(
      "document.getElementById('spc-title').scrollIntoView({ block: 'start' });" +
        'document.scrollingElement.scrollTo(0, 0);',
    );
    await saveScreenshot(page, 'quality-spc');
  });

  it('filters the individuals chart by machine and time range, with time on the x axis', async () => {
    const section = page.getByRole('region', { name: 'Process capability' });
    const chart = section.getByTestId('spc-individuals');
    // Another machine's results, now, and M-1's from two hours ago.
    for (let i = 0; i < 5; i += 1) {
      await floor.testResult('L-1', 'M-2', {
        barcode: `SN-SPC-M2-${i}`,
        productId: PRODUCT,
        testStep: STEP,
        value: 87.5,
      });
    }
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    for (let i = 0; i < 4; i += 1) {
      await floor.publishRaw(
        'factory/L-1/M-1/test',
        JSON.stringify({
          barcode: `SN-SPC-OLD-${i}`,
          machine_id: 'M-1',
          product_id: PRODUCT,
          test_step: STEP,
          measured_value: 84.5,
          timestamp: new Date(twoHoursAgo + i * 1000).toISOString(),
        }),
      );
    }
    const token = await callApi(server.url, 'auth.login', ADMIN).then((s) => s.token);
    await waitForStored(SERIES.length + 9, token);
    const label = (expected: RegExp): Promise<void> =>
      expect
        .poll(async () => (await chart.getAttribute('aria-label')) ?? '', { timeout: 10_000 })
        .toMatch(expected);
    // Opened again, so the chart loads what arrived since.
    await goTo(page, 'Overview');
    await goTo(page, 'Quality');
    await section.getByLabel('Product').selectOption(PRODUCT);
    await section.getByLabel('Test step').selectOption(STEP);
    await label(new RegExp(`^Individuals chart of ${SERIES.length + 9} results over time$`));
    await section.getByLabel('Machine', { exact: true }).selectOption('M-1');
    await label(new RegExp(`of ${SERIES.length + 4} results over time on machine M-1$`));
    await section.getByLabel('Time range').selectOption('1h');
    await label(new RegExp(`of ${SERIES.length} results over time on machine M-1$`));
    await expect
      .poll(() => section.getByTestId('spc-rules').textContent())
      .toContain('Rule 2: points 22–30 on one side of the mean');
    await section.getByLabel('Machine', { exact: true }).selectOption('');
    await label(new RegExp(`of ${SERIES.length + 5} results over time$`));
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(
        "document.getElementById('spc-title').scrollIntoView({ block: 'start' });" +
          'document.scrollingElement.scrollTo(0, 0);',
      );
      await saveScreenshot(page, `quality-spc-filters-${width}`);
    }
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it('switches to the light theme and keeps it after a reload', async () => {
    await goTo(page, 'Settings');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('radio', { name: /Light/ }).check();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    await saveScreenshot(page, 'settings-light');

    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(await page.evaluate<string | null>("localStorage.getItem('linewatch.theme')")).toBe(
      'light',
    );
  });
});
