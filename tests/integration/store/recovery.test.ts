import mqtt from 'mqtt';
import { mkdtempSync, openSync, readdirSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, IngestStatus, TestResult } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

const result = (barcode: string) =>
  JSON.stringify({
    barcode,
    machine_id: 'M-1',
    product_id: 'P',
    test_step: 's',
    measured_value: 1,
    timestamp: Date.now(),
  });

describe('a damaged database at start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-recovery-'));
  let broker: Mosquitto | undefined;
  let t: TestServer | undefined;

  afterAll(async () => {
    await t?.close();
    await broker?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is moved aside, a fresh one takes over with an alert, and queued messages still arrive', async () => {
    broker = await startMosquitto();
    t = await startTestServer({ ingest: true, brokerUrl: broker.url, dataDir });
    const first = await t.setupAdmin();
    const connected = async (token: string) =>
      ((await t!.http('ingest.status', {}, token)).body as IngestStatus).state === 'connected';
    await waitFor('the first connection', () => connected(first.token));
    await t.close();
    t = undefined;

    // Scribble over the file's header: SQLite no longer recognises it.
    const fd = openSync(join(dataDir, 'linewatch.sqlite'), 'r+');
    writeSync(fd, Buffer.from('this is not a database file at all'), 0, undefined, 0);
    closeSync(fd);

    // Meanwhile the plant keeps sending; the broker queues it for Linewatch's session.
    const publisher = await mqtt.connectAsync(broker.url);
    for (const barcode of ['SN-Q-1', 'SN-Q-2', 'SN-Q-3']) {
      await publisher.publishAsync('factory/L-1/M-1/test', result(barcode), { qos: 1 });
    }
    await publisher.endAsync();

    t = await startTestServer({ ingest: true, brokerUrl: broker.url, dataDir });
    expect(readdirSync(dataDir).some((name) => name.startsWith('linewatch.sqlite.damaged-'))).toBe(
      true,
    );
    // A fresh database: the first admin is asked for again.
    const admin = await t.setupAdmin();
    await waitFor('the queued results', async () => {
      const { body } = await t!.http('results.list', {}, admin.token);
      return (body as { results: TestResult[] }).results.length === 3;
    });
    const alerts = (await t.http('alerts.list', { view: 'active' }, admin.token)).body as {
      alerts: Alert[];
    };
    expect(alerts.alerts).toContainEqual(
      expect.objectContaining({ source: 'storage', priority: 'critical' }),
    );
    const events = (await t.http('events.list', { type: 'store.recovered' }, admin.token)).body as {
      events: { message: string }[];
    };
    expect(events.events[0]!.message).toContain('moved to');
  });
});
