import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatorRunner } from '../../../simulator/runner';
import type { IngestStatus } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the simulator keeps producing through a 10 s mosquitto outage', () => {
  let broker: Mosquitto | undefined;
  let t: TestServer | undefined;
  let runner: SimulatorRunner | undefined;

  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await broker?.dispose();
  });

  it('stores every test result the simulator generated, exactly once', async () => {
    broker = await startMosquitto();
    t = await startTestServer({ ingest: true, brokerUrl: broker.url });
    const admin = await t.setupAdmin();
    const state = async () =>
      ((await t!.http('ingest.status', {}, admin.token)).body as IngestStatus).state;
    await waitFor('Linewatch to connect', async () => (await state()) === 'connected', {
      timeoutMs: 60_000,
    });

    runner = new SimulatorRunner({
      brokerUrl: broker.url,
      model: { seed: 7, lines: 2, machinesPerLine: 2, messagesPerSecond: 20, runId: 'outage' },
      reconnectPeriodMs: 250,
    });
    runner.start();
    await waitFor('the simulator to connect', () => runner!.stats.connected === 4, {
      timeoutMs: 60_000,
    });
    await sleep(2000);

    await broker.stop();
    await sleep(10_000);
    const bufferedWhileDown = runner.stats.buffered;
    await broker.start();
    await waitFor(
      'the simulator to flush',
      () => runner!.stats.connected === 4 && runner!.stats.buffered === 0,
      {
        timeoutMs: 60_000,
      },
    );
    await sleep(1000);
    await runner.stop();
    const generated = runner.stats.generated.test;
    runner = undefined;

    const db = new Database(join(t.dataDir, 'linewatch.sqlite'), { readonly: true });
    try {
      const count = () => db.prepare('SELECT count(*) FROM test_results').pluck().get() as number;
      await waitFor(`${generated} stored results`, () => count() >= generated, {
        timeoutMs: 60_000,
      });
      await sleep(1000);
      expect(bufferedWhileDown).toBeGreaterThan(0);
      expect(count()).toBe(generated);
      const distinct = db
        .prepare('SELECT count(DISTINCT message_id) FROM test_results')
        .pluck()
        .get();
      expect(distinct).toBe(generated);
    } finally {
      db.close();
    }
  });
});
