import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alert,
  MaintenanceTask,
  Report,
  ReportAnswer,
  Session,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { allTables, cellsOf, tableOf } from './support/report-reading';
import { waitForIngested } from '../../helpers/ingest-wait';
import { waitFor } from '../../helpers/wait';

const MIN = 60_000;
const H = 60 * MIN;
const FROM = Math.floor(Date.now() / H) * H - 3 * H;
const HOSTILE_NAME = '<script>alert(1)</script>';
const HOSTILE_PRODUCT = `P"Q'1 </td>`;
const TYPES = ['shift', 'quality', 'alarm', 'maintenance'] as const;
// What only line L-2 has: its machine, its line and its product.
const OTHER_LINE = ['M-3', 'L-2', 'P-OTHER'];

describe('report scope and hostile strings', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let to: number;

  const build = async (token: string, type: string, extra: Record<string, unknown> = {}) =>
    t.http(
      'reports.build',
      { type, from: new Date(FROM).toISOString(), to: new Date(to).toISOString(), ...extra },
      token,
    );
  const report = async (token: string, type: string, extra: Record<string, unknown> = {}) => {
    const { status, body } = await build(token, type, extra);
    expect(status, JSON.stringify(body)).toBe(200);
    return (body as ReportAnswer & { kind: 'report' }).report;
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    for (const machine of ['M-1', 'M-3']) {
      await t.http(
        'specs.save',
        {
          productId: machine === 'M-1' ? HOSTILE_PRODUCT : 'P-OTHER',
          testStep: 'voltage',
          lower: 0,
          upper: 10,
          validFrom: new Date(FROM - H).toISOString(),
        },
        admin.token,
      );
    }
    const client = await mqtt.connectAsync(brokerUrl, { clientId: 'report-data-scope' });
    const send = (line: string, machine: string, kind: string, body: object) =>
      client.publishAsync(`factory/${line}/${machine}/${kind}`, JSON.stringify(body), { qos: 1 });
    const machines = [
      ['L-1', 'M-1', HOSTILE_PRODUCT],
      ['L-1', 'M-2', 'P-1'],
      ['L-2', 'M-3', 'P-OTHER'],
    ] as const;
    let messages = 0;
    for (const [line, machine, product] of machines) {
      await send(line, machine, 'state', { timestamp: FROM, state: 'running' });
      await send(line, machine, 'state', {
        timestamp: FROM + 10 * MIN,
        state: 'down',
        reason: 'jam',
      });
      await send(line, machine, 'state', { timestamp: FROM + 20 * MIN, state: 'running' });
      messages += 3;
      for (let minute = 0; minute < 60; minute += 1) {
        await send(line, machine, 'telemetry', {
          timestamp: FROM + minute * MIN,
          temperature: 40,
          units_produced: minute * 2,
        });
        await send(line, machine, 'test', {
          barcode: `SN-${machine}-${minute}`,
          machine_id: machine,
          product_id: product,
          test_step: 'voltage',
          measured_value: minute % 7 === 0 ? 99 : 5,
          timestamp: FROM + minute * MIN + 1000,
        });
        messages += 2;
      }
    }
    await waitForIngested(t, admin.token, messages);
    expect(
      (await t.http('machines.configure', { machineId: 'M-1', name: HOSTILE_NAME }, admin.token))
        .status,
    ).toBe(200);

    // A threshold on both lines, crossed now: alerts on M-1 and M-3, then shelved.
    for (const machine of ['M-1', 'M-3']) {
      const saved = await t.http(
        'thresholds.save',
        { machineId: machine, metric: 'temperature', high: 50 },
        admin.token,
      );
      expect(saved.status).toBe(200);
      const line = machine === 'M-1' ? 'L-1' : 'L-2';
      await send(line, machine, 'telemetry', { timestamp: Date.now(), temperature: 70 });
    }
    await client.endAsync();
    const alerts = await waitForAlerts(t, admin.token, 2);
    for (const alert of alerts) {
      const shelved = await t.http(
        'alerts.shelve',
        { id: alert.id, reason: `sensor "${alert.machineId}" <b>swap</b>`, minutes: 30 },
        admin.token,
      );
      expect(shelved.status).toBe(200);
    }
    // A task done and one overdue on each line.
    for (const machine of ['M-1', 'M-3']) {
      const done = (
        await t.http(
          'maintenance.scheduleTask',
          { machineId: machine, title: `Oil ${machine}` },
          admin.token,
        )
      ).body as MaintenanceTask;
      expect(
        (
          await t.http(
            'maintenance.updateTask',
            { id: done.id, action: 'complete', notes: '<i>done</i> & "ok"' },
            admin.token,
          )
        ).status,
      ).toBe(200);
      await t.http(
        'maintenance.scheduleTask',
        { machineId: machine, title: `Belt ${machine}`, dueAt: new Date(FROM).toISOString() },
        admin.token,
      );
    }
    engineer = await t.createUser(admin.token, 'eng', 'engineer', { lines: ['L-1'], machines: [] });
    operator = await t.createUser(admin.token, 'op', 'operator', { lines: [], machines: ['M-1'] });
    to = Date.now() + MIN;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('gives an engineer of one line only that line’s machines, in every table of every report', async () => {
    for (const type of TYPES) {
      const built: Report = await report(engineer.token, type);
      expect(built.meta.scope.machineIds).toEqual(['M-1', 'M-2']);
      const text = JSON.stringify(built.sections);
      for (const foreign of OTHER_LINE)
        expect(text, `${type} mentions ${foreign}`).not.toContain(foreign);
      // The admin's report of the whole plant does hold the other line: the filter is real.
      const whole = JSON.stringify((await report(admin.token, type)).sections);
      expect(
        OTHER_LINE.some((foreign) => whole.includes(foreign)),
        `${type} for the admin`,
      ).toBe(true);
    }
    const shift = await report(engineer.token, 'shift');
    expect(cellsOf(tableOf(shift, 'downtime')).map((row) => row.reason)).toEqual(['jam', 'jam']);
    const alarm = await report(engineer.token, 'alarm');
    expect(cellsOf(tableOf(alarm, 'shelved'))).toHaveLength(1);
    const maintenance = await report(engineer.token, 'maintenance');
    expect(cellsOf(tableOf(maintenance, 'tasks-done')).map((row) => row.task)).toEqual(['Oil M-1']);
    expect(cellsOf(tableOf(maintenance, 'overdue')).map((row) => row.detail)).toEqual(['Belt M-1']);
  });

  it('refuses a line or machine outside the engineer’s scope, and refuses operators', async () => {
    for (const type of TYPES) {
      expect((await build(engineer.token, type, { line: 'L-2' })).status).toBe(403);
      expect((await build(engineer.token, type, { machine: 'M-3' })).status).toBe(403);
      expect((await build(operator.token, type)).status).toBe(403);
      expect((await build(operator.token, type, { machine: 'M-1' })).status).toBe(403);
    }
    const line = await report(engineer.token, 'shift', { line: 'L-1' });
    expect(line.meta.scope.machineIds).toEqual(['M-1', 'M-2']);
    const machine = await report(engineer.token, 'quality', { machine: 'M-2' });
    expect(cellsOf(tableOf(machine, 'steps')).map((row) => row.product)).toEqual(['P-1']);
  });

  it('returns hostile names, products, reasons and notes as data, unharmed', async () => {
    const shift = await report(admin.token, 'shift', { line: 'L-1' });
    expect(cellsOf(tableOf(shift, 'oee-by-machine')).map((row) => row.machine)).toContain(
      `${HOSTILE_NAME} (M-1)`,
    );
    const quality = await report(admin.token, 'quality');
    expect(cellsOf(tableOf(quality, 'steps')).map((row) => row.product)).toContain(HOSTILE_PRODUCT);
    expect(quality.sections.map((section) => section.title)).toContain(
      `${HOSTILE_PRODUCT} / voltage`,
    );
    // One value in seven is 99, outside 0..10: 9 of the 60 fail.
    const hostileRow = cellsOf(tableOf(quality, 'steps')).find(
      (row) => row.product === HOSTILE_PRODUCT,
    );
    expect(hostileRow).toMatchObject({ count: 60, judged: 60, passed: 51, lower: 0, upper: 10 });
    const alarm = await report(admin.token, 'alarm', { machine: 'M-1' });
    expect(cellsOf(tableOf(alarm, 'shelved'))[0]).toMatchObject({
      machine: `${HOSTILE_NAME} (M-1)`,
      reason: 'sensor "M-1" <b>swap</b>',
      shelvedBy: 'admin',
    });
    const maintenance = await report(admin.token, 'maintenance', { machine: 'M-1' });
    expect(cellsOf(tableOf(maintenance, 'tasks-done'))[0]!.notes).toBe('<i>done</i> & "ok"');
    for (const table of allTables(maintenance)) expect(table.key).toMatch(/^[a-z0-9-]+$/);
  });
});

async function waitForAlerts(t: TestServer, token: string, count: number): Promise<Alert[]> {
  return waitFor(
    `${count} threshold alerts`,
    async () => {
      const { body } = await t.http('alerts.list', { view: 'active' }, token);
      const alerts = (body as { alerts: Alert[] }).alerts.filter(
        (alert) => alert.source === 'threshold',
      );
      return alerts.length >= count && alerts;
    },
    { timeoutMs: 20_000 },
  );
}
