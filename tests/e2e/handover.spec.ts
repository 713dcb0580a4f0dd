import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn, logOut } from './ui';

const OLGA = { username: 'olga.out', displayName: 'Olga Out', password: 'olga out password 1' };
const PIET = { username: 'piet.in', displayName: 'Piet In', password: 'piet in password 1' };

/** The end of a shift: the outgoing operator hands the line over, the incoming one signs it. */
describe('shift handover', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    await callApi(server.url, 'plant.saveMachine', { lineId: 'L-1', machineId: 'M-1' }, adminToken);
    for (const account of [OLGA, PIET]) {
      await callApi(
        server.url,
        'accounts.create',
        { ...account, role: 'operator', assignments: { lines: [], machines: ['M-1'] } },
        adminToken,
      );
    }
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'down', 'infeed jam');
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('lists what is open and hands the line over with notes', async () => {
    await logIn(page, OLGA.username, OLGA.password);
    await goTo(page, 'Handover');
    const form = page.getByRole('form', { name: 'Hand over the line' });
    // The machine down is listed (it may take a moment for its state to arrive).
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return form.getByRole('region', { name: 'Machines down' }).textContent();
      })
      .toContain('M-1 is down');
    await form.getByLabel('Notes for the next shift').fill('M-1 infeed jams; maintenance is told.');
    await saveScreenshot(page, 'handover-write');
    await form.getByRole('button', { name: 'Hand over line L-1' }).click();
    await form.getByText(/Handed over line L-1/).waitFor();
    const card = page.getByTestId('handover-card').first();
    await card.getByText('Awaiting sign-off').waitFor();
    // The writer cannot sign their own handover: no sign-off form for them.
    await expect.poll(() => card.getByRole('form').count()).toBe(0);
    await logOut(page);
  });

  it('lets the incoming operator sign it off, and logs both', async () => {
    await logIn(page, PIET.username, PIET.password);
    await goTo(page, 'Handover');
    const card = page.getByTestId('handover-card').first();
    await card.getByText('M-1 infeed jams; maintenance is told.').waitFor();
    await card.getByLabel('Sign-off note (optional)').fill('Read.');
    await card.getByRole('button', { name: 'Sign off: I take over line L-1' }).click();
    await card.getByText(/Signed off by piet.in/).waitFor();
    await saveScreenshot(page, 'handover-signed');
    const log = await callApi(server.url, 'events.list', { text: 'line L-1' }, adminToken);
    const messages = log.events.map((event) => event.message);
    expect(messages.some((text) => text.startsWith('olga.out handed over line L-1'))).toBe(true);
    expect(
      messages.some((text) => text.startsWith('piet.in took over line L-1 from olga.out')),
    ).toBe(true);
  });
});
