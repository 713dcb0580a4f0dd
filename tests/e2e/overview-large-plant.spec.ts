import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import { launchBrowser, openPage, startConsole, type ConsoleServer } from './harness';
import { goTo, logIn } from './ui';

const LINES = 11;
const PER_LINE = 20;

/** Past 200 machines the Overview renders only the lines near the screen (LazyLineRow). */
describe('Overview of a large plant', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startConsole();
    const adminToken = await setUpAdmin(server.url);
    // Each machine appears with its first message, as on a real floor.
    const floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    for (let line = 1; line <= LINES; line += 1) {
      for (let machine = 1; machine <= PER_LINE; machine += 1) {
        await floor.telemetry(`L-${String(line).padStart(2, '0')}`, `M-${line}-${machine}`, 60, 1);
      }
    }
    await floor.close();
    await vi.waitFor(
      async () => {
        const machines = await callApi(server.url, 'machines.overview', {}, adminToken);
        expect(machines).toHaveLength(LINES * PER_LINE);
      },
      { timeout: 20_000, interval: 200 },
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
    await goTo(page, 'Overview');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every line but renders the tiles of the lines near the screen only', async () => {
    await expect.poll(() => page.locator('section.line-row').count()).toBe(LINES);
    await page.locator('[data-machine-id="M-1-1"]').waitFor();
    const rendered = await page.getByTestId('machine-tile').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(LINES * PER_LINE);
    const last = page.locator('section.line-row', { hasText: `Line L-${LINES}` });
    await expect.poll(() => last.getAttribute('data-rendered')).toBeNull();
    await expect.poll(() => last.textContent()).toContain(`${PER_LINE} machines`);
  });

  it('renders a line as it is scrolled to, and lets the first ones go', async () => {
    const last = page.locator('section.line-row', { hasText: `Line L-${LINES}` });
    await last.scrollIntoViewIfNeeded();
    await page.locator(`[data-machine-id="M-${LINES}-${PER_LINE}"]`).waitFor();
    await expect.poll(() => last.getAttribute('data-rendered')).toBe('true');
    await expect.poll(() => page.locator('[data-machine-id="M-1-1"]').count()).toBe(0);
  });
});
