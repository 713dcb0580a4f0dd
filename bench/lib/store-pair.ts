/**
 * A/B of the store's ingest in one process: two source trees (say a copy of the starting
 * commit and this one), each with its own database, fed the same batches alternately, so the
 * other work on the machine falls on both alike. Prints each side's CPU per message, median
 * of its batches after the first ten (the JIT warm), and the median of the paired ratios.
 *
 *   node --import tsx bench/lib/store-pair.ts BEFORE_ROOT AFTER_ROOT [count] [--spec]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Side {
  name: string;
  store: {
    ingestBatch(batch: unknown[]): { stored: number };
    setTopicRoot(root: string): void;
    saveSpec(spec: unknown, actor: unknown): unknown;
  };
  close(): void;
  perBatch: number[];
  /** The kernel's part (system CPU: WAL writes, checkpoints), per message. */
  systemPerBatch: number[];
}

const args = process.argv.slice(2);
const roots = args.filter((arg) => !arg.startsWith('--')).slice(0, 2);
const count = Number(args.filter((arg) => !arg.startsWith('--'))[2] ?? 60_000);
const withSpec = args.includes('--spec');
const batchSize = 2000;
if (roots.length !== 2) throw new Error('name two source roots: BEFORE AFTER');

async function sideOf(root: string): Promise<Side> {
  const from = (path: string) => import(pathToFileURL(resolve(root, path)).href);
  const { openDatabase } = await from('src/backend/store/open-database.ts');
  const { createStore } = await from('src/backend/store/store.ts');
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-bench-pair-'));
  const { db } = openDatabase(
    join(dir, 'linewatch.sqlite'),
    resolve(root, 'src/backend/store/migrations'),
  );
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
  return {
    name: root,
    store,
    perBatch: [],
    systemPerBatch: [],
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const { testResultMessage } = await import('../../tests/integration/ingest/support/payloads');
const sides = [await sideOf(roots[0]!), await sideOf(roots[1]!)];
const batches: { topic: string; payload: Buffer; receivedMs: number }[][] = [];
for (let start = 0; start < count; start += batchSize) {
  const batch = [];
  for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
    const { topic, payload } = testResultMessage({ prefix: 'STORE', index });
    batch.push({ topic, payload, receivedMs: Date.now() });
  }
  batches.push(batch);
}
for (const [at, batch] of batches.entries()) {
  // Each side goes first every other batch.
  const order = at % 2 === 0 ? sides : [sides[1]!, sides[0]!];
  for (const side of order) {
    const copy = batch.map((message) => ({ ...message }));
    const before = process.cpuUsage();
    const stored = side.store.ingestBatch(copy).stored;
    const used = process.cpuUsage(before);
    side.perBatch.push((used.user + used.system) / stored);
    side.systemPerBatch.push(used.system / stored);
  }
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const skip = 10;
const ratios = sides[0]!.perBatch
  .slice(skip)
  .map((a, index) => sides[1]!.perBatch[skip + index]! / a);
for (const side of sides) {
  console.log(
    `${side.name}: median ${median(side.perBatch.slice(skip)).toFixed(2)} µs of CPU per message ` +
      `(system ${median(side.systemPerBatch.slice(skip)).toFixed(2)} µs)`,
  );
  side.close();
}
console.log(
  `after / before, median of paired batches: ${median(ratios).toFixed(3)}` +
    `${withSpec ? ' (judged by spec limits)' : ''}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
