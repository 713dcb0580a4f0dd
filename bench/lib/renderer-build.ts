import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer when out/renderer is missing or older than its sources, as
 * `npm run console` does: the bench must measure the code in the tree, not an old build.
 */
export function ensureRendererBuilt(): void {
  const built = join(ROOT, 'out', 'renderer', 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src', 'renderer')),
    newestMtime(join(ROOT, 'src', 'shared')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('renderer: building it first (electron-vite build) ...');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`electron-vite build failed (${result.status})`);
}
