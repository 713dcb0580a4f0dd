/**
 * Start → first answer: time from spawning the server until `GET /api/setup` (public, the
 * first thing a browser or station asks) answers 200, on a fresh data folder with the embedded
 * broker. Side by side in one run: the built server (out/server/cli.js, plain Node) and the same
 * code from TypeScript source through tsx (how console mode started before the bundle).
 * Target: under 1.5 s from built JavaScript. `npm run bench -- start` runs only this one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureServerBundle,
  spawnServer,
  type ServerProcess,
} from '../tests/helpers/server-process';
import { formatMs, percentile } from './lib/stats';

const RUNS = Number(process.env.LINEWATCH_BENCH_START_RUNS ?? 5);
const TARGET_MS = 1500;

async function firstAnswer(server: ServerProcess, started: number): Promise<number> {
  for (;;) {
    const response = await fetch(`${server.url}/api/setup`).catch(() => null);
    if (response?.status === 200) {
      await response.body?.cancel();
      return performance.now() - started;
    }
    if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function timeStart(kind: 'bundle' | 'source'): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-start-'));
  try {
    const started = performance.now();
    const server = await spawnServer(
      ['--port', '0', '--embedded-broker-port', '0', '--data-dir', dataDir],
      kind === 'source' ? { execArgv: ['--import', 'tsx'], script: 'src/console/cli.ts' } : {},
    );
    const ms = await firstAnswer(server, started);
    const stopped = await server.stop();
    if (stopped.code !== 0) throw new Error(`server exited ${stopped.code}:\n${server.output()}`);
    return ms;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

ensureServerBundle();
const figures: Record<string, number[]> = { bundle: [], source: [] };
// Interleaved, so a busy moment on the shared machine hits both alike.
for (let run = 0; run < RUNS; run += 1) {
  for (const kind of ['bundle', 'source'] as const) figures[kind]!.push(await timeStart(kind));
}
const median = (values: number[]) => percentile(values, 50);
const bundle = median(figures.bundle!);
const source = median(figures.source!);
const list = (values: number[]) => values.map((ms) => formatMs(ms)).join(', ');
console.log(`start → first answer (GET /api/setup = 200), fresh data folder, ${RUNS} runs each:`);
console.log(
  `  from TypeScript source (tsx): median ${formatMs(source)} (${list(figures.source!)})`,
);
console.log(
  `  built server (out/server):    median ${formatMs(bundle)} (${list(figures.bundle!)})`,
);
console.log(
  `  target < ${formatMs(TARGET_MS)} from built JavaScript: ${bundle < TARGET_MS ? 'met' : 'MISSED'}`,
);
