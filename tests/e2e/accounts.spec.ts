import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, callApi, callApiRaw, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn, logOut, sessionToken } from './ui';

const ENGINEER = {
  username: 'eng.anna',
  displayName: 'Anna Engineer',
  password: 'engineer password 1',
};
const OPERATOR = {
  username: 'op.otto',
  displayName: 'Otto Operator',
  password: 'operator password 1',
};

async function createAccount(
  page: Page,
  account: { username: string; displayName: string; password: string },
  role: 'engineer' | 'operator',
  assignments: string,
): Promise<void> {
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Username').fill(account.username);
  await dialog.getByLabel('Display name').fill(account.displayName);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByLabel('First password').fill(account.password);
  const field = role === 'engineer' ? 'Line identifiers' : 'Machine identifiers';
  await dialog.getByLabel(field).fill(assignments);
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await dialog.waitFor({ state: 'detached' });
}

function accountRow(page: Page, username: string): Locator {
  return page.getByTestId(`account-row-${username}`);
}

async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

describe('accounts, roles and the event log', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the admin create an engineer with lines and an operator with machines', async () => {
    await goTo(page, 'Admin');
    await accountRow(page, ADMIN.username).waitFor();

    await createAccount(page, ENGINEER, 'engineer', 'L-1, L-2');
    await createAccount(page, OPERATOR, 'operator', 'M-101,M-102');

    const engineerRow = accountRow(page, ENGINEER.username);
    await expect
      .poll(() => engineerRow.textContent())
      .toMatch(/Anna Engineer.*Engineer.*Active.*Never.*Lines: L-1, L-2/);
    const operatorRow = accountRow(page, OPERATOR.username);
    await expect.poll(() => operatorRow.textContent()).toMatch(/Operator.*Machines: M-101, M-102/);
    await saveScreenshot(page, 'admin-accounts');
  });

  it('refuses a bad identifier before sending and shows server conflicts', async () => {
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Username').fill(OPERATOR.username);
    await dialog.getByLabel('Display name').fill('Duplicate');
    await dialog.getByLabel('First password').fill('long enough password');
    await dialog.getByLabel('Machine identifiers').fill('M-1, bad/id');
    await expect
      .poll(() => dialog.getByText('Not valid identifiers: bad/id').isVisible())
      .toBe(true);
    await dialog.getByLabel('Machine identifiers').fill('M-1');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByTestId('error-message').waitFor();
    await saveScreenshot(page, 'admin-create-conflict');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: `Manage ${ADMIN.username}` }).click();
    const editor = page.getByRole('dialog', { name: `Account ${ADMIN.username}` });
    await editor.getByRole('button', { name: 'Disable account' }).click();
    const error = editor.getByTestId('error-message');
    await error.waitFor();
    await expect
      .poll(() => error.textContent())
      .toMatch(/cannot disable or demote your own account/);
    await saveScreenshot(page, 'admin-account-editor');
    await editor.getByRole('button', { name: 'Close' }).click();
  });

  it('edits, disables, enables and deletes accounts', async () => {
    await page.getByRole('button', { name: `Manage ${OPERATOR.username}` }).click();
    const editor = page.getByRole('dialog', { name: `Account ${OPERATOR.username}` });
    await editor.getByLabel('Display name').fill('Otto Okafor');
    await editor.getByRole('button', { name: 'Save name and role' }).click();
    await editor.getByText('Name and role saved.').waitFor();

    await editor.getByLabel('Machine identifiers').fill('M-101, M-102, M-103');
    await editor.getByRole('button', { name: 'Save assignments' }).click();
    await editor.getByText('Assignments saved.').waitFor();

    await editor.getByLabel('New password').fill('operator password 2');
    await editor.getByRole('button', { name: 'Set new password' }).click();
    await editor.getByText(`New password set for ${OPERATOR.username}.`).waitFor();
    OPERATOR.password = 'operator password 2';

    await editor.getByRole('button', { name: 'Disable account' }).click();
    await editor.getByRole('button', { name: 'Enable account' }).waitFor();
    await expect.poll(() => accountRow(page, OPERATOR.username).textContent()).toMatch(/Disabled/);
    await editor.getByRole('button', { name: 'Enable account' }).click();
    await editor.getByRole('button', { name: 'Disable account' }).waitFor();
    await editor.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => accountRow(page, OPERATOR.username).textContent())
      .toMatch(/Otto Okafor.*Active.*Machines: M-101, M-102, M-103/);

    await createAccount(
      page,
      { username: 'temp.user', displayName: 'Temp', password: 'temporary password' },
      'operator',
      '',
    );
    await page.getByRole('button', { name: 'Manage temp.user' }).click();
    await page.getByRole('button', { name: 'Delete account' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete account' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await accountRow(page, 'temp.user').waitFor({ state: 'detached' });
  });

  it('follows accounts changed elsewhere (live topic accounts.changed)', async () => {
    await callApi(
      server.url,
      'accounts.create',
      {
        username: 'remote.made',
        displayName: 'Made elsewhere',
        role: 'operator',
        password: 'made elsewhere pw',
        assignments: { lines: [], machines: ['M-9'] },
      },
      adminToken,
    );
    await accountRow(page, 'remote.made').waitFor({ timeout: 15_000 });
  });

  it('shows the event log, filters it and prepends live events', async () => {
    await goTo(page, 'Event log');
    await page.getByTestId('event-row').first().waitFor();
    await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(3);
    await saveScreenshot(page, 'event-log');

    await page.getByLabel('Text').fill(ENGINEER.username);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(async () => {
        const rows = await page.getByTestId('event-row').allTextContents();
        return rows.length > 0 && rows.every((row) => row.includes(ENGINEER.username));
      })
      .toBe(true);

    await page.getByRole('button', { name: 'Clear' }).click();
    const before = await page.getByTestId('event-row').count();
    await callApi(server.url, 'accounts.unlock', { id: 2 }, adminToken);
    await expect
      .poll(() => page.getByTestId('event-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(before);

    // More than one page (100 rows): older rows come with "Load older events".
    for (let i = 0; i < 110; i += 1) {
      await callApi(server.url, 'accounts.update', { id: 2, displayName: `Anna ${i}` }, adminToken);
    }
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Load older events' }).click();
    await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(120);
  });

  it('shows the settings page', async () => {
    await goTo(page, 'Settings');
    await page.getByLabel('Plant name').and(page.locator(':enabled')).waitFor();
    await saveScreenshot(page, 'settings');
  });

  it('keeps Admin from operators, in the navigation and in the API', async () => {
    await logOut(page);
    await logIn(page, OPERATOR.username, OPERATOR.password);
    const labels = await navLabels(page);
    expect(labels).toContain('Event log');
    expect(labels).not.toContain('Admin');
    expect(labels).not.toContain('Simulator');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toMatch(/Operator/);

    const token = await sessionToken(page);
    const response = await callApiRaw(server.url, 'accounts.list', {}, token);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });

    // A typed-in admin address falls back to the overview.
    await page.goto('/#/admin');
    await page.getByTestId('page-overview').waitFor();
    await logOut(page);
  });

  it('shows engineers the simulator but not Admin', async () => {
    await logIn(page, ENGINEER.username, ENGINEER.password);
    const labels = await navLabels(page);
    expect(labels).toContain('Simulator');
    expect(labels).not.toContain('Admin');
    await logOut(page);
  });
});
