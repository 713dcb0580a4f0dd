// Admin · Sparkplug in real Chromium against console mode (Sparkplug on, its embedded broker):
// an edge node's unmapped device is listed; the admin maps it to a line and machine and a
// metric to a meaning through the page; the mapping is saved through the API, the node is
// asked for a rebirth and its data flows to the machine. Engineers may not list or map.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkplugEdgeNode } from '../../simulator/sparkplug-edge-node';
import { DataType } from '../../src/backend/ingest/sparkplug/sparkplug-schema';
import { waitFor } from '../helpers/wait';
import { ADMIN, callApi, callApiRaw, setUpAdmin } from './api';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';

describe('Admin · Sparkplug: list unmapped devices, map one, its data flows', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  let node: SparkplugEdgeNode | null = null;

  beforeAll(async () => {
    process.env.LINEWATCH_SPARKPLUG = '1';
    try {
      server = await startConsole();
    } finally {
      delete process.env.LINEWATCH_SPARKPLUG;
    }
    adminToken = await setUpAdmin(server.url);
    const status = await callApi(server.url, 'ingest.status', {}, adminToken);
    node = new SparkplugEdgeNode({
      url: status.brokerUrl,
      groupId: 'Plant',
      edgeNodeId: 'E2E-Node',
    });
    node.addDevice('Station', [
      { name: 'Sensors/Temperature', datatype: DataType.Double, value: 61.5 },
      { name: 'Sensors/Heat', datatype: DataType.Double, value: 70 },
      { name: 'State', datatype: DataType.String, value: 'running' },
    ]);
    await node.connect();
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/');
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await node?.disconnect().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('maps an unmapped device and a metric meaning from the page; data then flows', async () => {
    await waitFor('the device listed', async () => {
      const devices = await callApi(server.url, 'sparkplug.devices', {}, adminToken);
      return devices.find(
        (device) => device.edgeNodeId === 'E2E-Node' && device.deviceId === 'Station',
      );
    });
    await goTo(page, 'Admin');
    await page.getByRole('tab', { name: 'Sparkplug' }).click();
    await page.getByTestId('page-admin-sparkplug').waitFor();
    const row = page
      .getByTestId('sparkplug-devices')
      .getByRole('row', { name: /E2E-Node \/ Station/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('unmapped');

    await page.getByRole('button', { name: 'Map Plant / E2E-Node / Station' }).click();
    const form = page.getByTestId('sparkplug-mapping-form');
    await form.getByLabel('Line').fill('E2E-SPL');
    await form.getByLabel('Machine').fill('E2E-SPM');
    // Sensors/Heat would be an extra metric by its name; the admin says it is the temperature,
    // and Sensors/Temperature is to be ignored.
    await form.getByLabel('Meaning of Sensors/Heat').selectOption({ label: 'Temperature' });
    await form.getByLabel('Meaning of Sensors/Temperature').selectOption({ label: 'Ignore' });
    await saveScreenshot(page, 'admin-sparkplug');
    await form.getByRole('button', { name: 'Save mapping' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByTestId('sparkplug-devices')
      .getByRole('row', { name: /E2E-SPM on E2E-SPL/ })
      .waitFor();

    const [device] = (await callApi(server.url, 'sparkplug.devices', {}, adminToken)).filter(
      (listed) => listed.edgeNodeId === 'E2E-Node' && listed.deviceId === 'Station',
    );
    expect(device).toMatchObject({
      lineId: 'E2E-SPL',
      machineId: 'E2E-SPM',
      roles: { 'Sensors/Heat': 'temperature', 'Sensors/Temperature': 'ignore' },
      mappedBy: ADMIN.username,
    });
    // The mapping asked for a rebirth: the birth's values arrive, read by the new meanings.
    await waitFor('the rebirth', () => ((node?.rebirthRequests ?? 0) > 0 ? true : undefined));
    const machine = await waitFor('the machine with its temperature', async () => {
      const overview = await callApi(
        server.url,
        'machines.overview',
        { lineId: 'E2E-SPL' },
        adminToken,
      );
      return overview.find(
        (snapshot) => snapshot.machineId === 'E2E-SPM' && snapshot.temperature !== null,
      );
    });
    expect(machine.temperature).toBe(70);
  });

  it('refuses the device list and the mapping to an engineer', async () => {
    await callApi(
      server.url,
      'accounts.create',
      {
        username: 'spb.engineer',
        displayName: 'Engineer',
        role: 'engineer',
        password: 'engineer password 1',
        assignments: { lines: ['E2E-SPL'], machines: [] },
      },
      adminToken,
    );
    const { token } = await callApi(server.url, 'auth.login', {
      username: 'spb.engineer',
      password: 'engineer password 1',
    });
    expect((await callApiRaw(server.url, 'sparkplug.devices', {}, token)).status).toBe(403);
    const map = await callApiRaw(
      server.url,
      'sparkplug.map',
      {
        groupId: 'Plant',
        edgeNodeId: 'E2E-Node',
        deviceId: 'Station',
        lineId: null,
        machineId: null,
        roles: {},
      },
      token,
    );
    expect(map.status).toBe(403);
  });
});
