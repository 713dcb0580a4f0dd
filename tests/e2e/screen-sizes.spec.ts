import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/contract';
import { ADMIN, callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import { launchBrowser, saveScreenshot, startConsole, type ConsoleServer } from './harness';
import { logIn } from './ui';
import { outsideHorizontally, sidewaysScrollers } from './screen-checks';
import { waitFor } from '../helpers/wait';

/**
 * Every page, as every role, at the two screen sizes of the control room (issue 14): no page
 * or table scrolls sideways, and the primary action or verdict of each page is on screen.
 * Screenshots of every visit are kept in artifacts/screenshots/sizes-<size>-<role>-<page>.png.
 */

const SIZES = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1920', width: 1920, height: 1080 },
] as const;

// Long ids on purpose: they are what pushes tables sideways.
const LINE_A = 'LINE-ASSEMBLY-NORTH-01';
const LINE_B = 'LINE-PACKAGING-SOUTH-02';
const MACHINES_A = ['MACH-ASSEMBLY-N01-PRESS-07', 'MACH-ASSEMBLY-N01-WELD-12', 'MACH-A-03'];
const MACHINES_B = ['MACH-PACKAGING-S02-FILLER-04', 'MACH-B-02'];
const ALL_MACHINES = [...MACHINES_A, ...MACHINES_B];

interface Account {
  username: string;
  displayName: string;
  password: string;
  role: Role;
}
const ENGINEER: Account = {
  username: 'eng-north',
  displayName: 'Engineer of the north assembly line',
  password: 'engineer pass 12',
  role: 'engineer',
};
const OPERATOR: Account = {
  username: 'op-north',
  displayName: 'Operator of two north presses',
  password: 'operator pass 12',
  role: 'operator',
};
const TESTER: Account = {
  username: 'tester-1',
  displayName: 'End-of-line tester',
  password: 'tester pass 1234',
  role: 'tester',
};
const ROLES: readonly Account[] = [{ ...ADMIN, role: 'admin' }, ENGINEER, OPERATOR, TESTER];

/** What must be on screen on a page, when the role has it. */
interface Visit {
  /** File-name part of the screenshot. */
  name: string;
  /** Gets the page (and its data) on screen. */
  open: (page: Page) => Promise<void>;
  /** Elements that must lie inside the viewport and their scroll containers horizontally. */
  mustSee?: (page: Page) => { what: string; selector: string }[];
}

describe('every page at every control-room screen size', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    await seedPlant();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  async function seedPlant(): Promise<void> {
    const lineOf = (machineId: string) => (MACHINES_A.includes(machineId) ? LINE_A : LINE_B);
    for (const machineId of ALL_MACHINES) {
      await floor.state(lineOf(machineId), machineId, 'running');
      await floor.telemetry(lineOf(machineId), machineId, 60, 100);
    }
    await waitFor('machines registered', async () => {
      const plant = await callApi(server.url, 'plant.list', {}, adminToken);
      return ALL_MACHINES.every((id) => plant.machines.some((machine) => machine.id === id));
    });
    for (const machineId of ALL_MACHINES) {
      await callApi(
        server.url,
        'thresholds.save',
        { machineId, metric: 'temperature', high: 90, highHigh: 110, onDelayS: 0 },
        adminToken,
      );
    }
    await callApi(
      server.url,
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 80, upper: 90 },
      adminToken,
    );
    for (const account of [ENGINEER, OPERATOR, TESTER]) {
      const assignments =
        account.role === 'operator'
          ? { lines: [], machines: MACHINES_A.slice(0, 2) }
          : { lines: [account.role === 'engineer' ? LINE_A : LINE_B], machines: [] };
      await callApi(server.url, 'accounts.create', { ...account, assignments }, adminToken);
    }
    // Alerts that came and went (history with a "cleared" time) and ones still open.
    for (const machineId of ALL_MACHINES) {
      await floor.telemetry(lineOf(machineId), machineId, 123.7, 130);
    }
    await waitFor('alerts raised', async () => {
      const open = await callApi(server.url, 'alerts.list', { view: 'active' }, adminToken);
      return open.alerts.length >= ALL_MACHINES.length;
    });
    await floor.telemetry(LINE_B, 'MACH-B-02', 50, 140);
    await floor.state(
      LINE_B,
      'MACH-B-02',
      'down',
      'jam in the outfeed conveyor, waiting for parts',
    );
    // Results with long barcodes, passing and failing, on every machine.
    let serial = 0;
    for (const machineId of ALL_MACHINES) {
      for (let i = 0; i < 6; i += 1) {
        serial += 1;
        await floor.testResult(lineOf(machineId), machineId, {
          barcode: `SN-2026-${machineId}-${String(serial).padStart(6, '0')}`,
          productId: 'PROD-A',
          testStep: 'voltage_test',
          value: i % 3 === 0 ? 93.25 : 84.5,
        });
      }
    }
    // Refused messages: bad JSON and a payload that breaks the protocol.
    await floor.publishRaw(`factory/${LINE_A}/${MACHINES_A[0]}/test`, '{"barcode": ');
    await floor.publishRaw(
      `factory/${LINE_A}/${MACHINES_A[1]}/telemetry`,
      JSON.stringify({ timestamp: 'yesterday-ish', temperature: 'very hot', units_produced: -4 }),
    );
    await floor.publishRaw(`factory/${LINE_B}/${MACHINES_B[0]}/state`, 'x'.repeat(400));
    await callApi(
      server.url,
      'maintenance.savePlan',
      {
        machineId: MACHINES_A[0] ?? '',
        intervalRunHours: 0.001,
        intervalUnits: null,
        lastServiceAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
      adminToken,
    );
    await waitFor('results and dead letters stored', async () => {
      const letters = await callApi(server.url, 'deadLetters.list', {}, adminToken);
      const results = await callApi(server.url, 'results.list', {}, adminToken);
      return letters.deadLetters.length >= 3 && results.results.length >= serial;
    });
  }

  const visitsFor = (role: Role): Visit[] => {
    const nav = (label: string, name = label.toLowerCase().replace(/ /g, '-')): Visit => ({
      name,
      open: async (page) => {
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: label, exact: true })
          .click();
        await page.getByRole('heading', { level: 1 }).filter({ hasText: label }).waitFor();
      },
    });
    const visits: Visit[] = [nav('Overview'), nav('Lines')];
    const machine = role === 'tester' ? null : MACHINES_A[0];
    if (machine) {
      visits.push({
        name: 'machine',
        open: async (page) => {
          await page.evaluate(`window.location.hash = '#/machines/${machine}'`);
          await page.getByTestId('machine-results').locator('[data-verdict]').first().waitFor();
        },
        mustSee: () => [
          {
            what: 'the verdict of the newest result on the Machine page',
            selector: '[data-testid="machine-results"] [data-verdict]',
          },
        ],
      });
    }
    if (role !== 'tester') {
      visits.push({
        ...nav('Quality'),
        open: async (page) => {
          await nav('Quality').open(page);
          await page.getByTestId('result-table').locator('[data-verdict]').first().waitFor();
        },
        mustSee: () => [
          {
            what: 'the verdict in Quality results',
            selector: '[data-testid="result-table"] [data-verdict]',
          },
        ],
      });
      visits.push({
        ...nav('Alerts'),
        open: async (page) => {
          await nav('Alerts').open(page);
          await page.getByTestId('alert-row').first().waitFor();
        },
        mustSee: () => [
          {
            what: 'Acknowledge in Alerts',
            selector: '[data-testid="alert-row"] button:text-is("Acknowledge")',
          },
        ],
      });
      visits.push({
        name: 'alert-history',
        open: async (page) => {
          await page.getByRole('tab', { name: 'History' }).click();
          await page.getByTestId('alert-history').waitFor();
        },
        mustSee: () => [
          {
            what: 'the "Cleared" column of the alert history',
            selector: '[data-testid="alert-history"] th:text-is("Cleared")',
          },
        ],
      });
      visits.push(nav('Maintenance'));
      visits.push({
        ...nav('Handover'),
        open: async (page) => {
          await nav('Handover').open(page);
          await page.getByRole('form', { name: 'Hand over the line' }).waitFor();
        },
        mustSee: () => [
          {
            what: 'Hand over in Handover',
            selector: 'form[aria-label="Hand over the line"] button.button-primary',
          },
        ],
      });
    }
    if (role === 'admin' || role === 'engineer') visits.push(nav('Reports'));
    if (role !== 'tester') {
      visits.push({
        ...nav('Event log', 'events'),
        open: async (page) => {
          await nav('Event log').open(page);
          await page.getByTestId('event-table').locator('tbody tr').first().waitFor();
        },
      });
    }
    if (role !== 'operator') {
      visits.push({
        ...nav('Dead letters'),
        open: async (page) => {
          await nav('Dead letters').open(page);
          await page.getByTestId('dead-letter-table').locator('tbody tr').first().waitFor();
        },
        mustSee: () =>
          role === 'tester'
            ? []
            : [
                {
                  what: 'Replay in Dead letters',
                  selector: '[data-testid="dead-letter-table"] button:text-is("Replay")',
                },
              ],
      });
    }
    if (role === 'admin') {
      for (const tab of [
        'Accounts',
        'Lines and machines',
        'Spec limits',
        'Shifts and retention',
        'Broker',
        'Station keys',
        'Backup',
        'Sparkplug',
      ]) {
        visits.push({
          name: `admin-${tab.toLowerCase().replace(/ /g, '-')}`,
          open: async (page) => {
            if (tab === 'Accounts') await nav('Admin').open(page);
            await page.getByRole('tab', { name: tab, exact: true }).click();
          },
        });
      }
    }
    if (role !== 'operator') visits.push(nav('Simulator'));
    visits.push(nav('Settings'));
    return visits;
  };

  for (const size of SIZES) {
    it(`no page scrolls sideways and every primary action shows at ${size.width}×${size.height}`, async () => {
      const problems: string[] = [];
      for (const account of ROLES) {
        const context = await browser.newContext({
          baseURL: server.url,
          viewport: { width: size.width, height: size.height },
          colorScheme: 'dark',
        });
        context.setDefaultTimeout(10_000);
        const page = await context.newPage();
        await page.goto('/');
        await logIn(page, account.username, account.password);
        for (const visit of visitsFor(account.role)) {
          const where = `${size.name} ${account.role} ${visit.name}`;
          try {
            await visit.open(page);
          } catch (error) {
            problems.push(`${where}: did not open (${(error as Error).message.split('\n')[0]})`);
            continue;
          }
          await saveScreenshot(page, `sizes-${size.name}-${account.role}-${visit.name}`);
          for (const overflow of await sidewaysScrollers(page)) {
            problems.push(`${where}: ${overflow}`);
          }
          for (const target of visit.mustSee?.(page) ?? []) {
            const outside = await outsideHorizontally(page, target.selector);
            if (outside) problems.push(`${where}: ${target.what} ${outside}`);
          }
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
