import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestResult } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString();

describe('test results judged against versioned spec limits', () => {
  let t: TestServer;
  let admin: Session;
  let publisher: mqtt.MqttClient;

  const publish = async (barcode: string, value: number, minute: number, step = 'voltage_test') => {
    const payload = {
      barcode,
      machine_id: 'M-1',
      product_id: 'PROD-A',
      test_step: step,
      measured_value: value,
      timestamp: at(minute),
    };
    await publisher.publishAsync('factory/L-1/M-1/test', JSON.stringify(payload), { qos: 1 });
  };

  const results = async (filter: Record<string, unknown> = {}) => {
    const { body } = await t.http('results.list', { limit: 100, ...filter }, admin.token);
    return (body as { results: TestResult[] }).results;
  };

  const waitForResults = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const found = await results();
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} results stored`);
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    publisher = await mqtt.connectAsync(status.brokerUrl);
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await t.close();
  });

  it('judges NO_SPEC without limits, then PASS/FAIL by the version in force at the timestamp', async () => {
    await publish('SN-1', 85, 0);
    await waitForResults(1);
    const v1 = await t.http(
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 80, upper: 90, validFrom: at(5) },
      admin.token,
    );
    expect(v1.status).toBe(200);
    const v2 = await t.http(
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 84, upper: null, validFrom: at(20) },
      admin.token,
    );
    expect((v2.body as { version: number }).version).toBe(2);

    await publish('SN-2', 91, 10); // v1: above 90 → FAIL
    await publish('SN-3', 83, 10); // v1: PASS
    await publish('SN-4', 83, 30); // v2: below 84 → FAIL
    await publish('SN-5', 1000, 30); // v2: upper side open → PASS
    const stored = await waitForResults(5);
    const byBarcode = new Map(stored.map((result) => [result.barcode, result]));
    expect(byBarcode.get('SN-1')).toMatchObject({ verdict: 'NO_SPEC', specVersion: null });
    expect(byBarcode.get('SN-2')).toMatchObject({ verdict: 'FAIL', specVersion: 1 });
    expect(byBarcode.get('SN-3')).toMatchObject({ verdict: 'PASS', specVersion: 1 });
    expect(byBarcode.get('SN-4')).toMatchObject({ verdict: 'FAIL', specVersion: 2 });
    expect(byBarcode.get('SN-5')).toMatchObject({ verdict: 'PASS', specVersion: 2 });
  });

  it('never rewrites past verdicts when limits change, and previews what would change', async () => {
    const before = await results({ barcode: 'SN-3' });
    const preview = await t.http(
      'specs.preview',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 84, upper: 90, hours: 72 },
      admin.token,
    );
    expect(preview.status).toBe(200);
    // SN-3 (83) and SN-5 (1000) would fail; SN-2 (91) and SN-4 (83) fail either way;
    // SN-1 (85) had no spec and would pass.
    expect(preview.body).toMatchObject({
      checked: 5,
      unchanged: 2,
      passToFail: 2,
      failToPass: 0,
      noSpecToJudged: 1,
    });
    await t.http(
      'specs.save',
      { productId: 'PROD-A', testStep: 'voltage_test', lower: 0, upper: 1 },
      admin.token,
    );
    expect(await results({ barcode: 'SN-3' })).toEqual(before);
  });

  it('counts a retest of the same unit and step as a later attempt, and a redelivery once', async () => {
    await publish('SN-9', 85, 40);
    await publish('SN-9', 85, 41);
    await publish('SN-9', 85, 41); // the same message again: stored once
    const stored = await waitForResults(7);
    const attempts = stored
      .filter((result) => result.barcode === 'SN-9')
      .map((result) => result.attempt)
      .sort();
    expect(attempts).toEqual([1, 2]);
  });

  it('computes first-pass yield from first attempts and final yield from last attempts', async () => {
    const rows = (await t.http('results.yield', { from: at(-1), to: at(60) }, admin.token))
      .body as {
      productId: string;
      testStep: string;
      firstPassTested: number;
      firstPassGood: number;
      firstPassYield: number | null;
      finalYield: number | null;
      units: number;
      noSpec: number;
      results: number;
    }[];
    // SN-1 NO_SPEC; SN-2 FAIL; SN-3 PASS; SN-4 FAIL; SN-5 PASS; SN-9 PASS then retest PASS.
    expect(rows).toEqual([
      expect.objectContaining({
        productId: 'PROD-A',
        testStep: 'voltage_test',
        results: 7,
        units: 6,
        noSpec: 1,
        firstPassTested: 5,
        firstPassGood: 3,
      }),
    ]);
    expect(rows[0]!.firstPassYield).toBeCloseTo(3 / 5);
    expect(rows[0]!.finalYield).toBeCloseTo(3 / 5);
  });

  it('refuses limits where lower is above upper, or none at all', async () => {
    const crossed = await t.http(
      'specs.save',
      { productId: 'P', testStep: 's', lower: 5, upper: 1 },
      admin.token,
    );
    expect(crossed.status).toBe(400);
    expect(JSON.stringify(crossed.body)).toContain('lower');
    const open = await t.http(
      'specs.save',
      { productId: 'P', testStep: 's', lower: null, upper: null },
      admin.token,
    );
    expect(open.status).toBe(400);
  });

  it('logs every change of limits in the event log', async () => {
    const { body } = await t.http('events.list', { type: 'spec.saved', limit: 10 }, admin.token);
    expect((body as { events: unknown[] }).events.length).toBe(3);
  });
});

describe('HTTP ingest (POST /api/ingest)', () => {
  let t: TestServer;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
  });
  afterAll(() => t.close());

  const payload = {
    barcode: 'SN-HTTP-1',
    machine_id: 'M-7',
    product_id: 'PROD-A',
    test_step: 'leak_test',
    measured_value: 0.2,
    timestamp: '2026-11-22T10:00:00Z',
  };

  it('stores a test result through the same pipeline, once', async () => {
    const first = await t.http('ingest.submit', { lineId: 'L-3', payload }, admin.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      outcome: 'stored',
      result: { barcode: 'SN-HTTP-1', verdict: 'NO_SPEC' },
    });
    const again = await t.http('ingest.submit', { lineId: 'L-3', payload }, admin.token);
    expect(again.body).toMatchObject({ outcome: 'duplicate' });
    const { body } = await t.http('results.list', { barcode: 'SN-HTTP-1' }, admin.token);
    expect((body as { results: unknown[] }).results).toHaveLength(1);
  });

  it('refuses a bad payload with the field named, and keeps it as a dead letter', async () => {
    const bad = await t.http(
      'ingest.submit',
      { lineId: 'L-3', payload: { ...payload, measured_value: 'high' } },
      admin.token,
    );
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('measured_value');
    const { body } = await t.http('deadLetters.list', {}, admin.token);
    expect((body as { deadLetters: { reason: string }[] }).deadLetters[0]!.reason).toContain(
      'measured_value',
    );
  });

  it('needs a token', async () => {
    expect((await t.http('ingest.submit', { lineId: 'L-3', payload }, null)).status).toBe(401);
  });
});
