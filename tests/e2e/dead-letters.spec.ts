import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';

const ENGINEER = { username: 'dora.dl', displayName: 'Dora DL', password: 'dora dl password 1' };

/** A valid result on L-1/M-1 with some fields replaced: the way stations get it wrong. */
const badResult = (barcode: string, extra: Record<string, unknown>): string =>
  JSON.stringify({
    barcode,
    machine_id: 'M-1',
    product_id: 'PROD-A',
    test_step: 'voltage_test',
    measured_value: 85.5,
    timestamp: new Date().toISOString(),
    ...extra,
  });

describe('dead letters: grouped by reason, new rows held back, a payload corrected and replayed', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;

  const lettersStored = async (count: number): Promise<void> => {
    await vi.waitFor(
      async () => {
        const page = await callApi(server.url, 'deadLetters.list', {}, adminToken);
        expect(page.deadLetters.length).toBe(count);
      },
      { timeout: 10_000, interval: 100 },
    );
  };

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['L-1'], machines: [] } },
      adminToken,
    );
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.publishRaw('factory/L-1/M-1/test', badResult('TXT-1', { measured_value: '85.5' }));
    await floor.publishRaw('factory/L-1/M-1/test', badResult('TXT-2', { measured_value: '86' }));
    await floor.publishRaw('factory/L-1/M-1/test', badResult('', {}));
    await lettersStored(3);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ENGINEER.username, ENGINEER.password);
    await goTo(page, 'Dead letters');
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  const rows = () => page.getByTestId('dead-letter-row');

  it('groups the refusals by reason and shows one group on a click', async () => {
    const groups = page.getByTestId('dead-letter-reasons').locator('tbody tr');
    await expect.poll(() => groups.count()).toBe(2);
    const textGroup = groups.filter({ hasText: 'measured_value' });
    await expect.poll(() => textGroup.locator('td.numeric').first().textContent()).toBe('2');
    await textGroup.getByRole('button', { name: /^Show only/ }).click();
    await expect.poll(() => rows().count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('dead-letter-reason-filter').textContent())
      .toContain('measured_value');
  });

  it('holds back a new refusal as "1 new, show them" instead of moving the rows', async () => {
    const topBefore = await rows().first().getAttribute('data-id');
    await floor.publishRaw('factory/L-1/M-1/test', badResult('TXT-3', { measured_value: 'x' }));
    const offer = page.getByTestId('dead-letters-new');
    await offer.waitFor({ timeout: 10_000 });
    await expect.poll(() => offer.textContent()).toBe('1 new, show them');
    await expect.poll(() => rows().count()).toBe(2);
    await expect.poll(() => rows().first().getAttribute('data-id')).toBe(topBefore);
    await saveScreenshot(page, 'dead-letters-grouped');
    await offer.click();
    await expect.poll(() => rows().count()).toBe(3);
    expect(Number(await rows().first().getAttribute('data-id'))).toBeGreaterThan(Number(topBefore));
    await expect.poll(() => offer.count()).toBe(0);
  });

  it('replays a corrected payload and records the edit in the event log', async () => {
    // The newest refusal, the value sent as "x".
    const row = rows().first();
    const id = Number(await row.getAttribute('data-id'));
    await row.getByRole('button', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit and replay dead letter ${id}` });
    const editor = dialog.getByLabel('Payload');
    const original = await editor.inputValue();
    expect(original).toContain('"measured_value":"x"');
    await editor.fill(original.replace('"measured_value":"x"', '"measured_value":84.5'));
    await saveScreenshot(page, 'dead-letters-edit');
    await dialog.getByRole('button', { name: 'Replay edited payload' }).click();
    await page
      .getByTestId('replay-outcome')
      .getByText(/stored/)
      .waitFor();
    const log = await callApi(
      server.url,
      'events.list',
      { type: 'deadletter.edited', limit: 5 },
      adminToken,
    );
    expect(log.events).toHaveLength(1);
    expect(log.events[0]?.actor).toBe(ENGINEER.username);
    expect(log.events[0]?.message).toContain('"measured_value":84.5');
    const stored = await callApi(server.url, 'results.list', { barcode: 'TXT-3' }, adminToken);
    expect(stored.results.map((result) => result.measuredValue)).toEqual([84.5]);
  });
});
