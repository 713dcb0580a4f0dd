import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  EventPage,
  Handover,
  HandoverDraft,
  ReportAnswer,
  Session,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

// Shift handover: open items in the writer's scope, notes, a sign-off by someone else, the
// event log, and nobody reading a handover that covers machines outside their scope.
describe('shift handover', () => {
  let t: TestServer;
  let admin: Session;
  let olga: Session; // operator of M-1 (outgoing)
  let piet: Session; // operator of M-1 (incoming)
  let oscar: Session; // operator of M-2, same line
  let erik: Session; // engineer of L-1
  let publisher: mqtt.MqttClient;

  const ok = async <T>(
    method: Parameters<TestServer['http']>[0],
    input: unknown,
    token: string,
  ) => {
    const { status, body } = await t.http(method, input, token);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as T;
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    for (const [lineId, machineId] of [
      ['L-1', 'M-1'],
      ['L-1', 'M-2'],
      ['L-2', 'M-9'],
    ]) {
      await ok('plant.saveMachine', { lineId, machineId }, admin.token);
    }
    olga = await t.createUser(admin.token, 'olga', 'operator', { lines: [], machines: ['M-1'] });
    piet = await t.createUser(admin.token, 'piet', 'operator', { lines: [], machines: ['M-1'] });
    oscar = await t.createUser(admin.token, 'oscar', 'operator', { lines: [], machines: ['M-2'] });
    erik = await t.createUser(admin.token, 'erik', 'engineer', { lines: ['L-1'], machines: [] });
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    publisher = await mqtt.connectAsync(status.brokerUrl);
    const stamp = new Date(t.clock.now()).toISOString();
    for (const machine of ['M-1', 'M-2']) {
      await publisher.publishAsync(
        `factory/L-1/${machine}/state`,
        JSON.stringify({ timestamp: stamp, state: 'down', reason: `SECRET-JAM-${machine}` }),
        { qos: 1 },
      );
    }
    await vi.waitFor(
      async () => {
        const draft = await ok<HandoverDraft>('handover.draft', { lineId: 'L-1' }, erik.token);
        const down = draft.openItems.filter((item) => item.kind === 'machine_down');
        expect(down.map((item) => item.machineId).sort()).toEqual(['M-1', 'M-2']);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await t?.close();
  });

  it('lists what is open on the line as the writer may see it, with the shift running now', async () => {
    const draft = await ok<HandoverDraft>('handover.draft', { lineId: 'L-1' }, olga.token);
    expect(draft.shift).not.toBeNull();
    expect(Date.parse(draft.shift!.startAt)).toBeLessThanOrEqual(t.clock.now());
    expect(Date.parse(draft.shift!.endAt)).toBeGreaterThan(t.clock.now());
    const machines = new Set(draft.openItems.map((item) => item.machineId));
    expect(machines.has('M-1')).toBe(true);
    expect(JSON.stringify(draft)).not.toContain('M-2');
  });

  it('refuses a line the caller has nothing on', async () => {
    expect((await t.http('handover.draft', { lineId: 'L-2' }, olga.token)).status).toBe(403);
    expect((await t.http('handover.write', { lineId: 'L-2', notes: 'x' }, erik.token)).status).toBe(
      403,
    );
  });

  it('writes a handover, logs it, and lets the incoming operator sign it off', async () => {
    const written = await ok<Handover>(
      'handover.write',
      { lineId: 'L-1', notes: 'M-1 infeed jams every hour; maintenance is told.' },
      olga.token,
    );
    expect(written).toMatchObject({ lineId: 'L-1', handedOverBy: 'olga', signedOffBy: null });
    expect(written.openItems.some((item) => item.kind === 'machine_down')).toBe(true);

    const own = await t.http('handover.signOff', { id: written.id }, olga.token);
    expect(own.status).toBe(409);
    expect(JSON.stringify(own.body)).toContain('someone other than who wrote it');

    const signed = await ok<Handover>(
      'handover.signOff',
      { id: written.id, note: 'Read and understood.' },
      piet.token,
    );
    expect(signed).toMatchObject({ signedOffBy: 'piet', signOffNote: 'Read and understood.' });
    expect((await t.http('handover.signOff', { id: written.id }, erik.token)).status).toBe(409);

    const log = await ok<EventPage>('events.list', { text: `handover ${written.id}` }, admin.token);
    const types = log.events.map((event) => event.type).sort();
    expect(types).toEqual(['handover.signed', 'handover.written']);
    expect(log.events.find((e) => e.type === 'handover.signed')?.message).toContain(
      'piet took over line L-1 from olga',
    );
  });

  it("shows a handover only to those who may see all it covers, never M-1's to M-2's operator", async () => {
    const forOscar = await ok<Handover[]>('handover.list', {}, oscar.token);
    expect(forOscar).toEqual([]);
    expect((await t.http('handover.signOff', { id: 1 }, oscar.token)).status).toBe(404);

    const forErik = await ok<Handover[]>('handover.list', { lineId: 'L-1' }, erik.token);
    expect(forErik.map((handover) => handover.handedOverBy)).toContain('olga');

    // An engineer's handover covers the whole line: M-2 included, so no operator reads it.
    await ok<Handover>('handover.write', { lineId: 'L-1', notes: 'SECRET-LINE-NOTE' }, erik.token);
    for (const operator of [olga, piet, oscar]) {
      const seen = await ok<Handover[]>('handover.list', {}, operator.token);
      expect(JSON.stringify(seen)).not.toContain('SECRET-LINE-NOTE');
      expect(JSON.stringify(seen)).not.toContain('M-2');
    }
    const forAdmin = await ok<Handover[]>('handover.list', {}, admin.token);
    expect(forAdmin.map((handover) => handover.handedOverBy).sort()).toEqual(['erik', 'olga']);
    // The one awaiting a sign-off comes first.
    expect(forAdmin[0]).toMatchObject({ handedOverBy: 'erik', signedOffBy: null });
  });

  it('puts the handovers of the shift in the shift report, as its reader may read them', async () => {
    const shiftReport = async (token: string) => {
      const body = await ok<ReportAnswer & { kind: 'report' }>(
        'reports.build',
        {
          type: 'shift',
          line: 'L-1',
          from: new Date(t.clock.now() - 3_600_000).toISOString(),
          to: new Date(t.clock.now() + 60_000).toISOString(),
          format: 'json',
        },
        token,
      );
      const section = body.report.sections.find((candidate) => candidate.key === 'handover');
      expect(section, 'the shift report has a handover section').toBeDefined();
      return section!.tables[0]!.rows;
    };
    const rows = await shiftReport(erik.token);
    expect(rows.map((row) => row[3]).sort()).toEqual(['erik', 'olga']);
    const olgas = rows.find((row) => row[3] === 'olga')!;
    expect(olgas[5]).toBe('M-1 infeed jams every hour; maintenance is told.');
    expect(olgas[6]).toBe('piet');
  });
});
