// `npm run server` / `npm run console -- [--port 8080] [--host 127.0.0.1] [--data-dir DIR] …`:
// in a checkout with sources, builds the renderer and the server bundle (out/server) if they
// are missing or older than their sources, then runs the built server in this process: plain
// Node, nothing compiled at run time. An installed server runs `node out/server/cli.js` itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuilt, serverBundleIsStale, serverOutDir } from './build-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const renderer = join(root, 'out/renderer/index.html');
const rendererSources = [join(root, 'src/renderer'), join(root, 'src/shared')];
if (
  rendererSources.every((dir) => existsSync(dir)) &&
  (!existsSync(renderer) ||
    statSync(renderer).mtimeMs < Math.max(...rendererSources.map(newestMtime)))
) {
  console.log('Building the renderer once (electron-vite build) ...');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (serverBundleIsStale()) console.log('Building the server once (scripts/build-server.mjs) ...');
await ensureServerBuilt();
await import(pathToFileURL(join(serverOutDir, 'cli.js')).href);
