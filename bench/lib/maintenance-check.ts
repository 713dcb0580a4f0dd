/**
 * The once-a-minute maintenance check (`evaluateMaintenance`: every machine's usage since its
 * service and its temperature projection) on a plant with some history, in this process:
 * `node --import tsx [--cpu-prof] bench/lib/maintenance-check.ts [machines] [minutes] [--plans]`.
 * Stores `minutes` of telemetry (every 2 s) and a state change per machine every 10 minutes,
 * then times the check a few times. `--plans` gives every machine a service plan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/backend/store/open-database';
import { createStore } from '../../src/backend/store/store';
import type { RawMessage } from '../../src/backend/store/ingest-messages';

const [machinesArg, minutesArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const MACHINES = Number(machinesArg ?? 1000);
const MINUTES = Number(minutesArg ?? 30);
const withPlans = process.argv.includes('--plans');
const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-maint-'));
const migrations = fileURLToPath(new URL('../../src/backend/store/migrations/', import.meta.url));
const { db } = openDatabase(join(dataDir, 'linewatch.sqlite'), migrations);
const store = createStore(db, () => undefined);
store.setTopicRoot('factory');

const nowMs = Date.now();
const fromMs = nowMs - MINUTES * 60_000;
const machineIds = Array.from(
  { length: MACHINES },
  (_, index) => `M${String(index).padStart(4, '0')}`,
);
const lineOf = (index: number) => `L${String(Math.floor(index / 50)).padStart(2, '0')}`;
let batch: RawMessage[] = [];
let messages = 0;
const flush = () => {
  if (batch.length > 0) store.ingestBatch(batch);
  messages += batch.length;
  batch = [];
};
const started = performance.now();
for (let ts = fromMs, tick = 0; ts < nowMs; ts += 2000, tick += 1) {
  machineIds.forEach((machineId, index) => {
    const topic = `factory/${lineOf(index)}/${machineId}`;
    if (tick % 300 === 0) {
      const state = (tick / 300) % 2 === 0 ? 'running' : 'idle';
      batch.push({
        topic: `${topic}/state`,
        payload: Buffer.from(JSON.stringify({ timestamp: ts, state })),
        receivedMs: ts,
      });
    }
    const telemetry = { timestamp: ts, temperature: 60 + (tick % 50) / 10, units_produced: tick };
    batch.push({
      topic: `${topic}/telemetry`,
      payload: Buffer.from(JSON.stringify(telemetry)),
      receivedMs: ts,
    });
    if (batch.length >= 2000) flush();
  });
}
flush();
console.log(
  `stored ${messages.toLocaleString('en')} messages (${MACHINES} machines, ${MINUTES} min) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (withPlans) {
  for (const machineId of machineIds)
    store.saveMaintenancePlan(
      machineId,
      {
        intervalRunHours: 500,
        intervalUnits: null,
        lastServiceAt: new Date(fromMs - 60_000).toISOString(),
      },
      { username: 'bench' },
      nowMs,
    );
}
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`,
);
for (let round = 1; round <= 3; round += 1) {
  const cpu = process.cpuUsage();
  const at = performance.now();
  store.evaluateMaintenance(nowMs + round * 60_000, 60 * 60_000);
  const used = process.cpuUsage(cpu);
  console.log(
    `maintenance check ${round}: ${(performance.now() - at).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`,
  );
}
db.close();
rmSync(dataDir, { recursive: true, force: true });
