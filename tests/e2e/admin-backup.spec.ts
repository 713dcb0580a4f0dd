import Database from 'better-sqlite3';
import { join } from 'node:path';
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

async function openBackupTab(page: Page): Promise<void> {
  await goTo(page, 'Admin');
  await page.getByRole('tab', { name: 'Backup' }).click();
  await page.getByTestId('page-admin-backup').waitFor();
}

async function verifyAuditLog(page: Page, expected: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  const result = page.getByTestId('audit-result').filter({ hasText: expected });
  await result.waitFor();
  return (await result.textContent()) ?? '';
}

describe('Admin · Backup: back up, verify the audit log, restore after typing RESTORE', () => {
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

  it('says the chain is intact with the number of events the backend checked', async () => {
    await openBackupTab(page);
    const text = await verifyAuditLog(page, /Chain intact/);
    const count = Number(/Chain intact, (\d+) events/.exec(text)?.[1]);
    // The check the button ran is itself logged; the API sees at least as many rows.
    const again = await callApi(server.url, 'audit.verify', {}, adminToken);
    expect(again.ok).toBe(true);
    expect(count).toBeGreaterThan(0);
    expect(again.checked).toBeGreaterThan(count);
  });

  it('makes a backup that shows up in the list', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText(/Backed up to .*linewatch-.*\.sqlite/).waitFor();
    await page.getByTestId('backups-table').getByRole('row').nth(1).waitFor();
    const list = await callApi(server.url, 'backup.list', {}, adminToken);
    expect(list.backups).toHaveLength(1);
    await page.getByTestId(`backup-row-${list.backups[0]!.fileName}`).waitFor();
  });

  it('names the first broken row after someone edits the log behind the app', async () => {
    const db = new Database(join(server.dataDir, 'linewatch.sqlite'));
    try {
      db.exec('DROP TRIGGER events_are_not_updated');
      db.prepare("UPDATE events SET message = 'nothing happened' WHERE id = 2").run();
    } finally {
      db.close();
    }
    expect(await verifyAuditLog(page, /Chain broken/)).toMatch(/Chain broken at row 2: .*edited/);
    await saveScreenshot(page, 'admin-backup-audit-broken');
  });

  it('restores the backup only after RESTORE is typed, then asks everyone to sign in', async () => {
    await callApi(
      server.url,
      'accounts.create',
      {
        username: 'late.user',
        displayName: 'Created After The Backup',
        role: 'operator',
        password: 'late user password 1',
        assignments: { lines: [], machines: [] },
      },
      adminToken,
    );
    const [backup] = (await callApi(server.url, 'backup.list', {}, adminToken)).backups;
    await page.getByRole('button', { name: `Restore ${backup!.fileName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    const restore = dialog.getByRole('button', { name: 'Restore', exact: true });
    await expect.poll(() => restore.isDisabled()).toBe(true);
    await dialog.getByLabel('Type RESTORE to confirm').fill('restore');
    await expect.poll(() => restore.isDisabled()).toBe(true);
    await dialog.getByLabel('Type RESTORE to confirm').fill('RESTORE');
    await saveScreenshot(page, 'admin-backup-restore-dialog');
    await restore.click();

    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByText(`The database was restored from ${backup!.fileName}`).waitFor();
    await saveScreenshot(page, 'admin-backup-restored-login');

    await logIn(page, ADMIN.username, ADMIN.password);
    await goTo(page, 'Admin');
    await page.getByTestId(`account-row-${ADMIN.username}`).waitFor();
    await expect.poll(() => page.getByTestId('account-row-late.user').count()).toBe(0);
    await page.getByRole('tab', { name: 'Backup' }).click();
    // The restored log predates the edit, and its chain goes on through the restore event.
    expect(await verifyAuditLog(page, /Chain intact/)).toMatch(/Chain intact, \d+ events/);
    await page
      .getByTestId('backups-table')
      .getByText(/^before-restore-/)
      .waitFor();
    await saveScreenshot(page, 'admin-backup-after-restore');
    const token = (
      await callApi(server.url, 'auth.login', {
        username: ADMIN.username,
        password: ADMIN.password,
      })
    ).token;
    const users = await callApi(server.url, 'accounts.list', {}, token);
    expect(users.map((user) => user.username)).toEqual([ADMIN.username]);
  });
});
