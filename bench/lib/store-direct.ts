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

/** The store process alone: batches of test results over IPC, each one transaction. */
export async function runStoreDirect(count: number, batchSize: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-store-'));
  // The built store process (out/server), as the server runs it: no tsx in its RSS.
  ensureServerBundle();
  const entry = join(SERVER_DIR, 'store-process.js');
  const store = await connectStore(
    forkWithNode(entry, undefined, undefined, { path: entry, execArgv: [] }),
    join(dataDir, 'linewatch.sqlite'),
  );
  try {
    await store.setTopicRoot('factory');
    const batches: RawMessage[][] = [];
    for (let start = 0; start < count; start += batchSize) {
      const batch: RawMessage[] = [];
      for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
        const { topic, payload } = testResultMessage({ prefix: 'STORE', index });
        batch.push({ topic, payload, receivedMs: Date.now() });
      }
      batches.push(batch);
    }
    let stored = 0;
    const started = performance.now();
    for (const batch of batches) stored += (await store.ingestBatch(batch)).stored;
    const elapsed = performance.now() - started;
    console.log(
      `store process ingest: ${stored} msgs in batches of ${batchSize}, ${formatRate(stored, elapsed)} ` +
        `(${(elapsed / batches.length).toFixed(1)} ms per batch)`,
    );
    if (stored !== count) throw new Error(`store process: stored ${stored} of ${count}`);
    for (const pid of linewatchChildren()) printRss(`store process after ${stored} results`, pid);
    return perSecond(stored, elapsed);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
