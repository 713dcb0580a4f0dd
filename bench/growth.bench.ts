/**
 * Flat as it grows (issue 15): `npm run bench -- growth [--results N] [--step N]` feeds the
 * store process directly (batches of 2,000 test results over its IPC, as the ingest batcher
 * sends them) until N results are stored (10 million by default, a plant's quarter), printing
 * the rate of each step (a million by default), and the ratio of the last step's rate to the
 * rate on an empty database (100,000 results after a warm-up of 20,000, so the JIT and the
 * page cache are warm). Target: at least 0.8. Beside each rate, the store process's CPU per
 * message over the same results: on a machine shared with other work the rate follows the
 * load, the CPU per message follows what the store does.
 *
 * The results are spread over a quarter up to now, and after the first step and at the end
 * the app is started on the database to time what people open over the last 24 hours (the
 * Quality page's yield, the quality and shift reports' data): the same number of results in
 * that day at every size, so the two times should match (`--no-views` skips this).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeLauncher } from '../src/backend/process/node-launcher';
import { connectStore } from '../src/backend/store/store-client';
import type { RawMessage } from '../src/backend/store/ingest-messages';
import { testResultMessage } from '../tests/integration/ingest/support/payloads';
import {
  checkTarget,
  cpuSecondsOf,
  linewatchChildren,
  loadNote,
  printRss,
  record,
} from './lib/bench-record';
import { timeDayViews, type DayViewTimes } from './lib/reports-at-size';
import { formatMs, perSecond } from './lib/stats';

const { values } = parseArgs({
  options: {
    results: { type: 'string' },
    step: { type: 'string' },
    'no-views': { type: 'boolean' },
  },
  allowPositionals: true,
});
const TOTAL = Number(values.results ?? 10_000_000);
const STEP = Number(values.step ?? Math.min(1_000_000, Math.max(10_000, Math.floor(TOTAL / 10))));
const WARM_UP = Math.min(20_000, Math.floor(STEP / 5));
const EMPTY = Math.min(100_000, STEP - WARM_UP);
const BATCH = 2000;
const MACHINES = 100;
/**
 * The results are a quarter of a plant's production, evenly spread in time up to now, so the
 * last 24 hours hold the same number of results (about 111,000 at 10M) at every size.
 */
const QUARTER_MS = 91 * 86_400_000;
const END_MS = Math.floor(Date.now() / 60_000) * 60_000;
const spacingMs = QUARTER_MS / TOTAL;
const timestampOf = (index: number) => Math.round(END_MS - (TOTAL - 1 - index) * spacingMs);
/** `--no-views`: skip timing the 24-hour views after the first step and at the end. */
const TIME_VIEWS = values['no-views'] !== true;

const rate = (count: number, ms: number) =>
  Math.round(perSecond(count, ms)).toLocaleString('en-US');

const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-growth-'));
const databasePath = join(dataDir, 'linewatch.sqlite');
let store = await connectStore(nodeLauncher.store(), databasePath);
console.log(
  `growth: ${TOTAL.toLocaleString('en-US')} results into the store process, ` +
    `rate per ${STEP.toLocaleString('en-US')} (${loadNote()})`,
);
try {
  await store.setTopicRoot('factory');
  const batchAt = (start: number): RawMessage[] => {
    const batch: RawMessage[] = [];
    for (let index = start; index < Math.min(TOTAL, start + BATCH); index += 1) {
      const timestampMs = timestampOf(index);
      const { topic, payload } = testResultMessage({
        prefix: 'GROW',
        index,
        machineCount: MACHINES,
        // Serials of one width, as a plant's are: with 6 digits the 7th digit past a million
        // sorted every new barcode into the middle of the unit index (GROW-1000000 before
        // GROW-100001), a random-insert pattern no plant's numbering makes.
        barcodeDigits: 8,
        timestampMs,
      });
      // Received as it was sent, a moment later (a live plant, not a replayed backlog).
      batch.push({ topic, payload, receivedMs: timestampMs + 20 });
    }
    return batch;
  };
  let emptyRate = 0;
  let lastRate = 0;
  let stored = 0;
  let stepMs = 0;
  let stepStored = 0;
  let emptyMs = 0;
  let [storePid] = linewatchChildren();
  const cpuNow = () => (storePid === undefined ? 0 : cpuSecondsOf(storePid));
  let emptyCpuUs = 0;
  let lastCpuUs = 0;
  let stepCpuFrom = cpuNow();
  let emptyCpuFrom = 0;
  const viewTimes = new Map<number, DayViewTimes>();
  let next = batchAt(0);
  for (let start = 0; start < TOTAL; start += BATCH) {
    const batch = next;
    const started = performance.now();
    const pending = store.ingestBatch(batch);
    // The next batch is made while the store process works on this one, and not timed.
    next = start + BATCH < TOTAL ? batchAt(start + BATCH) : [];
    const summary = await pending;
    const elapsed = performance.now() - started;
    if (summary.stored !== batch.length) {
      throw new Error(`growth: stored ${summary.stored} of a batch of ${batch.length}`);
    }
    stored += summary.stored;
    stepStored += summary.stored;
    stepMs += elapsed;
    if (stored === WARM_UP) emptyCpuFrom = cpuNow();
    if (stored > WARM_UP && stored <= WARM_UP + EMPTY) {
      emptyMs += elapsed;
      if (stored === WARM_UP + EMPTY) {
        emptyRate = perSecond(EMPTY, emptyMs);
        emptyCpuUs = ((cpuNow() - emptyCpuFrom) * 1e6) / EMPTY;
        console.log(
          `  empty database (${EMPTY.toLocaleString('en-US')} after a warm-up of ${WARM_UP.toLocaleString('en-US')}): ${rate(EMPTY, emptyMs)} msg/s, ${emptyCpuUs.toFixed(1)} µs of store CPU per message`,
        );
        record('growth: empty-database rate', emptyRate, 'msg/s');
        record('growth: empty-database store CPU per message', emptyCpuUs, 'µs');
      }
    }
    if (stepStored === STEP || stored === TOTAL) {
      lastRate = perSecond(stepStored, stepMs);
      const cpuAt = cpuNow();
      lastCpuUs = ((cpuAt - stepCpuFrom) * 1e6) / stepStored;
      stepCpuFrom = cpuAt;
      const sizeMb = statSync(databasePath).size / 1048576;
      console.log(
        `  ${stored.toLocaleString('en-US')} stored: ${rate(stepStored, stepMs)} msg/s over the last ` +
          `${stepStored.toLocaleString('en-US')}, ${lastCpuUs.toFixed(1)} µs of store CPU per message, ` +
          `database ${sizeMb.toFixed(0)} MB (${loadNote()})`,
      );
      record(`growth: rate up to ${stored} results`, lastRate, 'msg/s');
      record(`growth: store CPU per message up to ${stored} results`, lastCpuUs, 'µs');
      stepStored = 0;
      stepMs = 0;
      if (TIME_VIEWS && (stored === STEP || stored === TOTAL)) {
        // The app on the database as it is now: the writer steps aside (one writer), and
        // its CPU count starts again with the new store process.
        await store.close();
        const newestMs = timestampOf(stored - 1);
        const label = `${stored.toLocaleString('en-US')} stored`;
        viewTimes.set(
          stored,
          await timeDayViews(dataDir, newestMs - 86_400_000, newestMs + 1, label),
        );
        store = await connectStore(nodeLauncher.store(), databasePath);
        await store.setTopicRoot('factory');
        [storePid] = linewatchChildren();
        stepCpuFrom = cpuNow();
      }
    }
  }
  for (const pid of linewatchChildren()) printRss(`store process at ${stored} results`, pid);
  console.log(
    `  store CPU per message, empty / at ${stored.toLocaleString('en-US')}: ` +
      `${(emptyCpuUs / lastCpuUs).toFixed(2)} (the same ratio by CPU, whatever the load)`,
  );
  const firstViews = viewTimes.get(STEP);
  const lastViews = viewTimes.get(stored);
  if (firstViews && lastViews && STEP !== stored) {
    for (const [name, lastMs] of lastViews) {
      const firstMs = firstViews.get(name)!;
      record(`growth: ${name}, last 24 h at ${stored} results`, lastMs, 'ms');
      console.log(
        `  ${name}, last 24 h: ${formatMs(firstMs)} at ${STEP.toLocaleString('en-US')}, ` +
          `${formatMs(lastMs)} at ${stored.toLocaleString('en-US')} (${(lastMs / firstMs).toFixed(2)} x)`,
      );
    }
  }
  checkTarget(
    `growth: rate at ${stored.toLocaleString('en-US')} / empty-database rate`,
    lastRate / emptyRate,
    'x',
    { atLeast: 0.8 },
  );
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
