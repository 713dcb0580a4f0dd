import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, IngestStatus } from '../../../src/shared/contract';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { connectPublisher, publishBurst } from '../ingest/support/publisher';
import { ResultsReader } from '../ingest/support/results-db';
import { sleep } from '../ingest/support/wait';
import { waitFor } from '../../helpers/wait';

/** How the disk is made to fill up: for real, or by SQLite's page limit where mounting is refused. */
interface Disk {
  kind: 'tmpfs' | 'page limit';
  dataDir: string;
  /** With the page limit: the file the store reads it from (given to the test server). */
  pageLimitFile?: string;
  fill(): void;
  free(): void;
  dispose(): void;
}

/** A 16 MiB tmpfs as the data folder (needs root, and a container allowed to mount). */
function smallFileSystem(): Disk | null {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-full-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dataDir]);
  if (mounted.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    return null;
  }
  const filler = join(dataDir, 'filler');
  return {
    kind: 'tmpfs',
    dataDir,
    fill() {
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    dispose() {
      spawnSync('umount', [dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store's PageLimitFile (page-limit-file.ts): the file holds the connection's max_page_count. */
function pageLimit(): Disk {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-page-limit-'));
  const limitFile = join(dataDir, 'page-limit');
  return {
    kind: 'page limit',
    dataDir,
    pageLimitFile: limitFile,
    // Below the current size: SQLite pins the limit there, so any growth fails with SQLITE_FULL.
    fill: () => writeFileSync(limitFile, '1'),
    free: () => writeFileSync(limitFile, ''),
    dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const disks: [string, () => Disk | null][] = [
  ['a small tmpfs filled up', smallFileSystem],
  ['SQLite page limit reached', pageLimit],
];

describe.each(disks)('a full disk while ingesting (%s)', (_name, makeDisk) => {
  const disk = makeDisk();
  let broker: Mosquitto | undefined;
  let t: TestServer | undefined;
  let publisher: MqttClient | undefined;

  let results: ResultsReader | undefined;

  afterAll(async () => {
    results?.close();
    await publisher?.endAsync();
    await t?.close();
    await broker?.dispose();
    disk?.dispose();
  });

  it.skipIf(disk === null)(
    'stops acknowledging, raises one alert, and stores every message once when space returns',
    async () => {
      const { dataDir, fill, free, pageLimitFile } = disk!;
      broker = await startMosquitto();
      t = await startTestServer({
        ingest: true,
        brokerUrl: broker.url,
        dataDir,
        storePageLimitFile: pageLimitFile,
      });
      const admin = await t.setupAdmin();
      const status = async () =>
        (await t!.http('ingest.status', {}, admin.token)).body as IngestStatus;
      await waitFor('the broker connection', async () =>
        (await status()).state === 'connected' ? true : undefined,
      );
      results = new ResultsReader(dataDir);
      const reader = results;
      publisher = await connectPublisher(broker.url, 'full-disk-machine');

      await publishBurst(publisher, 'BEFORE', 200);
      await waitFor('the first results', () => (reader.count('BEFORE') === 200 ? true : undefined));

      fill();
      // The broker takes these (QoS 1 to the broker); Linewatch cannot store them yet.
      await publishBurst(publisher, 'DURING', 300);
      const storageAlerts = async (view: 'active' | 'history'): Promise<Alert[]> => {
        const { status: code, body } = await t!.http(
          'alerts.list',
          { view, source: 'storage' },
          admin.token,
        );
        return code === 200 ? (body as { alerts: Alert[] }).alerts : [];
      };
      {
        // On tmpfs the reserve file made room to write the alert while the disk is full; under
        // the page limit the alert's rows fit in pages the database already has.
        const [raised] = await waitFor('the storage alert', async () => {
          const active = await storageAlerts('active');
          return active.length ? active : undefined;
        });
        expect(raised).toMatchObject({
          conditionKey: 'storage:full',
          priority: 'critical',
          state: 'active_unacked',
        });
      }
      await waitFor('ingest to hold messages back', async () =>
        (await status()).waiting > 0 ? true : undefined,
      );
      const storedWhileFull = reader.count('DURING');
      expect(storedWhileFull).toBeLessThan(300);
      await sleep(1500);
      // Nothing more gets through while full (retries back off and fail again).
      expect(reader.count('DURING')).toBe(storedWhileFull);

      free();
      await waitFor(
        'every message after space returned',
        () => (reader.count('DURING') === 300 ? true : undefined),
        { timeoutMs: 60_000 },
      );
      // Exactly once: nothing lost, nothing stored twice by the broker's redelivery.
      expect(reader.count('BEFORE')).toBe(200);
      expect(reader.distinct('BEFORE')).toBe(200);
      expect(reader.distinct('DURING')).toBe(300);
      expect(reader.count('DURING')).toBe(300);

      const [alert] = await waitFor('the storage alert to return to normal', async () => {
        const history = (await storageAlerts('history')).filter(
          (a) => a.conditionKey === 'storage:full' && a.state !== 'active_unacked',
        );
        return history.length ? history : undefined;
      });
      expect(alert).toMatchObject({ raiseCount: 1 });
      expect(alert!.state).toMatch(/returned_unacked|cleared/);
      expect((await storageAlerts('history')).length).toBe(1);
      expect((await status()).state).toBe('connected');
    },
    120_000,
  );
});
