/**
 * The store's ingest in this process (no IPC): for `node --cpu-prof` profiles of what one
 * message costs. `node --import tsx --cpu-prof bench/lib/store-inprocess.ts [count]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/backend/store/open-database';
import { createStore } from '../../src/backend/store/store';
import type { RawMessage } from '../../src/backend/store/ingest-messages';
import { testResultMessage } from '../../tests/integration/ingest/support/payloads';
import { formatRate } from './stats';

const count = Number(process.argv[2] ?? 100_000);
const batchSize = 2000;
const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-inproc-'));
const migrations = fileURLToPath(new URL('../../src/backend/store/migrations/', import.meta.url));
const { db } = openDatabase(join(dataDir, 'linewatch.sqlite'), migrations);
const store = createStore(db, () => undefined);
store.setTopicRoot('factory');
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
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (const batch of batches) stored += store.ingestBatch(batch).stored;
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `in-process ingest: ${stored} msgs, ${formatRate(stored, elapsed)}, ` +
    `${((cpu.user + cpu.system) / stored).toFixed(1)} µs of CPU per message`,
);
db.close();
rmSync(dataDir, { recursive: true, force: true });
