import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { forkWithNode } from '../../src/backend/process/node-fork';
import { ensureServerBundle, SERVER_CLI } from '../../tests/helpers/server-process';
import { connectStore } from '../../src/backend/store/store-client';
import type { RawMessage } from '../../src/backend/store/ingest-messages';
import { testResultMessage } from '../../tests/integration/ingest/support/payloads';
import { linewatchChildren, printRss } from './bench-record';
import { formatRate, perSecond } from './stats';

const SERVER_DIR = dirname(SERVER_CLI);

/** The built store process on a fresh database, kept open for many bursts. */
export interface StoreDirect {
  readonly pid: number;
  /** `count` test results under `prefix` in batches, one at a time: ms of the ingest alone. */
  burst(prefix: string, count: number): Promise<number>;
  close(): Promise<void>;
}

export async function openStoreDirect(batchSize: number): Promise<StoreDirect> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-store-'));
  // The built store process (out/server), as the server runs it: no tsx in its RSS.
  ensureServerBundle();
  const entry = join(SERVER_DIR, 'store-process.js');
  const before = new Set(linewatchChildren());
  const store = await connectStore(
    forkWithNode(entry, undefined, undefined, { path: entry, execArgv: [] }),
    join(dataDir, 'linewatch.sqlite'),
  );
  const pid = linewatchChildren().find((child) => !before.has(child));
  if (pid === undefined) throw new Error('the store process is not among this process’s children');
  await store.setTopicRoot('factory');
  return {
    pid,
    async burst(prefix, count) {
      // Made before the clock starts: the figure is the store's, not the payloads'.
      const batches: RawMessage[][] = [];
      for (let start = 0; start < count; start += batchSize) {
        const batch: RawMessage[] = [];
        for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
          const { topic, payload } = testResultMessage({ prefix, index });
          batch.push({ topic, payload, receivedMs: Date.now() });
        }
        batches.push(batch);
      }
      let stored = 0;
      const started = performance.now();
      for (const batch of batches) stored += (await store.ingestBatch(batch)).stored;
      const elapsed = performance.now() - started;
      if (stored !== count) throw new Error(`store process: stored ${stored} of ${count}`);
      return elapsed;
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store process alone, one burst on a fresh (cold) process: batches over IPC, each one transaction. */
export async function runStoreDirect(count: number, batchSize: number): Promise<number> {
  const store = await openStoreDirect(batchSize);
  try {
    const elapsed = await store.burst('STORE', count);
    console.log(
      `store process ingest: ${count} msgs in batches of ${batchSize}, ${formatRate(count, elapsed)} ` +
        `(${(elapsed / Math.ceil(count / batchSize)).toFixed(1)} ms per batch)`,
    );
    printRss(`store process after ${count} results`, store.pid);
    return perSecond(count, elapsed);
  } finally {
    await store.close();
  }
}
