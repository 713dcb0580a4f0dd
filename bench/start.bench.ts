/**
 * Start → first answer: time from spawning the server until `GET /api/setup` (public, the
 * first thing a browser or station asks) answers 200, on a fresh data folder with the embedded
 * broker. Side by side in one run: the built server (out/server/cli.js, plain Node) and the same
 * code from TypeScript source through tsx (how console mode started before the bundle).
 * Target: under 1.5 s from built JavaScript. `npm run bench -- start` runs only this one.
 *
 * Wall time depends on what else the machine runs, so it also prints the CPU time the server's
 * processes (main, store, broker) used until the first answer: a figure the load barely moves.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureServerBundle,
  spawnServer,
  type ServerProcess,
} from '../tests/helpers/server-process';
import { childrenOf, commandOf } from '../tests/integration/ingest/support/console-process';
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

/** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Resident memory of a process now, in MB (VmRSS from /proc). */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface StartFigure {
  wallMs: number;
  cpuMs: number;
  /** RSS at the first answer, by process: "main", then each child's entry file name. */
  rssMb: Record<string, number>;
}

async function timeStart(kind: 'bundle' | 'source'): Promise<StartFigure> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-start-'));
  try {
    const started = performance.now();
    const server = await spawnServer(
      ['--port', '0', '--embedded-broker-port', '0', '--data-dir', dataDir],
      kind === 'source' ? { execArgv: ['--import', 'tsx'], script: 'src/console/cli.ts' } : {},
    );
    const wallMs = await firstAnswer(server, started);
    const pid = server.child.pid!;
    // tsx's own esbuild service counts too: compiling at run time is part of that start.
    const children = childrenOf(pid);
    const cpu = [pid, ...children].reduce((sum, each) => sum + cpuMs(each), 0);
    const rss: Record<string, number> = { main: rssMb(pid) };
    for (const child of children) {
      const name = /([\w-]+)\.[jt]s\b/.exec(commandOf(child))?.[1] ?? `pid ${child}`;
      rss[name] = rssMb(child);
    }
    const stopped = await server.stop();
    if (stopped.code !== 0) throw new Error(`server exited ${stopped.code}:\n${server.output()}`);
    return { wallMs, cpuMs: cpu, rssMb: rss };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

ensureServerBundle();
const figures: Record<'bundle' | 'source', StartFigure[]> = { bundle: [], source: [] };
const load = loadavg()[0]!;
// Interleaved, so a busy moment on the shared machine hits both alike.
for (let run = 0; run < RUNS; run += 1) {
  for (const kind of ['bundle', 'source'] as const) figures[kind].push(await timeStart(kind));
}
const median = (values: number[]) => percentile(values, 50);
const line = (label: string, runs: StartFigure[]) => {
  const walls = runs.map((run) => run.wallMs);
  const cpus = runs.map((run) => run.cpuMs);
  console.log(
    `  ${label} median ${formatMs(median(walls))} (${walls.map((ms) => formatMs(ms)).join(', ')}); CPU ${formatMs(median(cpus))}`,
  );
  const last = runs.at(-1)!.rssMb;
  const total = Object.values(last).reduce((sum, mb) => sum + mb, 0);
  console.log(
    `    RSS at the first answer: ${Object.entries(last)
      .map(([name, mb]) => `${name} ${Math.round(mb)} MB`)
      .join(', ')}; ${Math.round(total)} MB in all`,
  );
};
console.log(
  `start → first answer (GET /api/setup = 200), fresh data folder, embedded broker, ${RUNS} runs each, load average ${load.toFixed(1)} on ${availableParallelism()} cores:`,
);
line('from TypeScript source (tsx):', figures.source);
line('built server (out/server):   ', figures.bundle);
const bundle = median(figures.bundle.map((run) => run.wallMs));
console.log(
  `  target < ${formatMs(TARGET_MS)} from built JavaScript: ${bundle < TARGET_MS ? 'met' : 'MISSED'}`,
);
