/**
 * The store's ingest in this process (no IPC): for `node --cpu-prof` profiles of what one
 * message costs. `node --import tsx --cpu-prof bench/lib/store-inprocess.ts [count] [--spec]`.
 * With `--spec` the product has spec limits, so results are judged PASS/FAIL (and the FAIL-rate
 * rule runs for each) as in a plant; without, every result is NO_SPEC.
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

const count = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 100_000);
const withSpec = process.argv.includes('--spec');
const batchSize = 2000;
const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-inproc-'));
const migrations = fileURLToPath(new URL('../../src/backend/store/migrations/', import.meta.url));
const { db } = openDatabase(join(dataDir, 'linewatch.sqlite'), migrations);
const store = createStore(db, () => undefined);
store.setTopicRoot('factory');
if (withSpec) {
  store.saveSpec(
    {
      productId: 'PROD-A',
      testStep: 'voltage_test',
      lower: 80,
      upper: 89,
      validFrom: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    },
    { username: 'bench' },
  );
}
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
/** Each batch's CPU per message: on shared, loaded cores the low ones say what ingest costs. */
const perBatch: number[] = [];
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (const batch of batches) {
  const batchCpu = process.cpuUsage();
  const batchStored = store.ingestBatch(batch).stored;
  const used = process.cpuUsage(batchCpu);
  stored += batchStored;
  if (batchStored > 0) perBatch.push((used.user + used.system) / batchStored);
}
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// The first batches run before the JIT has compiled the hot path.
const settled = perBatch.slice(Math.min(5, Math.floor(perBatch.length / 4))).sort((a, b) => a - b);
const quantile = (q: number) => settled[Math.floor(q * (settled.length - 1))] ?? NaN;
console.log(
  `in-process ingest${withSpec ? ' (judged by spec limits)' : ''}: ${stored} msgs, ${formatRate(stored, elapsed)}, ` +
    `${((cpu.user + cpu.system) / stored).toFixed(1)} µs of CPU per message ` +
    `(per batch after the first: lower quartile ${quantile(0.25).toFixed(1)}, median ${quantile(0.5).toFixed(1)} µs)`,
);
db.close();
rmSync(dataDir, { recursive: true, force: true });
