import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, callApi, callApiRaw, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { logIn, sessionToken } from './ui';
import { waitFor } from '../helpers/wait';

const OPERATOR = { username: 'op1', displayName: 'Desk Operator', password: 'operator password 1' };
/** The idle lock of the plant for this test: its shortest, one minute. */
const IDLE_MINUTES = 1;

describe('a wall display session', () => {
  let server: ConsoleServer;
  let floor: FakeFloor;
  let browser: Browser;
  let wall: Page;
  let desk: Page;
  let adminToken: string;
  let displayToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'running');
    await floor.state('L-2', 'M-2', 'down', 'jam');
    await floor.state('L-3', 'M-3', 'running');
    await waitFor('the 3 machines registered', async () => {
      const plant = await callApi(server.url, 'plant.list', {}, adminToken);
      return plant.machines.length === 3;
    });
    await callApi(server.url, 'settings.update', { idleLockMinutes: IDLE_MINUTES }, adminToken);
    await callApi(
      server.url,
      'accounts.create',
      { ...OPERATOR, role: 'operator', assignments: { lines: [], machines: ['M-1'] } },
      adminToken,
    );
    browser = await launchBrowser();
    wall = await openPage(browser, server.url);
    await wall.setViewportSize({ width: 1920, height: 1080 });
    desk = await openPage(browser, server.url);
    await desk.setViewportSize({ width: 1366, height: 768 });
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('is started by an admin on the wall screen, whose own session there ends', async () => {
    await wall.goto('/');
    await logIn(wall, ADMIN.username, ADMIN.password);
    const adminOnTheWall = await sessionToken(wall);
    await wall.getByRole('button', { name: 'Display session…' }).click();
    const dialog = wall.getByRole('dialog', { name: 'Start a display session' });
    await dialog.getByLabel('Screen name').fill('Hall A wall');
    await dialog.getByRole('button', { name: 'Start display session' }).click();
    await wall.getByTestId('display-frame').waitFor();
    await wall.getByTestId('wall-view').waitFor();
    await expect
      .poll(() => wall.getByTestId('wall-display-note').textContent())
      .toContain('Hall A wall');
    // No navigation, no alarm banner with its Acknowledge: the wall only looks.
    await expect.poll(() => wall.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await expect.poll(() => wall.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0);
    // The plant strip and the row of machines in alarm or down, whatever line is showing.
    await wall.getByTestId('plant-strip').waitFor();
    await wall.locator('[data-testid="wall-attention-item"][data-machine-id="M-2"]').waitFor();
    await saveScreenshot(wall, 'wall-display-session-1920');

    displayToken = await sessionToken(wall);
    expect(displayToken).not.toBe(adminOnTheWall);
    expect((await callApiRaw(server.url, 'auth.me', {}, adminOnTheWall)).status).toBe(401);
    const events = await callApi(server.url, 'events.list', {}, adminToken);
    expect(JSON.stringify(events)).toContain('view-only display session for the wall screen');
  });

  it('outlives the idle time that locks a desk, and keeps receiving live data', async () => {
    // Sessions that nothing uses from here on: a desk (control) and a display, both via the API.
    const idleDesk = (await callApi(server.url, 'auth.login', OPERATOR)).token;
    const secondAdmin = (await callApi(server.url, 'auth.login', ADMIN)).token;
    const idleDisplay = (
      await callApi(server.url, 'auth.startDisplay', { screen: 'Hall B wall' }, secondAdmin)
    ).token;
    // The desk in a browser: it locks after the idle time; poll for that with a deadline.
    await desk.goto('/');
    await logIn(desk, OPERATOR.username, OPERATOR.password);
    const deadline = Date.now() + (IDLE_MINUTES * 60 + 60) * 1000;
    while ((await desk.getByTestId('lock-screen').count()) === 0) {
      if (Date.now() > deadline) throw new Error('The desk never idle-locked');
      // The wall must stay up all along.
      await expect.poll(() => wall.getByTestId('lock-screen').count()).toBe(0);
      await desk.waitForTimeout(1_000);
    }
    // The idle time has passed for every session made before the desk's login.
    const lockedDesk = await callApiRaw(server.url, 'machines.overview', {}, idleDesk);
    expect(lockedDesk.status).toBe(423);
    expect((await callApiRaw(server.url, 'machines.overview', {}, idleDisplay)).status).toBe(200);
    await expect.poll(() => wall.getByTestId('lock-screen').count()).toBe(0);
    await wall.getByTestId('wall-view').waitFor();
    // Still live: a machine going down elsewhere shows up in the wall's attention row.
    await floor.state('L-3', 'M-3', 'down', 'tool change');
    await wall
      .locator('[data-testid="wall-attention-item"][data-machine-id="M-3"]')
      .locator('[data-testid="state-badge"][data-state="down"]')
      .waitFor({ timeout: 10_000 });
    await saveScreenshot(wall, 'wall-display-session-after-idle-1920');
  });

  it('is refused an acknowledge, a command, a settings change and a password change', async () => {
    // The set-up session has idle-locked by now, as desks do: a fresh login for the checks.
    const admin = (await callApi(server.url, 'auth.login', ADMIN)).token;
    await floor.telemetry('L-1', 'M-1', 130, 10);
    const alertId = await waitFor(
      'an alert on M-1',
      async () => {
        const { alerts } = await callApi(server.url, 'alerts.list', { view: 'active' }, admin);
        return alerts.find((alert) => alert.machineId === 'M-1')?.id;
      },
      { timeoutMs: 15_000, everyMs: 200 },
    );
    const refusals = [
      await callApiRaw(server.url, 'alerts.acknowledge', { id: alertId }, displayToken),
      await callApiRaw(
        server.url,
        'machines.command',
        { machineId: 'M-1', command: 'stop' },
        displayToken,
      ),
      await callApiRaw(server.url, 'settings.update', { plantName: 'Taken over' }, displayToken),
      await callApiRaw(
        server.url,
        'auth.changePassword',
        { currentPassword: ADMIN.password, newPassword: 'a wall took this one' },
        displayToken,
      ),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(JSON.stringify(refusal.body)).toContain('display session may only view');
    }
    // The alert itself could be acknowledged: by a person, from a desk.
    const acknowledged = await callApiRaw(server.url, 'alerts.acknowledge', { id: alertId }, admin);
    expect(acknowledged.status).toBe(200);
  });
});
