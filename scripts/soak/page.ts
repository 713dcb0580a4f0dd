import { chromium, type Browser, type Page } from 'playwright-core';
import type { Alert } from '../../src/shared/contract';
import { SOAK_ADMIN } from './api';

export interface AlertItem {
  id: string;
  state: string;
}

export interface PageComparison {
  equal: boolean;
  shown: number;
  expected: number;
  /** Items that differ (id and state), a few of each side. */
  onlyOnPage: AlertItem[];
  onlyOnServer: AlertItem[];
  stillLoggedIn: boolean;
  bannerShown: boolean;
}

/**
 * The control room's screen: a real Chromium page, logged in, on the Alerts page, open for
 * the whole soak. It must keep its session through every restart and end with exactly the
 * server's alerts.
 */
export class SoakPage {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(baseUrl: string): Promise<SoakPage> {
    const browser = await chromium.launch({
      executablePath: process.env.LINEWATCH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1600, height: 900 },
    });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').fill(SOAK_ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(SOAK_ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await nav.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Alerts' }).waitFor();
    return new SoakPage(browser, page);
  }

  /** The page's alert list against the server's (GET /api/alerts, the same view), item for item. */
  async compare(serverAlerts: readonly Alert[]): Promise<PageComparison> {
    const expected = serverAlerts
      .map((alert) => ({ id: String(alert.id), state: alert.state }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const shown = (
      await this.page.getByTestId('alert-row').evaluateAll((rows) =>
        rows.map((row) => ({
          id: row.getAttribute('data-id') ?? '',
          state: row.getAttribute('data-state') ?? '',
        })),
      )
    ).sort((a, b) => a.id.localeCompare(b.id));
    const key = (item: AlertItem) => `${item.id}:${item.state}`;
    const shownKeys = new Set(shown.map(key));
    const expectedKeys = new Set(expected.map(key));
    const onlyOnPage = shown.filter((item) => !expectedKeys.has(key(item)));
    const onlyOnServer = expected.filter((item) => !shownKeys.has(key(item)));
    return {
      equal:
        onlyOnPage.length === 0 && onlyOnServer.length === 0 && shown.length === expected.length,
      shown: shown.length,
      expected: expected.length,
      onlyOnPage: onlyOnPage.slice(0, 5),
      onlyOnServer: onlyOnServer.slice(0, 5),
      stillLoggedIn: await this.page.getByRole('navigation', { name: 'Main' }).isVisible(),
      bannerShown: await this.page.getByTestId('connection-banner').isVisible(),
    };
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
