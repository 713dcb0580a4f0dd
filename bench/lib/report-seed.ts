import { join } from 'node:path';
import { nodeLauncher } from '../../src/backend/process/node-launcher';
import type { RawMessage } from '../../src/backend/store/ingest-messages';
import { connectStore } from '../../src/backend/store/store-client';
import { formatRate } from './stats';

const STEPS = ['voltage_test', 'current_test', 'leak_test', 'torque_test', 'visual_check'];
const PRODUCTS = ['PROD-A', 'PROD-B'];

/** A small deterministic PRNG (mulberry32): the same plant every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededPlant {
  fromMs: number;
  toMs: number;
  results: number;
  machines: number;
}

/**
 * Stores a day of a plant through the store process's normal ingest (validation, scoring,
 * alert rules): `results` test results spread over `lines` × `machinesPerLine` machines, one
 * telemetry sample per machine a minute, and a few downtime periods per machine.
 */
export async function seedDay(
  dataDir: string,
  options: { results: number; lines: number; machinesPerLine: number; toMs: number },
): Promise<SeededPlant> {
  const store = await connectStore(nodeLauncher.store(), join(dataDir, 'linewatch.sqlite'));
  const next = random(42);
  const toMs = options.toMs;
  const fromMs = toMs - 86_400_000;
  const machines: { lineId: string; machineId: string }[] = [];
  for (let line = 1; line <= options.lines; line++) {
    for (let m = 1; m <= options.machinesPerLine; m++) {
      machines.push({ lineId: `L-${line}`, machineId: `M-${line}-${m}` });
    }
  }
  try {
    await store.setTopicRoot('factory');
    for (const productId of PRODUCTS) {
      for (const testStep of STEPS) {
        await store.saveSpec(
          {
            productId,
            testStep,
            lower: 80,
            upper: 90,
            validFrom: new Date(fromMs - 1).toISOString(),
          },
          { username: 'bench' },
        );
      }
    }
    let batch: RawMessage[] = [];
    let stored = 0;
    const flush = async () => {
      if (batch.length) stored += (await store.ingestBatch(batch)).stored;
      batch = [];
    };
    const push = async (topic: string, body: unknown) => {
      batch.push({ topic, payload: Buffer.from(JSON.stringify(body)), receivedMs: Date.now() });
      if (batch.length >= 2000) await flush();
    };
    const started = performance.now();

    // States and telemetry first, in time order per machine.
    for (const { lineId, machineId } of machines) {
      const base = `factory/${lineId}/${machineId}`;
      await push(`${base}/state`, { state: 'running', timestamp: fromMs });
      let units = 0;
      for (let minute = 0; minute < 1440; minute++) {
        const at = fromMs + minute * 60_000;
        // Three stops a day of 10 to 40 minutes.
        if (minute % 480 === 200) {
          await push(`${base}/state`, { state: 'down', reason: 'jam', timestamp: at });
        }
        if (minute % 480 === 210 + Math.floor(next() * 30)) {
          await push(`${base}/state`, { state: 'running', timestamp: at });
        }
        units += 3 + Math.floor(next() * 3);
        await push(`${base}/telemetry`, {
          timestamp: at,
          temperature: 60 + next() * 10,
          units_produced: units,
        });
      }
    }
    await flush();
    const telemetryMs = performance.now() - started;

    const spacingMs = (86_400_000 / options.results) * machines.length;
    for (let index = 0; index < options.results; index++) {
      const { lineId, machineId } = machines[index % machines.length]!;
      const slot = Math.floor(index / machines.length);
      await push(`factory/${lineId}/${machineId}/test`, {
        barcode: `SN-${machineId}-${Math.floor(slot / STEPS.length)}`,
        machine_id: machineId,
        product_id: PRODUCTS[slot % 7 === 0 ? 1 : 0],
        test_step: STEPS[slot % STEPS.length],
        measured_value: 85 + (next() + next() + next() - 1.5) * 4,
        timestamp: fromMs + Math.floor(slot * spacingMs) + (index % machines.length),
      });
    }
    await flush();
    const elapsed = performance.now() - started;
    console.log(
      `seeded ${stored.toLocaleString('en-US')} messages (${options.results.toLocaleString('en-US')} results, ` +
        `${machines.length} machines) through the store process in ${(elapsed / 1000).toFixed(1)} s ` +
        `(${formatRate(stored, elapsed)}; telemetry and states ${(telemetryMs / 1000).toFixed(1)} s)`,
    );
    return { fromMs, toMs, results: options.results, machines: machines.length };
  } finally {
    await store.close();
  }
}
