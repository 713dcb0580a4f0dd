// `npm run console -- [--port 8080] [--host 127.0.0.1] [--data-dir DIR]`: builds the
// renderer if it is missing or older than its sources, then serves console mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = 'out/renderer/index.html';
const stale =
  !existsSync(built) ||
  statSync(built).mtimeMs < Math.max(newestMtime('src/renderer'), newestMtime('src/shared'));
if (stale) {
  console.log('Building the renderer once (electron-vite build) ...');
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'src/console/cli.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
