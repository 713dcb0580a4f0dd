import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

const MACHINES = ['M-1', 'M-2', 'M-3', 'M-4'];
const LIVE_MS = 5_000;
/** A restart of console mode (store, broker) on a busy shared machine. */
const RESTART_MS = 90_000;

/**
 * The Alerts page stays open across three token renewals, a dropped socket and a killed and
 * restarted server, while alerts are raised and acknowledged; it shows the loss honestly
 * (banner, greyed, acknowledge disabled), and ends with exactly the server's alerts.
 */
describe('a live page without holes, and honest about a lost connection', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;
  /** What went over the page's live WebSockets, per connection, both ways. */
  const connections: { fromPage: unknown[]; fromServer: unknown[]; route: WebSocketRoute }[] = [];
  let holdLive = false;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    // The page's clock jumps 3 × 5 minutes: the idle lock must not be what this test sees.
    await callApi(server.url, 'settings.update', { idleLockMinutes: 480 }, adminToken);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    for (const machineId of MACHINES) {
      await floor.state('L-1', machineId, 'running');
      await floor.telemetry('L-1', machineId, 40, 10);
    }
    await vi.waitFor(
      async () => {
        const plant = await callApi(server.url, 'plant.list', {}, adminToken);
        expect(plant.machines.map((machine) => machine.id).sort()).toEqual(MACHINES);
      },
      { timeout: 15_000, interval: 200 },
    );
    for (const machineId of MACHINES) {
      await callApi(
        server.url,
        'thresholds.save',
        { machineId, metric: 'temperature', high: 90, highHigh: 110, onDelayS: 0 },
        adminToken,
      );
    }
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    // A proxy in front of the live socket: it records both ways and can drop the connection.
    await page.routeWebSocket(/\/api\/live$/, (route) => {
      // While held, the page cannot reach the live feed (the server is "still starting").
      if (holdLive) {
        void route.close({ code: 1013, reason: 'test: held' });
        return;
      }
      const toServer = route.connectToServer();
      const record = { fromPage: [] as unknown[], fromServer: [] as unknown[], route };
      connections.push(record);
      route.onMessage((message) => {
        record.fromPage.push(JSON.parse(String(message)));
        toServer.send(message);
      });
      toServer.onMessage((message) => {
        record.fromServer.push(JSON.parse(String(message)));
        route.send(message);
      });
      toServer.onClose((code, reason) => void route.close({ code, reason }));
      route.onClose(() => void toServer.close());
    });
    // The page's timers under control: a token renewal is due every 5 minutes.
    await page.clock.install();
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
    await goTo(page, 'Alerts');
    await page.getByTestId('alerts-empty').waitFor();
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  const row = (machineId: string) =>
    page.locator(`[data-testid="alert-row"][data-machine="${machineId}"]`);
  const raise = (machineId: string) => floor.telemetry('L-1', machineId, 95, 20);
  const ofType = (messages: unknown[], type: string) =>
    messages.filter((message) => (message as { type: string }).type === type);
  const acknowledgeOnPage = async (machineId: string) => {
    await row(machineId).getByRole('button', { name: 'Acknowledge' }).click();
    await row(machineId).and(page.locator('[data-state="active_acked"]')).waitFor();
  };
  const serverAlerts = async (): Promise<Alert[]> =>
    (await callApi(server.url, 'alerts.list', { view: 'active', limit: 500 }, adminToken)).alerts;

  it('renews the token three times on the open socket while alerts come and go', async () => {
    await raise('M-1');
    await row('M-1').waitFor({ timeout: LIVE_MS });
    // The login's token is from this second or before.
    let renewedInSecond = Math.floor(Date.now() / 1000);
    for (let renewal = 1; renewal <= 3; renewal++) {
      // A token is stamped to the second: two renewals within one second would be the same.
      await vi.waitFor(() =>
        expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(renewedInSecond),
      );
      await page.clock.fastForward('05:01');
      await vi.waitFor(
        () => {
          expect(ofType(connections[0]!.fromPage, 'token')).toHaveLength(renewal);
          expect(ofType(connections[0]!.fromServer, 'renewed')).toHaveLength(renewal);
        },
        { timeout: LIVE_MS },
      );
      renewedInSecond = Math.floor(Date.now() / 1000);
      if (renewal === 1) await raise('M-2');
      if (renewal === 2) await acknowledgeOnPage('M-1');
      if (renewal === 3) await raise('M-3');
    }
    await row('M-2').waitFor({ timeout: LIVE_MS });
    await row('M-3').waitFor({ timeout: LIVE_MS });
    // One socket all along: renewing did not reopen it.
    expect(connections).toHaveLength(1);
  });

  it('resumes a dropped socket and gets what was published meanwhile', async () => {
    const dropped = connections[0]!;
    await dropped.route.close({ code: 4000, reason: 'test: network drop' });
    const m2 = (await serverAlerts()).find((alert) => alert.machineId === 'M-2')!;
    await callApi(server.url, 'alerts.acknowledge', { id: m2.id }, adminToken);
    await raise('M-4');
    await vi.waitFor(() => expect(connections.length).toBe(2), { timeout: LIVE_MS });
    const again = connections[1]!;
    await vi.waitFor(() => expect(again.fromServer.length).toBeGreaterThan(0), {
      timeout: LIVE_MS,
    });
    const subscribe = again.fromPage[0] as { type: string; resume?: { feed: string } };
    expect(subscribe.type).toBe('subscribe');
    expect(subscribe.resume?.feed).toBeTruthy();
    expect(again.fromServer[0]).toMatchObject({ type: 'subscribed', resumed: true });
    await row('M-4').waitFor({ timeout: LIVE_MS });
    await row('M-2').and(page.locator('[data-state="active_acked"]')).waitFor();
  });

  it('shows a lost server honestly: banner, greyed data, acknowledge disabled', async () => {
    holdLive = true;
    await server.kill();
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => banner.textContent())
      .toMatch(/^Connection lost at \d\d:\d\d:\d\d; the data shown is from then\./);
    await expect.poll(() => page.locator('.app-frame').getAttribute('data-stale')).toBe('true');
    const acknowledge = row('M-3').getByRole('button', { name: 'Acknowledge' });
    await expect.poll(() => acknowledge.isDisabled()).toBe(true);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await saveScreenshot(page, `connection-lost-${width}x${height}`);
    }
  });

  it('recovers after the restart: reloads what it missed, acts again, equals the server', async () => {
    await server.restart();
    // The broker restarted too (a new port): the floor reconnects.
    await floor.close();
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // Changes the page cannot get live (its feed is held): only a reload after the resync
    // brings them.
    const m3 = (await serverAlerts()).find((alert) => alert.machineId === 'M-3')!;
    await callApi(server.url, 'alerts.acknowledge', { id: m3.id }, adminToken);
    await floor.telemetry('L-1', 'M-4', 40, 30); // back to normal: returned, unacknowledged
    await vi.waitFor(
      async () => {
        const states = new Map(
          (await serverAlerts()).map((alert) => [alert.machineId, alert.state]),
        );
        expect(states.get('M-3')).toBe('active_acked');
        expect(states.get('M-4')).toBe('returned_unacked');
      },
      { timeout: LIVE_MS },
    );
    holdLive = false;
    // The page retries with a growing wait; let its pending retry fire now.
    await page.clock.fastForward('00:31');
    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: RESTART_MS });
    const reconnected = connections.at(-1)!;
    await vi.waitFor(
      () =>
        expect(ofType(reconnected.fromServer, 'resync')).toMatchObject([
          { reason: 'unknown-feed' },
        ]),
      { timeout: LIVE_MS },
    );
    await row('M-3').and(page.locator('[data-state="active_acked"]')).waitFor({ timeout: LIVE_MS });
    await row('M-4').and(page.locator('[data-state="returned_unacked"]')).waitFor();
    // Actions are back: acknowledge on the page, and one more alert comes live.
    const acknowledge = row('M-4').getByRole('button', { name: 'Acknowledge' });
    await expect.poll(() => acknowledge.isEnabled(), { timeout: LIVE_MS }).toBe(true);
    await acknowledge.click();
    await floor.telemetry('L-1', 'M-2', 120, 40); // above high-high
    await vi.waitFor(
      async () => {
        const expected = (await serverAlerts())
          .map((alert) => ({ id: String(alert.id), state: alert.state }))
          .sort((a, b) => a.id.localeCompare(b.id));
        const shown = await page.getByTestId('alert-row').evaluateAll((rows) =>
          rows.map((shownRow) => ({
            id: shownRow.getAttribute('data-id') ?? '',
            state: shownRow.getAttribute('data-state') ?? '',
          })),
        );
        shown.sort((a, b) => a.id.localeCompare(b.id));
        expect(expected.length).toBeGreaterThanOrEqual(3);
        expect(expected.some((alert) => alert.id === String(m3.id))).toBe(true);
        expect(shown).toEqual(expected);
      },
      { timeout: LIVE_MS * 2, interval: 250 },
    );
  });

  it("greys an offline machine's last values, with when it was last seen", async () => {
    await floor.state('L-1', 'M-1', 'offline');
    await goTo(page, 'Overview');
    const tile = page.locator('[data-testid="machine-tile"][data-machine-id="M-1"]');
    await tile.and(page.locator('.machine-offline')).waitFor({ timeout: LIVE_MS });
    await expect.poll(() => tile.textContent()).toContain('Last seen');
    const running = page.locator('[data-testid="machine-tile"][data-machine-id="M-2"]');
    await expect.poll(() => running.getAttribute('class')).not.toContain('machine-offline');
    await tile.click();
    const note = page.getByTestId('machine-offline-note');
    await note.waitFor();
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Offline: the values are from when it was last seen/);
    await expect
      .poll(() => page.getByTestId('machine-header').getAttribute('data-offline'))
      .toBe('true');
  });
});
