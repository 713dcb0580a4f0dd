// `npm run bench`: runs every bench/*.bench.ts in turn under `node --import tsx` and prints
// their figures. Each bench prints its own lines; this adds a header, the time taken, and a
// non-zero exit when any bench failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const only = process.argv.slice(2);
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

if (benches.length === 0) {
  console.error('bench: no bench/*.bench.ts matched');
  process.exit(1);
}

const failed = [];
for (const name of benches) {
  console.log(`\n=== bench ${name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', name)], {
    cwd: root,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== bench ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
  if (result.status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nbench: ${failed.length} failed: ${failed.join(', ')}`);
  process.exit(1);
}
