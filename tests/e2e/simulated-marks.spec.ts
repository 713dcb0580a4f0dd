import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpRequest } from '../../src/shared/http-route';
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

/** The simulator registers MACH-1-01 on LINE-1 (one line, one machine); REAL-M is a real one. */
const SIM = 'MACH-1-01';
const REAL = 'REAL-M';
const LINE = 'LINE-1';

/** The mark is there (waits for it) or not (after the row itself is there). */
async function expectMark(row: Locator, marked: boolean): Promise<void> {
  await row.first().waitFor();
  if (marked) await row.first().getByTestId('sim-mark').waitFor();
  else expect(await row.first().getByTestId('sim-mark').count()).toBe(0);
}

describe('simulated machines are marked on every screen and left out of reports unless asked', () => {
  let server: ConsoleServer;
  let floor: FakeFloor;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    const run = { lines: 1, machinesPerLine: 1, rate: 1, seed: 5, scenarios: [] };
    await callApi(server.url, 'simulator.start', run, adminToken);
    await waitFor('the simulator to register its machine', async () => {
      const plant = await callApi(server.url, 'plant.list', {}, adminToken);
      return plant.machines.some((machine) => machine.id === SIM && machine.simulated);
    });
    await callApi(server.url, 'simulator.stop', {}, adminToken);
    // From here on the floor speaks for both: the simulated machine overheats, the real one runs.
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state(LINE, REAL, 'running');
    await floor.telemetry(LINE, REAL, 65, 100);
    await floor.testResult(LINE, REAL, { barcode: 'SN-REAL-1', value: 5 });
    await floor.state(LINE, SIM, 'running');
    await floor.testResult(LINE, SIM, { barcode: 'SN-SIM-1', value: 5 });
    await waitFor('both machines', async () => {
      const plant = await callApi(server.url, 'plant.list', {}, adminToken);
      return plant.machines.some((machine) => machine.id === REAL);
    });
    // Above the simulator defaults' high-high (105 °C): a high alarm on the simulated machine.
    await floor.telemetry(LINE, SIM, 130, 100);
    await waitFor('the simulated machine in alarm', async () => {
      const { alerts } = await callApi(server.url, 'alerts.list', { view: 'active' }, adminToken);
      return alerts.some((alert) => alert.machineId === SIM);
    });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('marks it on the Overview tile, in the alarm banner and on its machine page', async () => {
    await goTo(page, 'Overview');
    await expectMark(page.locator(`[data-testid="machine-tile"][data-machine-id="${SIM}"]`), true);
    await expectMark(
      page.locator(`[data-testid="machine-tile"][data-machine-id="${REAL}"]`),
      false,
    );
    const banner = page.getByTestId('alarm-banner-worst');
    await banner.getByRole('button', { name: SIM }).waitFor();
    await banner.getByTestId('sim-mark').waitFor();

    await page.goto(`/#/machines/${SIM}`);
    await expectMark(page.getByRole('heading', { level: 1 }).filter({ hasText: SIM }), true);
    await saveScreenshot(page, 'sim-machine-page-1366');
    await page.goto(`/#/machines/${REAL}`);
    await expectMark(page.getByRole('heading', { level: 1 }).filter({ hasText: REAL }), false);
  });

  it('marks it on the Lines, Alerts, Quality and Maintenance rows', async () => {
    await goTo(page, 'Lines');
    await expectMark(page.getByTestId('line-alert-row').filter({ hasText: SIM }), true);
    const timeline = page.getByTestId('line-timeline');
    await timeline.waitFor();
    const label = (await timeline.getAttribute('aria-label')) ?? '';
    expect(label).toContain(`simulated: ${SIM}`);
    expect(label).not.toContain(REAL);
    await saveScreenshot(page, 'sim-lines-1366');

    await goTo(page, 'Alerts');
    await expectMark(page.locator(`[data-testid="alert-row"][data-machine="${SIM}"]`), true);

    await goTo(page, 'Quality');
    const results = page.getByTestId('result-table').locator('tbody tr');
    await expectMark(results.filter({ hasText: 'SN-SIM-1' }), true);
    await expectMark(results.filter({ hasText: 'SN-REAL-1' }), false);

    await goTo(page, 'Maintenance');
    await expectMark(page.locator(`[data-testid="maintenance-row"][data-machine="${SIM}"]`), true);
    await expectMark(
      page.locator(`[data-testid="maintenance-row"][data-machine="${REAL}"]`),
      false,
    );
    await saveScreenshot(page, 'sim-maintenance-1366');
  });

  it('marks it on the wall display, in its tile and in the row of machines in alarm', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await goTo(page, 'Overview');
    await page.getByRole('button', { name: 'Wall mode' }).click();
    await expectMark(page.locator(`[data-testid="wall-tile"][data-machine-id="${SIM}"]`), true);
    await expectMark(page.locator(`[data-testid="wall-tile"][data-machine-id="${REAL}"]`), false);
    await expectMark(
      page.locator(`[data-testid="wall-attention-item"][data-machine-id="${SIM}"]`),
      true,
    );
    await saveScreenshot(page, 'sim-wall-1920');
    await page.keyboard.press('Escape');
    await page.getByTestId('page-overview').waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('leaves it out of a report unless "Include simulated machines" is ticked, and says so', async () => {
    await goTo(page, 'Reports');
    await page.getByRole('radio', { name: 'Alarm report', exact: true }).check();
    await page.getByLabel('Range', { exact: true }).selectOption('today');
    const include = page.getByLabel('Include simulated machines');
    await expect.poll(() => include.isChecked()).toBe(false);
    const sheetText = async (): Promise<string> => {
      await page.getByRole('button', { name: 'Preview' }).click();
      const sheet = page.frameLocator('[data-testid="report-preview"]');
      await sheet.getByText('Simulated machines').first().waitFor({ timeout: 60_000 });
      return (await sheet.locator('body').innerText()).replace(/\s+/g, ' ');
    };
    const without = await sheetText();
    expect(without).toMatch(/Simulated machines left out \(1\b/);
    expect(without).not.toContain(SIM);
    await include.check();
    await waitFor('the new preview', async () =>
      /Simulated machines included \(1\)/.test(await sheetText()),
    );
    expect(await sheetText()).toContain(SIM);
    await saveScreenshot(page, 'sim-report-included-1366');

    // The PDF says the same as its preview.
    const pdfText = async (includeSimulated: boolean): Promise<string> => {
      const request = buildHttpRequest('reports.build', {
        type: 'alarm',
        from: new Date(Date.now() - 3_600_000).toISOString(),
        to: new Date().toISOString(),
        format: 'pdf',
        includeSimulated,
        paper: 'A4',
      });
      const response = await fetch(server.url + request.url, {
        method: request.verb,
        headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
        body: request.body,
      });
      expect(response.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'linewatch-sim-pdf-'));
      try {
        const file = join(dir, 'report.pdf');
        writeFileSync(file, Buffer.from(await response.arrayBuffer()));
        return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(await pdfText(false)).toMatch(/Simulated machines left out \(1\b/);
    expect(await pdfText(true)).toMatch(/Simulated machines included \(1\)/);
  });
});
