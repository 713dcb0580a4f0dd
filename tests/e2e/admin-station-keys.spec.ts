import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, callApi, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';

/** Posts one test result as a station would (the protocol's flat body, the key as X-Api-Key). */
async function postAsStation(baseUrl: string, key: string, barcode: string): Promise<number> {
  const response = await fetch(`${baseUrl}/ingest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': key },
    body: JSON.stringify({
      barcode,
      machine_id: 'E2E-ST-1',
      product_id: 'PROD-A',
      test_step: 'voltage_test',
      measured_value: 85.5,
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    }),
  });
  return response.status;
}

describe('Admin · Station keys: create (shown once, copied), use, revoke', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    await callApi(
      server.url,
      'plant.saveMachine',
      { lineId: 'E2E-L', machineId: 'E2E-ST-1' },
      adminToken,
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a key, shows it once with a copy button, and the key posts results', async () => {
    await goTo(page, 'Admin');
    await page.getByRole('tab', { name: 'Station keys' }).click();
    await page.getByTestId('page-admin-station-keys').waitFor();
    await page.getByText('No station keys yet.').waitFor();

    await page.getByLabel('Name').fill('End-of-line tester 1');
    await page.getByLabel('Lines').fill('E2E-L');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('new-station-key-secret').textContent()) ?? '';
    expect(secret).toMatch(/^lwsk_[A-Za-z0-9_-]{43}$/);

    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);

    const row = page.getByTestId('station-keys-table').getByRole('row', { name: /End-of-line/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(secret.slice(0, 13));
    await expect.poll(() => row.textContent()).toContain('lines E2E-L');
    await saveScreenshot(page, 'admin-station-keys');

    expect(await postAsStation(server.url, secret, 'SN-E2E-1')).toBe(200);

    // Shown once: after Done the key is gone from the page, and the list never holds it.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('new-station-key').waitFor({ state: 'detached' });
    await expect.poll(() => page.content()).not.toContain(secret);
    const listed = await callApi(server.url, 'stationKeys.list', {}, adminToken);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // Revoking asks first, then the station is refused.
    await page.getByRole('button', { name: 'Revoke End-of-line tester 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.filter({ hasText: /revoked .* by admin/ }).waitFor();
    expect(await postAsStation(server.url, secret, 'SN-E2E-2')).toBe(401);
  });
});
