import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
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
import { goTo, logIn, sessionToken } from './ui';
import { waitFor } from '../helpers/wait';

const ENGINEER = {
  username: 'eng-r',
  displayName: 'Report engineer',
  password: 'engineer pass 12',
};
const OPERATOR = { username: 'op-r', displayName: 'Report operator', password: 'operator pass 12' };
/** Line 1 is the engineer's; line 2 and its machine must never show up for them. */
const MINE = { line: 'L-1', lineName: 'Assembly 1', machines: ['M-1', 'M-2'] };
const THEIRS = { line: 'L-2', lineName: 'Packing 2', machine: 'M-3', machineName: 'Wrapper Omega' };
const MACHINE_NAMES: Record<string, string> = { 'M-1': 'Press Alpha', 'M-2': 'Press Beta' };
/** A PDF takes headless Chromium a moment; the busy state covers it. */
const GENERATE_MS = 60_000;
/** Report processes and Chromium share two cores with other suites: allow slow steps. */
const STEP_MS = 30_000;

async function openReportPage(browser: Browser, url: string): Promise<Page> {
  const page = await openPage(browser, url);
  page.context().setDefaultTimeout(STEP_MS);
  return page;
}

describe('reports page', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let engineer: Page;
  let adminToken: string;
  let floor: FakeFloor;
  const policyViolations: string[] = [];

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    for (const machineId of MINE.machines) {
      await callApi(
        server.url,
        'plant.saveMachine',
        { lineId: MINE.line, machineId, name: MACHINE_NAMES[machineId] },
        adminToken,
      );
    }
    await callApi(
      server.url,
      'plant.saveMachine',
      { lineId: THEIRS.line, machineId: THEIRS.machine, name: THEIRS.machineName },
      adminToken,
    );
    // Machines first: saving one registers its line, which can then be named.
    for (const { line, lineName } of [MINE, THEIRS]) {
      await callApi(server.url, 'plant.renameLine', { lineId: line, name: lineName }, adminToken);
    }
    await callApi(
      server.url,
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 80, upper: 90 },
      adminToken,
    );
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // Both lines produce and test units, so a report that leaked line 2 would show it.
    const published: [string, string][] = [
      [MINE.line, 'M-1'],
      [MINE.line, 'M-2'],
      [THEIRS.line, THEIRS.machine],
    ];
    for (const [lineId, machineId] of published) {
      await floor.state(lineId, machineId, 'running');
      await floor.telemetry(lineId, machineId, 55, 10);
    }
    let serial = 0;
    for (const [lineId, machineId] of published) {
      for (const value of [84, 85, 86, 92]) {
        serial += 1;
        await floor.testResult(lineId, machineId, { barcode: `SN-R-${serial}`, value });
      }
      await floor.telemetry(lineId, machineId, 57, 14);
    }
    await waitForResults(serial);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: [MINE.line], machines: [] } },
      adminToken,
    );
    await callApi(
      server.url,
      'accounts.create',
      { ...OPERATOR, role: 'operator', assignments: { lines: [], machines: ['M-1'] } },
      adminToken,
    );
    browser = await launchBrowser();
    engineer = await openReportPage(browser, server.url);
    // The preview must render under the app's own Content-Security-Policy.
    engineer.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        policyViolations.push(message.text());
      }
    });
    await engineer.goto('/');
    await logIn(engineer, ENGINEER.username, ENGINEER.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  async function waitForResults(count: number): Promise<void> {
    await waitFor(
      `${count} results stored`,
      async () => {
        const stored = await callApi(server.url, 'results.list', { limit: 100 }, adminToken);
        return stored.results.length >= count;
      },
      { timeoutMs: 15_000, everyMs: 200 },
    );
  }

  async function downloaded(page: Page, click: () => Promise<void>): Promise<Download> {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: GENERATE_MS }),
      click(),
    ]);
    return download;
  }

  async function bytesOf(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFile(path);
  }

  it('offers an engineer only their line and its machines', async () => {
    await goTo(engineer, 'Reports');
    const scope = engineer.getByLabel('Scope');
    await scope.locator('option[value="line:L-1"]').waitFor({ state: 'attached' });
    const options = await scope.locator('option').allTextContents();
    expect(options).toEqual([
      'All my lines',
      `Whole line ${MINE.lineName} (${MINE.line})`,
      `Machine ${MACHINE_NAMES['M-1']} (M-1)`,
      `Machine ${MACHINE_NAMES['M-2']} (M-2)`,
    ]);
    const everything = options.join(' ');
    expect(everything).not.toContain(THEIRS.line);
    expect(everything).not.toContain(THEIRS.machine);
    // Each report type says in one line what it holds.
    await expect.poll(() => engineer.getByRole('radio').count()).toBe(4);
    const shift = engineer.getByRole('radio', { name: 'Shift report', exact: true });
    const summaryId = await shift.getAttribute('aria-describedby');
    await expect.poll(() => engineer.locator(`#${summaryId}`).textContent()).toContain('OEE');
  });

  it('previews a shift report of line 1 in a sandboxed sheet, with its id and SHA-256', async () => {
    await engineer.getByRole('radio', { name: 'Shift report', exact: true }).check();
    await engineer.getByLabel('Range', { exact: true }).selectOption('today');
    await engineer.getByLabel('Scope').selectOption(`line:${MINE.line}`);
    await engineer.getByLabel('Paper', { exact: true }).selectOption('A4');
    await engineer.getByRole('button', { name: 'Preview' }).click();

    const frame = engineer.getByTestId('report-preview');
    await frame.waitFor({ timeout: GENERATE_MS });
    await expect.poll(() => frame.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
    const sheet = engineer.frameLocator('[data-testid="report-preview"]');
    await sheet.getByText('Shift report').first().waitFor();
    const text = (await sheet.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Press Alpha|M-1/);
    expect(text).not.toContain(THEIRS.machine);
    expect(text).not.toContain(THEIRS.machineName);
    expect(text).not.toContain(THEIRS.lineName);
    // UTF-8 decoded: no mojibake of the template's typographic characters.
    expect(text).not.toMatch(/Ã|â€/);

    const receipt = engineer.getByTestId('report-receipt');
    await expect.poll(() => receipt.getByTestId('report-id').textContent()).toMatch(/^SR-/);
    await expect
      .poll(() => receipt.getByTestId('report-sha').textContent())
      .toMatch(/^[0-9a-f]{64}$/);
    expect(policyViolations).toEqual([]);

    // The whole width of the sheet is in view: no sideways scrolling inside the frame.
    const overflow = await frame.evaluate(
      (element: {
        contentDocument: { documentElement: { scrollWidth: number; clientWidth: number } };
      }) =>
        element.contentDocument.documentElement.scrollWidth -
        element.contentDocument.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // The form and the sheet scroll on their own; show both from the top, then further down.
    await engineer.evaluate(
      "document.querySelector('.report-form').scrollTo(0, 0);" +
        "document.querySelector('.report-desk').scrollTo(0, 0);",
    );
    await saveScreenshot(engineer, 'reports-preview');
    await engineer.evaluate("document.querySelector('.report-desk').scrollTo(0, 1100)");
    await saveScreenshot(engineer, 'reports-preview-tables');
    // The desktop app's window is 1440 x 900: the sheet must still fit beside the choices.
    await engineer.setViewportSize({ width: 1440, height: 900 });
    await engineer.evaluate("document.querySelector('.report-desk').scrollTo(0, 0)");
    const desk = await engineer.evaluate(
      "(() => { const d = document.querySelector('.report-desk'); return d.scrollWidth - d.clientWidth; })()",
    );
    expect(desk).toBeLessThanOrEqual(0);
    await saveScreenshot(engineer, 'reports-preview-1440');
    // Narrower still, the sheet goes under the choices.
    await engineer.setViewportSize({ width: 1280, height: 800 });
    await saveScreenshot(engineer, 'reports-preview-1280');
    await engineer.setViewportSize({ width: 1600, height: 900 });
  });

  it('downloads the PDF, the CSV ZIP and one table as CSV', async () => {
    const pdf = await downloaded(engineer, () =>
      engineer.getByRole('button', { name: 'Download PDF' }).click(),
    );
    expect(pdf.suggestedFilename()).toMatch(/^linewatch-shift-L-1-.*\.pdf$/);
    expect((await bytesOf(pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await expect.poll(() => engineer.getByTestId('report-id').textContent()).toMatch(/^SR-/);

    const zip = await downloaded(engineer, () =>
      engineer.getByRole('button', { name: 'Download CSV (all tables, ZIP)' }).click(),
    );
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    expect((await bytesOf(zip)).subarray(0, 2).toString('latin1')).toBe('PK');

    await engineer.getByRole('button', { name: /CSV of one table/ }).click();
    const tables = engineer.getByRole('list', { name: 'Report tables' }).getByRole('button');
    await tables.first().waitFor({ timeout: GENERATE_MS });
    await saveScreenshot(engineer, 'reports-table-menu');
    const csv = await downloaded(engineer, () => tables.first().click());
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const content = (await bytesOf(csv)).toString('utf8').replace(/^\uFEFF/, '');
    expect(content.split(/\r?\n/)[0]?.length).toBeGreaterThan(0);
    expect(content).not.toContain(THEIRS.machine);
  });

  it('prints the sheet in view, and says when the choices have moved on', async () => {
    // The frame runs no script of its own; the app may still reach it (same origin) to print.
    await engineer.evaluate(
      'const sheet = document.querySelector(\'[data-testid="report-preview"]\').contentWindow;' +
        'sheet.print = () => { window.printedSheets = (window.printedSheets || 0) + 1; };',
    );
    await engineer.getByRole('button', { name: 'Print…' }).click();
    await expect
      .poll(() => engineer.evaluate('window.printedSheets'), { timeout: STEP_MS })
      .toBe(1);

    await engineer.getByLabel('Paper', { exact: true }).selectOption('Letter');
    await engineer.getByText('The choices have changed since this preview').waitFor();
    await engineer.getByLabel('Paper', { exact: true }).selectOption('A4');
    await expect
      .poll(() => engineer.getByText('The choices have changed since this preview').count())
      .toBe(0);
  });

  it('draws the preview sheet as wide as the chosen paper', async () => {
    const sheetWidth = () =>
      engineer
        .frameLocator('[data-testid="report-preview"]')
        .locator('main.page')
        .evaluate((page: { getBoundingClientRect(): { width: number } }) =>
          Math.round(page.getBoundingClientRect().width),
        );
    // CSS pixels are 1/96 in: A4 is 210 mm = 794 px, Letter 8.5 in = 816 px.
    expect(await sheetWidth()).toBe(794);
    await engineer.getByLabel('Paper', { exact: true }).selectOption('Letter');
    await engineer.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(sheetWidth, { timeout: GENERATE_MS }).toBe(816);
    await saveScreenshot(engineer, 'reports-preview-letter');
    await engineer.getByLabel('Paper', { exact: true }).selectOption('A4');
    await engineer.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(sheetWidth, { timeout: GENERATE_MS }).toBe(794);
  });

  it('explains a range it cannot send, and a refusal from the server', async () => {
    const range = engineer.getByLabel('Range', { exact: true });
    await range.selectOption('custom');
    // Custom starts from the range that was on screen.
    await expect
      .poll(() => engineer.getByLabel('From', { exact: true }).inputValue())
      .toMatch(/T00:00$/);
    await engineer.getByLabel('To', { exact: true }).fill('2020-01-01T08:00');
    await engineer.getByText('The end must be after the start.').waitFor();
    await expect
      .poll(() => engineer.getByRole('button', { name: 'Preview' }).isDisabled())
      .toBe(true);
    await range.selectOption('today');

    // An admin takes line 1 away while the page still offers it: the refusal is in words.
    const accounts = await callApi(server.url, 'accounts.list', {}, adminToken);
    const account = accounts.find((candidate) => candidate.username === ENGINEER.username);
    if (!account) throw new Error('engineer account missing');
    const assign = (lines: string[]) =>
      callApi(
        server.url,
        'accounts.setAssignments',
        { id: account.id, assignments: { lines, machines: [] } },
        adminToken,
      );
    await assign(['L-9']);
    try {
      await engineer.getByRole('button', { name: 'Download PDF' }).click();
      const error = engineer.getByTestId('error-message');
      await error.waitFor({ timeout: GENERATE_MS });
      await expect
        .poll(() => error.textContent())
        .toContain(`line ${MINE.line} is not assigned to you`);
    } finally {
      await assign([MINE.line]);
    }
  });

  it('refuses line 2 to the engineer and reports to operators', async () => {
    const engineerToken = await sessionToken(engineer);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date().toISOString();
    const foreign = await callApiRaw(
      server.url,
      'reports.build',
      { type: 'shift', from, to, line: THEIRS.line, format: 'json', paper: 'A4' },
      engineerToken,
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ message: `line ${THEIRS.line} is not assigned to you` });

    const operator = await openReportPage(browser, server.url);
    await operator.goto('/');
    await logIn(operator, OPERATOR.username, OPERATOR.password);
    const nav = operator.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Overview' }).waitFor();
    await expect.poll(() => nav.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    const refused = await callApiRaw(
      server.url,
      'reports.build',
      { type: 'shift', from, to, format: 'json', paper: 'A4' },
      await sessionToken(operator),
    );
    expect(refused.status).toBe(403);
    await operator.context().close();
  });

  it('lets an admin set the end-of-shift export folder and paper', async () => {
    const admin = await openReportPage(browser, server.url);
    await admin.goto('/');
    await logIn(admin, ADMIN.username, ADMIN.password);
    await goTo(admin, 'Settings');
    const form = admin.getByRole('form', { name: 'Plant settings' });
    const folder = form.getByLabel('Shift report folder');
    await expect.poll(() => folder.isEnabled(), { timeout: STEP_MS }).toBe(true);
    await form.getByText('written there as PDF at the end of every shift').waitFor();

    await folder.fill('relative/folder');
    await form.getByRole('button', { name: 'Save plant settings' }).click();
    await form.getByText('must be an absolute path').waitFor();

    await folder.fill('/srv/linewatch/shift-reports');
    await form.getByLabel('Shift report paper').selectOption('Letter');
    await form.getByRole('button', { name: 'Save plant settings' }).click();
    await form.getByText('Plant settings saved.').waitFor();
    const saved = await callApi(server.url, 'settings.get', {}, adminToken);
    expect(saved.shiftReportFolder).toBe('/srv/linewatch/shift-reports');
    expect(saved.shiftReportPaper).toBe('Letter');
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(admin, 'settings-shift-export');

    // Empty switches the export off.
    await folder.fill('');
    await form.getByRole('button', { name: 'Save plant settings' }).click();
    await form.getByText('Plant settings saved.').waitFor();
    await expect
      .poll(
        async () => (await callApi(server.url, 'settings.get', {}, adminToken)).shiftReportFolder,
        { timeout: STEP_MS },
      )
      .toBeNull();
    await admin.context().close();
  });
});
