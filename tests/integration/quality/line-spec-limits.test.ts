import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  EventPage,
  Session,
  SpecPreview,
  SpecVersion,
  TestResult,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

// Plant-wide limits are the admins'; a line's own limits are its engineers' and win there.
describe('spec limits per line', () => {
  let t: TestServer;
  let admin: Session;
  let engineer1: Session;
  let engineer2: Session;
  let publisher: mqtt.MqttClient;
  let baseMs = 0;
  const at = (minute: number) => new Date(baseMs + minute * 60_000).toISOString();

  const publish = (line: string, machine: string, barcode: string, value: number, minute: number) =>
    publisher.publishAsync(
      `factory/${line}/${machine}/test`,
      JSON.stringify({
        barcode,
        machine_id: machine,
        product_id: 'PROD-L',
        test_step: 'torque',
        measured_value: value,
        timestamp: at(minute),
      }),
      { qos: 1 },
    );
  const result = (barcode: string) =>
    vi.waitFor(
      async () => {
        const { body } = await t.http('results.list', { barcode }, admin.token);
        const found = (body as { results: TestResult[] }).results[0];
        if (!found) throw new Error(`no result ${barcode} yet`);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
  const save = (token: string, spec: Record<string, unknown>) =>
    t.http('specs.save', { productId: 'PROD-L', testStep: 'torque', ...spec }, token);

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    baseMs = t.clock.now() - 2 * 3_600_000;
    admin = await t.setupAdmin();
    for (const [lineId, machineId] of [
      ['L-1', 'M-1'],
      ['L-2', 'M-2'],
    ]) {
      expect((await t.http('plant.saveMachine', { lineId, machineId }, admin.token)).status).toBe(
        200,
      );
    }
    engineer1 = await t.createUser(admin.token, 'eng1', 'engineer', {
      lines: ['L-1'],
      machines: [],
    });
    engineer2 = await t.createUser(admin.token, 'eng2', 'engineer', {
      lines: ['L-2'],
      machines: [],
    });
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    publisher = await mqtt.connectAsync(status.brokerUrl);

    expect((await save(admin.token, { lower: 0, upper: 10, validFrom: at(0) })).status).toBe(200);
    const line = await save(engineer1.token, {
      lineId: 'L-1',
      lower: 0,
      upper: 5,
      validFrom: at(30),
    });
    expect(line.status).toBe(200);
    expect(line.body).toMatchObject({ lineId: 'L-1', version: 2 });
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await t?.close();
  });

  it('lets only admins set plant-wide limits, and engineers only their own line', async () => {
    const plantWide = await save(engineer1.token, { lower: 0, upper: 1 });
    expect(plantWide.status).toBe(403);
    expect(JSON.stringify(plantWide.body)).toContain('plant-wide');
    expect((await save(engineer1.token, { lineId: 'L-2', lower: 0, upper: 1 })).status).toBe(403);
    expect((await save(engineer1.token, { lineId: null, lower: 0, upper: 1 })).status).toBe(403);
  });

  it("judges a line's results by its own version in force, other lines by the plant-wide one", async () => {
    await publish('L-1', 'M-1', 'LS-1-EARLY', 7, 10); // before the line's version: plant-wide 0…10
    await publish('L-1', 'M-1', 'LS-1-LATE', 7, 40); // line version 0…5
    await publish('L-2', 'M-2', 'LS-2-LATE', 7, 40); // no line version: plant-wide
    expect(await result('LS-1-EARLY')).toMatchObject({ verdict: 'PASS', specVersion: 1 });
    expect(await result('LS-1-LATE')).toMatchObject({ verdict: 'FAIL', specVersion: 2 });
    expect(await result('LS-2-LATE')).toMatchObject({ verdict: 'PASS', specVersion: 1 });
  });

  it('previews say which limits apply, and plant-wide ones leave a line with its own alone', async () => {
    await publish('L-1', 'M-1', 'LS-P-1', 7, 50);
    await publish('L-2', 'M-2', 'LS-P-2', 7, 50);
    await result('LS-P-1');
    await result('LS-P-2');
    const plant = (
      await t.http(
        'specs.preview',
        { productId: 'PROD-L', testStep: 'torque', lower: 0, upper: 6, hours: 24 },
        admin.token,
      )
    ).body as SpecPreview;
    expect(plant.appliesTo).toMatch(/plant-wide/);
    expect(plant.keptByLineLimits).toBeGreaterThanOrEqual(2); // L-1's results from minute 30 on
    expect(plant.examples.every((example) => !example.barcode.startsWith('LS-P-1'))).toBe(true);
    const line = (
      await t.http(
        'specs.preview',
        { productId: 'PROD-L', testStep: 'torque', lineId: 'L-1', lower: 0, upper: 6, hours: 24 },
        engineer1.token,
      )
    ).body as SpecPreview;
    expect(line.appliesTo).toMatch(/line L-1/);
    expect(line.examples.every((example) => !example.barcode.startsWith('LS-2'))).toBe(true);
    const foreign = await t.http(
      'specs.preview',
      { productId: 'PROD-L', testStep: 'torque', lineId: 'L-1', lower: 0, upper: 6 },
      engineer2.token,
    );
    expect(foreign.status).toBe(403);
  });

  it("shows each engineer the plant-wide versions and their own line's, and logs which applies", async () => {
    const list = async (token: string) =>
      ((await t.http('specs.list', { productId: 'PROD-L' }, token)).body as SpecVersion[]).map(
        (spec) => spec.lineId,
      );
    expect(new Set(await list(engineer1.token))).toEqual(new Set([null, 'L-1']));
    expect(await list(engineer2.token)).toEqual([null]);
    const events = (
      (await t.http('events.list', { type: 'spec.saved', limit: 50 }, engineer1.token))
        .body as EventPage
    ).events;
    expect(events.some((event) => event.message.includes('for line L-1'))).toBe(true);
    const seenBy2 = (
      (await t.http('events.list', { type: 'spec.saved', limit: 50 }, engineer2.token))
        .body as EventPage
    ).events;
    expect(seenBy2.some((event) => event.lineId === 'L-1')).toBe(false);
  });
});
