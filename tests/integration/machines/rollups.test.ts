import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricHistory, Session } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitForIngested } from '../../helpers/ingest-wait';

const MIN = 60_000;
const M0 = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;

describe('per-minute telemetry rollups and retention', () => {
  let t: TestServer;
  let admin: Session;
  let machine: mqtt.MqttClient;

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    machine = await mqtt.connectAsync(brokerUrl);
    // Minute 0: 60, 70, 80 °C and the counter 100 → 130; minute 1: 50 °C and a reset to 5.
    const samples = [
      [0, 60, 100, 1.5],
      [20_000, 70, 110, 2.5],
      [40_000, 80, 130, 3.5],
      [MIN + 10_000, 50, 5, 4.5],
    ] as const;
    for (const [offset, temperature, units, vibration] of samples) {
      await machine.publishAsync(
        'factory/L-1/M-1/telemetry',
        JSON.stringify({ timestamp: M0 + offset, temperature, units_produced: units, vibration }),
        { qos: 1 },
      );
    }
    await waitForIngested(t, admin.token, 4);
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  const history = async (metric: string) =>
    (
      await t.http(
        'telemetry.history',
        {
          machineId: 'M-1',
          metric,
          from: new Date(M0).toISOString(),
          to: new Date(M0 + 5 * MIN).toISOString(),
        },
        admin.token,
      )
    ).body as MetricHistory;

  it('keeps min, average and max of each metric per minute', async () => {
    const temperature = await history('temperature');
    expect(temperature.metrics).toEqual(['temperature', 'units', 'vibration']);
    expect(temperature.points.map(({ n, min, max, avg }) => ({ n, min, max, avg }))).toEqual([
      { n: 3, min: 60, max: 80, avg: 70 },
      { n: 1, min: 50, max: 50, avg: 50 },
    ]);
    expect((await history('vibration')).points[0]).toMatchObject({ min: 1.5, max: 3.5, avg: 2.5 });
  });

  it('counts units produced per minute across a counter reset', async () => {
    const units = await history('units');
    expect(units.points.map((point) => point.avg)).toEqual([30, 5]);
  });

  it('trims raw samples past their retention but keeps the rollups', async () => {
    await t.http('settings.update', { rawRetentionDays: 1 }, admin.token);
    t.clock.advance(2 * 86_400_000);
    const db = new Database(join(t.dataDir, 'linewatch.sqlite'), { readonly: true });
    try {
      const before = db.prepare('SELECT count(*) FROM telemetry_samples').pluck().get();
      expect(before).toBe(4);
      // The hourly job, run now through the store process (the one writer).
      const removed = await t.backend.applyRetentionNow();
      expect(removed).toEqual({ raw: 4, rollups: 0 });
      expect(db.prepare('SELECT count(*) FROM telemetry_samples').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM telemetry_minutes').pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
