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

/** Live data must be on screen within two seconds of publishing. */
const LIVE_MS = 2_000;

describe('admin: lines and machines, thresholds, spec limits, shifts; alarm and shortcuts', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let admin: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    // This plant has the default alarm limits switched off, so the admin sets M-1's from none
    // (the defaults are covered by machine-alarm-limits.spec.ts).
    const [defaults] = await callApi(server.url, 'limitTemplates.list', {}, adminToken);
    await callApi(
      server.url,
      'limitTemplates.save',
      { name: defaults!.name, autoApply: false, limits: defaults!.limits },
      adminToken,
    );
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await floor.state('L-1', 'M-1', 'running');
    await floor.telemetry('L-1', 'M-1', 55, 100);
    await floor.state('L-1', 'M-2', 'idle');
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

  const openAdminTab = async (tab: string): Promise<void> => {
    await goTo(admin, 'Admin');
    await admin.getByRole('tab', { name: tab }).click();
    await admin.getByRole('heading', { level: 1, name: `Admin · ${tab}` }).waitFor();
  };
  const machineRow = (machineId: string) =>
    admin.getByTestId('admin-machine-table').locator(`tr[data-machine-id="${machineId}"]`);

  it('renames a line, configures a machine and registers one ahead of its first message', async () => {
    await openAdminTab('Lines and machines');
    await machineRow('M-1').waitFor();

    const lineForm = admin.getByRole('form', { name: 'Name of line L-1' });
    await lineForm.getByRole('textbox').fill('Assembly 1');
    await lineForm.getByRole('button', { name: 'Rename' }).click();
    await lineForm.getByText('Saved').waitFor();
    const plant = await callApi(server.url, 'plant.list', {}, adminToken);
    expect(plant.lines.find((line) => line.id === 'L-1')?.name).toBe('Assembly 1');

    await machineRow('M-1').getByRole('button', { name: 'Edit M-1' }).click();
    const settings = admin.locator('form[aria-labelledby="machine-settings-title"]');
    await settings.getByLabel('Name').fill('Press 1');
    await settings.getByLabel('Ideal cycle time (s)').fill('2.5');
    await settings.getByLabel('Heartbeat timeout (s)').fill('3');
    // Checked before sending: the contract allows 5 s at least.
    await settings.getByText('Whole seconds, 5 to 86,400').waitFor();
    await expect
      .poll(() => settings.getByRole('button', { name: 'Save machine' }).isDisabled())
      .toBe(true);
    await settings.getByLabel('Heartbeat timeout (s)').fill('30');
    await settings.getByRole('button', { name: 'Save machine' }).click();
    await machineRow('M-1').getByText('Press 1').waitFor();
    await expect.poll(() => machineRow('M-1').textContent()).toMatch(/2\.5 s.*30 s/);

    const register = admin.getByRole('form', { name: 'Register a machine' });
    await register.getByLabel('Line id').fill('L-2');
    await register.getByLabel('Machine id').fill('M 7');
    await expect
      .poll(() => register.getByRole('button', { name: 'Register machine' }).isDisabled())
      .toBe(true);
    await register.getByLabel('Machine id').fill('M-7');
    await register.getByLabel('Name (optional)').fill('Spare press');
    await register.getByRole('button', { name: 'Register machine' }).click();
    await register.getByText('Registered M-7 on line L-2.').waitFor();
    await machineRow('M-7').getByText('Spare press').waitFor();
    await admin.getByRole('form', { name: 'Name of line L-2' }).waitFor();
  });

  it('changes a threshold, sees it saved, and the new limit raises an alert that rings', async () => {
    // The audible alarm of this screen, switched on in Settings (off by default).
    await goTo(admin, 'Settings');
    await expect.poll(() => admin.getByTestId('alarm-mute').count()).toBe(0);
    await admin.getByLabel('Sound a tone for new high and critical alerts').check();
    const mute = admin.getByTestId('alarm-mute');
    await mute.waitFor();
    await expect.poll(() => mute.getAttribute('data-rings')).toBe('0');
    await saveScreenshot(admin, 'settings-alarm');

    await openAdminTab('Lines and machines');
    await machineRow('M-1').getByRole('button', { name: 'Edit M-1' }).click();
    const panel = admin.getByTestId('threshold-panel');
    await panel.getByText('No limits yet').waitFor();
    const form = panel.getByRole('form', { name: 'Alarm limits' });
    await form.getByLabel('Metric').fill('temperature');
    await form.getByLabel('High', { exact: true }).fill('60');
    await form.getByLabel('Low', { exact: true }).fill('70');
    await form.getByText('Limits must be ordered').waitFor();
    await form.getByLabel('Low', { exact: true }).fill('10');
    await form.getByLabel('High-high').fill('100');
    await form.getByLabel('Deadband').fill('1.5');
    await form.getByLabel('On-delay (s)').fill('0');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await panel.getByText('Saved the temperature limits of M-1.').waitFor();
    const saved = panel.getByTestId('threshold-table').locator('tr[data-metric="temperature"]');
    await saved.waitFor();
    await expect.poll(() => saved.textContent()).toMatch(/100.*60.*10.*1\.5.*0 s.*by admin/);
    await machineRow('M-1').getByText('High 60').waitFor();
    const stored = await callApi(server.url, 'thresholds.list', { machineId: 'M-1' }, adminToken);
    expect(stored).toMatchObject([{ metric: 'temperature', high: 60, highHigh: 100, low: 10 }]);
    await admin.setViewportSize({ width: 1600, height: 1400 });
    // From the top, so the shot shows the title and the tabs above the forms.
    await admin.evaluate("document.getElementById('main-content').scrollTo(0, 0)");
    await saveScreenshot(admin, 'admin-plant');
    await admin.setViewportSize({ width: 1600, height: 900 });

    // Above high-high: a high-priority alert, which sounds the tone once (high alone is medium).
    // Published once the page's live feed is open: a page change re-opens the feed.
    await goTo(admin, 'Alerts');
    await admin.getByTestId('alerts-empty').waitFor();
    await floor.telemetry('L-1', 'M-1', 105, 140);
    const row = admin.locator('[data-testid="alert-row"][data-machine="M-1"]').first();
    await row.waitFor({ timeout: LIVE_MS + 1_000 });
    await expect.poll(() => row.locator('[data-priority="high"]').count()).toBe(1);
    await admin.locator('[data-testid="alarm-mute"][data-rings="1"]').waitFor({ timeout: LIVE_MS });
  });

  it('works the alert list with J and A, not while typing, without ringing again', async () => {
    const help = admin.getByTestId('alert-shortcuts');
    await expect.poll(() => help.textContent()).toMatch(/J.*K.*next \/ previous.*A.*acknowledge/);
    const row = admin.locator('[data-testid="alert-row"][data-machine="M-1"]').first();
    await admin.locator('body').click({ position: { x: 5, y: 5 } });
    await admin.keyboard.press('j');
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');

    // Typing an "a" into a field is typing, not acknowledging.
    await admin.getByRole('tab', { name: 'History' }).click();
    await admin.getByRole('form', { name: 'History filters' }).waitFor();
    await admin.getByRole('tab', { name: 'Active' }).click();
    await row.waitFor();
    await admin.keyboard.press('j');
    await admin.getByRole('button', { name: 'Shelve' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Shelve alert' });
    await dialog.getByLabel('Reason').pressSequentially('a');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => row.textContent()).toContain('Active, unacknowledged');

    await admin.keyboard.press('a');
    await row.getByText('Acknowledged').waitFor();
    await saveScreenshot(admin, 'alerts-shortcuts');
    // The acknowledgement came back on 'alerts.changed': it does not ring.
    await admin.waitForTimeout(1_000);
    await expect.poll(() => admin.getByTestId('alarm-mute').getAttribute('data-rings')).toBe('1');
    await admin.getByTestId('alarm-mute').click();
    await expect
      .poll(() => admin.getByTestId('alarm-mute').getAttribute('aria-pressed'))
      .toBe('true');
  });

  it('previews new spec limits on the Spec limits tab and saves them as a version', async () => {
    await floor.testResult('L-1', 'M-1', { barcode: 'SN-ADMIN-1', value: 85 });
    await openAdminTab('Spec limits');
    const form = admin.getByRole('form', { name: 'New spec limits' });
    await form.getByLabel('Product').fill('PROD-A');
    await form.getByLabel('Test step').fill('voltage_test');
    await form.getByLabel('Lower limit').fill('80');
    await form.getByLabel('Upper limit').fill('84');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = admin.getByTestId('spec-preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toMatch(/NO SPEC → judged: 1/);
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.getByText('Saved PROD-A · voltage_test plant-wide as version 1.').waitFor();
    const table = admin.getByTestId('spec-table');
    await table.getByRole('cell', { name: 'v1', exact: true }).waitFor();
    await expect.poll(() => table.textContent()).toMatch(/PROD-A.*voltage_test.*v1.*80.*84/);
    await saveScreenshot(admin, 'admin-specs');
  });

  it('edits the shifts and the retention', async () => {
    await openAdminTab('Shifts and retention');
    const shifts = admin.getByRole('form', { name: 'Shifts' });
    await expect.poll(() => shifts.getByTestId('shift-row').count()).toBe(3);
    await shifts.getByRole('button', { name: 'Remove shift 3' }).click();
    await shifts.getByRole('button', { name: 'Add a shift' }).click();
    await shifts.getByLabel('Shift 3 name').fill('Night');
    await shifts.getByLabel('Starts at').nth(2).selectOption('14:00');
    await shifts.getByText('Two shifts start at the same hour.').waitFor();
    await shifts.getByLabel('Starts at').nth(2).selectOption('20:00');
    await shifts.getByRole('button', { name: 'Save shifts' }).click();
    await shifts.getByText(/^Shifts saved/).waitFor();

    const retention = admin.getByRole('form', { name: 'Retention' });
    await retention.getByLabel('Raw telemetry (days)').fill('0');
    await retention.getByText('Whole days, 1 to 3,650').waitFor();
    await retention.getByLabel('Raw telemetry (days)').fill('45');
    await retention.getByRole('button', { name: 'Save retention' }).click();
    await retention.getByText(/^Retention saved/).waitFor();

    const settings = await callApi(server.url, 'settings.get', {}, adminToken);
    expect(settings.shifts).toEqual([
      { name: 'Early', start: '06:00' },
      { name: 'Late', start: '14:00' },
      { name: 'Night', start: '20:00' },
    ]);
    expect(settings.rawRetentionDays).toBe(45);
    await saveScreenshot(admin, 'admin-shifts');
  });
});
