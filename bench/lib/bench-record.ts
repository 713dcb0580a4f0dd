/**
 * Every figure a bench prints, also kept in `artifacts/bench.json` (with the machine's core
 * count and load average at the time) so two runs can be compared, and each target printed
 * as met or MISSED. `scripts/bench.mjs` starts the file for a run; each bench (its own
 * process) adds its figures in turn.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_JSON = process.env.LINEWATCH_BENCH_JSON ?? join(ROOT, 'artifacts', 'bench.json');

export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** Present when the figure has a target: what it is, and whether it was met. */
  target?: string;
  met?: boolean;
  at: string;
  loadAverage: number[];
}

interface BenchFile {
  startedAt: string;
  cores: number;
  loadAverageAtStart: number[];
  figures: Figure[];
}

const round = (values: number[]) => values.map((value) => Math.round(value * 100) / 100);

/** Starts an empty record for a run (scripts/bench.mjs does the same for `npm run bench`). */
export function startRecord(): void {
  write({
    startedAt: new Date().toISOString(),
    cores: cpus().length,
    loadAverageAtStart: round(loadavg()),
    figures: [],
  });
}

function read(): BenchFile {
  if (!existsSync(BENCH_JSON)) startRecord();
  return JSON.parse(readFileSync(BENCH_JSON, 'utf8')) as BenchFile;
}

function write(file: BenchFile): void {
  mkdirSync(dirname(BENCH_JSON), { recursive: true });
  writeFileSync(BENCH_JSON, `${JSON.stringify(file, null, 2)}\n`);
}

const benchName = (): string =>
  (process.argv[1] ?? 'bench')
    .split('/')
    .at(-1)
    ?.replace(/\.bench\.ts$/, '') ?? 'bench';

/** Keeps one figure. */
export function record(name: string, value: number, unit: string): void {
  const file = read();
  file.figures.push({
    bench: benchName(),
    name,
    value: Math.round(value * 1000) / 1000,
    unit,
    at: new Date().toISOString(),
    loadAverage: round(loadavg()),
  });
  write(file);
}

/**
 * Keeps a figure that has a target and prints whether it was met: `atLeast` for rates and
 * ratios, `below` for times, `atMost` for memory.
 */
export function checkTarget(
  name: string,
  value: number,
  unit: string,
  target: { atLeast: number } | { atMost: number } | { below: number },
): boolean {
  const met =
    'atLeast' in target
      ? value >= target.atLeast
      : 'atMost' in target
        ? value <= target.atMost
        : value < target.below;
  const wanted =
    'atLeast' in target
      ? `>= ${target.atLeast}`
      : 'atMost' in target
        ? `<= ${target.atMost}`
        : `< ${target.below}`;
  const file = read();
  file.figures.push({
    bench: benchName(),
    name,
    value: Math.round(value * 1000) / 1000,
    unit,
    target: `${wanted} ${unit}`,
    met,
    at: new Date().toISOString(),
    loadAverage: round(loadavg()),
  });
  write(file);
  const shown = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
  console.log(
    `  target ${name}: ${shown} ${unit} (target ${wanted} ${unit}): ${met ? 'met' : 'MISSED'}`,
  );
  return met;
}

/** The load average now, for a figure's line (the machine is shared). */
export function loadNote(): string {
  return `load average ${round(loadavg()).join(' / ')} on ${cpus().length} cores`;
}

interface ProcessInfo {
  pid: number;
  name: string;
  rssBytes: number;
}

/** `pid` and every process below it, with its resident memory (from /proc). */
export function processTree(pid: number): ProcessInfo[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [child, parent] of parentOf) if (parent === tree[index]) tree.push(child);
  }
  const found: ProcessInfo[] = [];
  for (const member of tree) {
    try {
      const status = readFileSync(`/proc/${member}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const args = readFileSync(`/proc/${member}/cmdline`, 'utf8').split('\0').filter(Boolean);
      found.push({ pid: member, name: describeProcess(args), rssBytes: rssKb * 1024 });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** This process's children that are Linewatch's (the store process), not tsx's esbuild. */
export function linewatchChildren(): number[] {
  const self = process.pid;
  return processTree(self)
    .filter(
      (info) => info.pid !== self && !info.name.includes('esbuild') && parentPid(info.pid) === self,
    )
    .map((info) => info.pid);
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A short name for a Linewatch process from its command line. */
function describeProcess(args: string[]): string {
  const script = args.find((arg) => /\.(ts|js|mjs)$/.test(arg) && !arg.includes('node_modules'));
  if (script) return script.split('/').slice(-2).join('/');
  const tool = args[0]?.split('/').at(-1) ?? '?';
  return tool.includes('chrom') ? 'chromium' : tool;
}

/**
 * Prints and keeps the RSS of `pid` and every process it started (console mode, the store,
 * the broker, the report process, Chromium). Helpers of the tooling (tsx's esbuild) are
 * listed but left out of the Linewatch total.
 */
export function printRss(label: string, pid: number): number {
  const tree = processTree(pid);
  let total = 0;
  console.log(`RSS ${label}:`);
  for (const info of tree) {
    const tooling = info.name.includes('esbuild');
    if (!tooling) total += info.rssBytes;
    const mb = info.rssBytes / 1048576;
    console.log(
      `  pid ${info.pid} ${info.name}: ${mb.toFixed(1)} MB${tooling ? ' (tooling, not counted)' : ''}`,
    );
    if (!tooling) record(`RSS ${label}: ${info.name}`, mb, 'MB');
  }
  console.log(`  total: ${(total / 1048576).toFixed(1)} MB`);
  return total / 1048576;
}
