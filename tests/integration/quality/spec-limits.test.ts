import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session, TestResult } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const HOUR_MS = 3_600_000;

// Each test owns its product (and so its barcodes, spec versions and events): the tests share
// one server but no data, and pass in any order.
describe('test results judged against versioned spec limits', () => {
  let t: TestServer;
  let admin: Session;
  let publisher: mqtt.MqttClient;
  /** Minute 0 is a whole hour three hours before the server's clock: on any date, in the past. */
  let baseMs: number;
  const at = (minute: number) => new Date(baseMs + minute * 60_000).toISOString();

  const publish = async (
    productId: string,
    barcode: string,
    value: number,
    minute: number,
    step = 'voltage_test',
  ) => {
    const payload = {
      barcode: `${productId}-${barcode}`,
      machine_id: 'M-1',
      product_id: productId,
      test_step: step,
      measured_value: value,
      timestamp: at(minute),
    };
    await publisher.publishAsync('factory/L-1/M-1/test', JSON.stringify(payload), { qos: 1 });
  };

  const results = async (filter: Record<string, unknown>) => {
    const { body } = await t.http('results.list', { limit: 100, ...filter }, admin.token);
    return (body as { results: TestResult[] }).results;
  };

  const waitForResults = (productId: string, count: number) =>
    vi.waitFor(
      async () => {
        const found = await results({ productId });
        if (found.length < count) throw new Error(`fewer than ${count} results of ${productId}`);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );

  const waitForBarcode = (barcode: string) =>
    vi.waitFor(async () => expect((await results({ barcode })).length).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 50,
    });

  const saveSpec = async (productId: string, spec: Record<string, unknown>) => {
    const saved = await t.http(
      'specs.save',
      { productId, testStep: 'voltage_test', ...spec },
      admin.token,
    );
    expect(saved.status).toBe(200);
    return saved.body as { version: number };
  };

  /**
   * No limits at minute 0, v1 (80 … 90) from minute 5, v2 (84 … open) from minute 20, and one
   * unit judged under each: SN-1 85 (NO_SPEC), SN-2 91 and SN-3 83 (v1), SN-4 83 and SN-5 1000 (v2).
   */
  const seedVersionedProduct = async (productId: string) => {
    await publish(productId, 'SN-1', 85, 0);
    await waitForResults(productId, 1);
    expect((await saveSpec(productId, { lower: 80, upper: 90, validFrom: at(5) })).version).toBe(1);
    expect((await saveSpec(productId, { lower: 84, upper: null, validFrom: at(20) })).version).toBe(
      2,
    );
    await publish(productId, 'SN-2', 91, 10); // v1: above 90 → FAIL
    await publish(productId, 'SN-3', 83, 10); // v1: PASS
    await publish(productId, 'SN-4', 83, 30); // v2: below 84 → FAIL
    await publish(productId, 'SN-5', 1000, 30); // v2: upper side open → PASS
    return waitForResults(productId, 5);
  };

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    baseMs = Math.floor(t.clock.now() / HOUR_MS) * HOUR_MS - 3 * HOUR_MS;
    admin = await t.setupAdmin();
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    publisher = await mqtt.connectAsync(status.brokerUrl);
  });
  afterAll(async () => {
    await publisher?.endAsync();
    await t.close();
  });

  it('judges NO_SPEC without limits, then PASS/FAIL by the version in force at the timestamp', async () => {
    const stored = await seedVersionedProduct('PROD-V');
    const byBarcode = new Map(stored.map((result) => [result.barcode, result]));
    expect(byBarcode.get('PROD-V-SN-1')).toMatchObject({ verdict: 'NO_SPEC', specVersion: null });
    expect(byBarcode.get('PROD-V-SN-2')).toMatchObject({ verdict: 'FAIL', specVersion: 1 });
    expect(byBarcode.get('PROD-V-SN-3')).toMatchObject({ verdict: 'PASS', specVersion: 1 });
    expect(byBarcode.get('PROD-V-SN-4')).toMatchObject({ verdict: 'FAIL', specVersion: 2 });
    expect(byBarcode.get('PROD-V-SN-5')).toMatchObject({ verdict: 'PASS', specVersion: 2 });
  });

  it('never rewrites past verdicts when limits change, and previews what would change', async () => {
    await seedVersionedProduct('PROD-P');
    const before = await results({ barcode: 'PROD-P-SN-3' });
    const preview = await t.http(
      'specs.preview',
      { productId: 'PROD-P', testStep: 'voltage_test', lower: 84, upper: 90, hours: 72 },
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
    await saveSpec('PROD-P', { lower: 0, upper: 1 });
    expect(await results({ barcode: 'PROD-P-SN-3' })).toEqual(before);
  });

  it('previews only the results inside the window it is asked for', async () => {
    await publish('PROD-W', 'SN-OLD', 85, -24 * 60); // a day before minute 0
    await publish('PROD-W', 'SN-NEW', 85, 0);
    await waitForResults('PROD-W', 2);
    const preview = async (hours: number) =>
      (
        await t.http(
          'specs.preview',
          { productId: 'PROD-W', testStep: 'voltage_test', lower: 0, upper: 90, hours },
          admin.token,
        )
      ).body as { checked: number };
    expect((await preview(6)).checked).toBe(1);
    expect((await preview(72)).checked).toBe(2);
  });

  it('counts a retest of the same unit and step as a later attempt, and a redelivery once', async () => {
    await publish('PROD-R', 'SN-9', 85, 40);
    await publish('PROD-R', 'SN-9', 85, 41);
    await publish('PROD-R', 'SN-9', 85, 41); // the same message again: stored once
    await publish('PROD-R', 'SN-END', 85, 42); // published last: once it is stored, all are
    await waitForBarcode('PROD-R-SN-END');
    const stored = await results({ productId: 'PROD-R' });
    const attempts = stored
      .filter((result) => result.barcode === 'PROD-R-SN-9')
      .map((result) => result.attempt)
      .sort();
    expect(attempts).toEqual([1, 2]);
  });

  it('computes first-pass yield from first attempts and final yield from last attempts', async () => {
    await seedVersionedProduct('PROD-Y');
    await publish('PROD-Y', 'SN-9', 85, 40);
    await publish('PROD-Y', 'SN-9', 85, 41);
    await waitForResults('PROD-Y', 7);
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
    const row = rows.find((candidate) => candidate.productId === 'PROD-Y');
    expect(row).toEqual(
      expect.objectContaining({
        testStep: 'voltage_test',
        results: 7,
        units: 6,
        noSpec: 1,
        firstPassTested: 5,
        firstPassGood: 3,
      }),
    );
    expect(row!.firstPassYield).toBeCloseTo(3 / 5);
    expect(row!.finalYield).toBeCloseTo(3 / 5);
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
    await saveSpec('PROD-E', { lower: 1, upper: 2 });
    await saveSpec('PROD-E', { lower: 1, upper: 3 });
    await saveSpec('PROD-E', { lower: null, upper: 4 });
    const { body } = await t.http(
      'events.list',
      { type: 'spec.saved', text: 'PROD-E', limit: 10 },
      admin.token,
    );
    const events = (body as { events: { message: string }[] }).events;
    expect(events.map((event) => event.message.match(/limits (v\d+)/)?.[1]).sort()).toEqual([
      'v1',
      'v2',
      'v3',
    ]);
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
