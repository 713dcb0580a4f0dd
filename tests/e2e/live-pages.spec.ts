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

const ENGINEER = {
  username: 'eng1',
  displayName: 'Line engineer',
  password: 'engineer password 1',
};
const OPERATOR = { username: 'op1', displayName: 'Operator One', password: 'operator password 1' };
/** What the brief asks of live data: on screen within two seconds of publishing. */
const LIVE_MS = 2_000;

describe('live pages', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // A plant to look at before the test starts: two lines, three machines.
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 64.5, 1200);
    await floor.state('L-1', 'M-2', 'idle');
    await floor.state('L-2', 'M-3', 'maintenance', 'belt change');
    await floor.telemetry('L-2', 'M-3', 31.2, 80);
    await callApi(
      server.url,
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 80, upper: 90 },
      adminToken,
    );
    await floor.answerCommands('L-1', 'M-1');
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['L-1'], machines: [] } },
      adminToken,
    );
    await callApi(
      server.url,
      'accounts.create',
      { ...OPERATOR, role: 'operator', assignments: { lines: [], machines: ['M-2'] } },
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

  it('shows a published test result on the Quality page within 2 s', async () => {
    await goTo(admin, 'Quality');
    await admin.getByText(/\d+ results shown/).waitFor();
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-E2E-1', value: 85.5 });
    const row = admin.getByTestId('result-table').getByRole('row').filter({ hasText: 'SN-E2E-1' });
    await row.waitFor({ timeout: LIVE_MS });
    await expect.poll(() => row.textContent()).toContain('PASS');

    // A retest of the same unit: the barcode shows every attempt.
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-E2E-1', value: 95 });
    await row.filter({ hasText: 'FAIL' }).waitFor({ timeout: LIVE_MS });
    await row.first().getByRole('button', { name: 'SN-E2E-1' }).click();
    const history = admin.getByTestId('unit-history');
    await history.getByText('2 tests').waitFor();
    await expect.poll(() => history.textContent()).toContain('attempt 2');
    await admin.setViewportSize({ width: 1600, height: 1500 });
    await saveScreenshot(admin, 'quality');
    await admin.setViewportSize({ width: 1600, height: 900 });
  });

  it('previews new spec limits before saving them', async () => {
    await admin.getByLabel('Barcode').fill('');
    const form = admin.getByRole('form', { name: 'New spec limits' });
    await form.getByLabel('Product').fill('PROD-A');
    await form.getByLabel('Test step').fill('voltage_test');
    await form.getByLabel('Lower limit').fill('86');
    await form.getByLabel('Upper limit').fill('96');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = admin.getByTestId('spec-preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toMatch(/PASS → FAIL: 1/);
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.getByText(/as version 2/).waitFor();
    await admin.getByTestId('spec-table').getByRole('cell', { name: 'v2', exact: true }).waitFor();
  });

  it('shows a new machine tile on the Overview within 2 s', async () => {
    await goTo(admin, 'Overview');
    await admin.locator('[data-machine-id="M-1"]').waitFor();
    await floor.state('L-2', 'M-9', 'down', 'jam');
    const tile = admin.locator('[data-testid="machine-tile"][data-machine-id="M-9"]');
    await tile.waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => tile.getByTestId('state-badge').getAttribute('data-state'))
      .toBe('down');
    await expect.poll(() => tile.textContent()).toContain('jam');
    await admin.getByTestId('broker-status').getByText('Broker Connected').waitFor();
    await saveScreenshot(admin, 'overview');
  });

  it('lets an engineer stop a machine, with confirmation, and sees it go down', async () => {
    const engineer = await openPage(browser, server.url);
    await engineer.goto('/');
    await logIn(engineer, ENGINEER.username, ENGINEER.password);
    // The engineer's line only: M-3 and M-9 are on L-2.
    await engineer.locator('[data-machine-id="M-1"]').waitFor();
    await expect.poll(() => engineer.locator('[data-machine-id="M-3"]').count()).toBe(0);

    await engineer.locator('[data-machine-id="M-1"]').click();
    await engineer.getByTestId('page-machine').waitFor();
    expect(engineer.url()).toContain('#/machines/M-1');
    await engineer.getByTestId('command-panel').getByRole('button', { name: 'Stop' }).click();
    const dialog = engineer.getByRole('dialog');
    await dialog.getByText(/send "stop" to/).waitFor();
    await dialog.getByRole('button', { name: 'Send stop' }).click();
    const result = engineer.getByTestId('command-result');
    await result.locator('[data-status="ok"]').waitFor();
    await expect.poll(() => result.textContent()).toContain('stopped');
    await engineer.getByTestId('command-history').getByText('stopped').waitFor();
    await engineer
      .getByTestId('machine-header')
      .locator('[data-testid="state-badge"][data-state="down"]')
      .waitFor();
    await engineer.getByTestId('downtime-table').getByText('stopped by command').waitFor();
    // A tall screen, as in a control room, so the shot shows every panel of the page.
    await engineer.setViewportSize({ width: 1600, height: 1500 });
    await saveScreenshot(engineer, 'machine');
    await engineer.setViewportSize({ width: 1600, height: 900 });

    await goTo(engineer, 'Overview');
    await engineer
      .locator('[data-machine-id="M-1"] [data-testid="state-badge"][data-state="down"]')
      .waitFor();
    await engineer.context().close();
  });

  it('shows a malformed message on the Dead letters page with its reason, as text', async () => {
    await goTo(admin, 'Dead letters');
    const hostile = '{"barcode": "<img src=x onerror=alert(1)>", "measured_value": ';
    await floor.publishRaw('factory/L-1/M-1/test', hostile);
    const row = admin.getByTestId('dead-letter-row').filter({ hasText: 'factory/L-1/M-1/test' });
    await row.first().waitFor();
    await expect.poll(() => row.first().textContent()).toMatch(/json/i);
    await row.first().getByRole('button', { name: 'Show payload' }).click();
    const payload = admin.getByTestId('dead-letter-payload').first();
    await expect.poll(() => payload.textContent()).toBe(hostile);
    await expect.poll(() => admin.locator('img').count()).toBe(0);
    await row.first().getByRole('button', { name: 'Replay' }).click();
    await admin
      .getByTestId('replay-outcome')
      .getByText(/refused/)
      .waitFor();
    await saveScreenshot(admin, 'dead-letters');
  });

  it('shows an operator only the machine assigned to them, without commands', async () => {
    const operator = await openPage(browser, server.url);
    await operator.goto('/');
    await logIn(operator, OPERATOR.username, OPERATOR.password);
    await operator.locator('[data-testid="machine-tile"][data-machine-id="M-2"]').waitFor();
    await expect.poll(() => operator.getByTestId('machine-tile').count()).toBe(1);
    const nav = operator.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: 'Dead letters' }).count()).toBe(0);

    await operator.getByTestId('machine-tile').click();
    await operator.getByTestId('page-machine').waitFor();
    await operator.getByRole('heading', { name: 'Command history' }).waitFor();
    await expect.poll(() => operator.getByTestId('command-panel').count()).toBe(0);

    await goTo(operator, 'Quality');
    await operator.getByRole('heading', { name: 'Spec limits' }).waitFor();
    await expect
      .poll(() => operator.getByRole('form', { name: 'New spec limits' }).count())
      .toBe(0);
    await operator.context().close();
  });
});
