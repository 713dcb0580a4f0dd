// `npm run bench`: runs every bench/*.bench.ts in turn under `node --import tsx` and prints
// their figures. Each bench prints its own lines; this adds a header, the time taken, and a
// non-zero exit when any bench failed. Every figure is also kept in artifacts/bench.json with
// the machine's core count and load average (bench/lib/bench-record.ts), started afresh here.
// `npm run bench -- growth --results 2000000`: names pick benches; options go to each of them.
// The growth bench (10 million results by default) runs only when named.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ONLY_WHEN_NAMED = ['growth.bench.ts'];

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const only = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) =>
    only.length === 0
      ? !ONLY_WHEN_NAMED.includes(name)
      : only.some((wanted) => name.includes(wanted)),
  )
  .sort();

if (benches.length === 0) {
  console.error('bench: no bench/*.bench.ts matched');
  process.exit(1);
}

const record = join(root, 'artifacts', 'bench.json');
mkdirSync(join(root, 'artifacts'), { recursive: true });
const round = (values) => values.map((value) => Math.round(value * 100) / 100);
writeFileSync(
  record,
  `${JSON.stringify(
    {
      startedAt: new Date().toISOString(),
      cores: cpus().length,
      loadAverageAtStart: round(loadavg()),
      benches,
      figures: [],
    },
    null,
    2,
  )}\n`,
);
console.log(`bench: ${cpus().length} cores, load average ${round(loadavg()).join(' / ')}`);

const failed = [];
for (const name of benches) {
  console.log(`\n=== bench ${name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', name), ...options], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LINEWATCH_BENCH_JSON: record },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== bench ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
  if (result.status !== 0) failed.push(name);
}
console.log(`\nbench: figures in ${record} (load average now ${round(loadavg()).join(' / ')})`);
if (failed.length) {
  console.error(`\nbench: ${failed.length} failed: ${failed.join(', ')}`);
  process.exit(1);
}
