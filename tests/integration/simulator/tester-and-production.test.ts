import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, Plant, Report, SimulatorStatus } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const RUN = { lines: 1, machinesPerLine: 1, rate: 1, seed: 3, scenarios: [] };

// Linewatch reads a real broker of its own (mosquitto) here: the plant's production broker.
describe('the simulator against a broker other than the embedded one, and the tester role', () => {
  let broker: Mosquitto;
  let t: TestServer;
  let admin: string;
  let tester: string;

  beforeAll(async () => {
    broker = await startMosquitto();
    t = await startTestServer({ ingest: true, brokerUrl: broker.url });
    admin = (await t.setupAdmin()).token;
    tester = (await t.createUser(admin, 'tess', 'tester', { lines: ['LINE-1'], machines: [] }))
      .token;
  });
  afterAll(async () => {
    await t?.close();
    await broker?.dispose();
  });

  it('refuses a start without confirmation, and a confirmation from anyone but an admin', async () => {
    const plain = await t.http('simulator.start', RUN, tester);
    expect(plain.status).toBe(403);
    expect((plain.body as ApiErrorBody).message).toMatch(/confirmProduction.*admin must confirm/);
    const confirmed = await t.http('simulator.start', { ...RUN, confirmProduction: true }, tester);
    expect(confirmed.status).toBe(403);
    expect((confirmed.body as ApiErrorBody).message).toMatch(/only an admin/);
    const unconfirmedAdmin = await t.http('simulator.start', RUN, admin);
    expect(unconfirmedAdmin.status).toBe(403);
    const status = (await t.http('simulator.status', {}, admin)).body as SimulatorStatus;
    expect(status.running).toBe(false);
  });

  it('starts when an admin confirms; its machines are marked simulated and left out of reports', async () => {
    await t.http('plant.saveMachine', { lineId: 'REAL-1', machineId: 'REAL-M' }, admin);
    const started = await t.http('simulator.start', { ...RUN, confirmProduction: true }, admin);
    expect(started.status).toBe(200);
    expect((started.body as SimulatorStatus).brokerUrl).toBe(broker.url);
    expect((await t.http('simulator.stop', {}, admin)).status).toBe(200);

    const plant = (await t.http('plant.list', {}, admin)).body as Plant;
    const flags = Object.fromEntries(plant.machines.map((m) => [m.id, m.simulated]));
    expect(flags).toMatchObject({ 'MACH-1-01': true, 'REAL-M': false });
    const report = async (extra: Record<string, unknown>) => {
      const { body } = await t.http(
        'reports.build',
        {
          type: 'alarm',
          from: new Date(t.clock.now() - 3_600_000).toISOString(),
          to: new Date(t.clock.now()).toISOString(),
          format: 'json',
          ...extra,
        },
        admin,
      );
      return (body as { report: Report }).report.meta.scope;
    };
    const without = await report({});
    expect(without.machineIds).toEqual(['REAL-M']);
    // The report says what it left out, and what it includes when asked.
    expect(without.simulated).toEqual({ included: false, count: 1 });
    const withThem = await report({ includeSimulated: true });
    expect(new Set(withThem.machineIds)).toEqual(new Set(['REAL-M', 'MACH-1-01']));
    expect(withThem.simulated).toEqual({ included: true, count: 1 });
  });

  it('gives testers the plant view, dead letters and the simulator, nothing else', async () => {
    for (const [method, input] of [
      ['plant.list', {}],
      ['machines.overview', {}],
      ['deadLetters.list', {}],
      ['simulator.status', {}],
    ] as const) {
      expect((await t.http(method, input, tester)).status, method).toBe(200);
    }
    for (const [method, input] of [
      ['events.list', {}],
      ['specs.save', { productId: 'P', testStep: 'S', lineId: 'LINE-1', lower: 0, upper: 1 }],
      ['machines.command', { machineId: 'MACH-1-01', command: 'stop' }],
      ['deadLetters.replay', { id: 1 }],
      ['settings.update', { plantName: 'x' }],
      [
        'reports.build',
        { type: 'shift', from: '2026-01-01T00:00:00Z', to: '2026-01-01T08:00:00Z' },
      ],
    ] as const) {
      expect((await t.http(method, input, tester)).status, method).toBe(403);
    }
  });
});
