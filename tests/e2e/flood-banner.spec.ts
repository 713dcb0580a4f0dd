import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import { launchBrowser, openPage, startConsole, type ConsoleServer } from './harness';
import { goTo, logIn } from './ui';

/** Live data must be on screen within two seconds of publishing. */
const LIVE_MS = 2_000;
const LINE = 'L-FL';
const machines = Array.from({ length: 11 }, (_, i) => `FL-${String(i + 1).padStart(2, '0')}`);

/**
 * The whole path of the flood rule: machines go down through the real broker, the backend
 * raises downtime alerts and its live rule announces the flood, `alerts.changed` carries them
 * to the page, and the banner appears by the same rule. The flood is still a flood when its
 * alerts are acknowledged and cleared: the live rule and the report counted them, so the banner
 * must too (it used to count only the alerts still in the active list).
 */
describe('the flood banner follows the shared flood rule', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Page;
  let floor: FakeFloor;
  let token: string;
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    server = await startConsole();
    token = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, token));
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

  const banner = () => admin.getByTestId('flood-banner');
  const rows = () => admin.locator('[data-testid="alert-row"][data-machine^="FL-"]');
  const floodEvents = async () =>
    (await callApi(server.url, 'events.list', { type: 'alerts.flood', limit: 50 }, token)).events;

  it('shows no banner at 10 alerts and shows it live at the 11th, as the backend announces it', async () => {
    await goTo(admin, 'Alerts');
    for (const machineId of machines.slice(0, 10)) await floor.state(LINE, machineId, 'down');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(10);
    // The ten rows came with the same live batches the banner reads: the rule says no flood.
    await expect.poll(() => banner().count()).toBe(0);
    expect(await floodEvents()).toEqual([]);

    await floor.state(LINE, machines[10]!, 'down');
    await banner()
      .filter({ hasText: `line ${LINE}: 11 new alerts` })
      .waitFor({ timeout: LIVE_MS + 1_000 });
    const events = await floodEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ lineId: LINE });
  });

  it('keeps the banner while the flood lasts, after its alerts are acknowledged and cleared', async () => {
    for (const machineId of machines) await floor.state(LINE, machineId, 'running');
    const listed = await vi.waitFor(
      async () => {
        const { alerts } = await callApi(
          server.url,
          'alerts.list',
          { view: 'active', lineId: LINE, limit: 100 },
          token,
        );
        expect(alerts.filter((alert) => alert.state === 'returned_unacked')).toHaveLength(11);
        return alerts;
      },
      { timeout: 10_000 },
    );
    for (const alert of listed) {
      await callApi(server.url, 'alerts.acknowledge', { id: alert.id }, token);
    }
    // Cleared alerts leave the active list live; the flood they made stays on the banner.
    await rows()
      .first()
      .waitFor({ state: 'detached', timeout: LIVE_MS + 1_000 });
    await banner()
      .filter({ hasText: `line ${LINE}: 11 new alerts` })
      .waitFor();

    // A fresh page reads the window's history and comes to the same answer.
    await admin.reload();
    await banner()
      .filter({ hasText: `line ${LINE}: 11 new alerts` })
      .waitFor({ timeout: LIVE_MS + 3_000 });

    // The alarm report lists the same flood on the same line.
    const answer = await callApi(
      server.url,
      'reports.build',
      { type: 'alarm', from: startedAt, to: new Date(Date.now() + 60_000).toISOString() },
      token,
    );
    if (answer.kind !== 'report') throw new Error('expected a JSON report');
    const floods = answer.report.sections
      .flatMap((section) => section.tables)
      .find((table) => table.key === 'floods')!;
    expect(floods.rows).toHaveLength(1);
    expect(floods.rows[0]![0]).toBe(LINE);
    expect(floods.rows[0]![3]).toBe(11);
  });
});
