// better-sqlite3 is a native module: node_modules holds the build for Node (tests, console
// mode), and Electron refuses it (another ABI). Rebuilding it in place would break the Node
// side, so `npm start` keeps an Electron build in a cache folder and hands its path to the
// store process (LINEWATCH_SQLITE_BINDING -> better-sqlite3's `nativeBinding` option).
// Installers do not need this: electron-builder rebuilds node_modules when packaging.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, runBin } from './electron-runtime.mjs';

const readVersion = (name) =>
  JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Path of better_sqlite3.node built for this Electron; builds it on first use. */
export async function electronSqliteBinding() {
  const electron = readVersion('electron');
  const sqlite = readVersion('better-sqlite3');
  const cache = join(projectRoot, 'node_modules', '.cache', 'linewatch-electron');
  const dir = join(cache, `${electron}-${sqlite}`);
  const binding = join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  const done = join(dir, 'built');
  if (existsSync(done) && existsSync(binding)) return binding;

  console.log(`Linewatch: building better-sqlite3 ${sqlite} for Electron ${electron} (once)...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  // Copy the sources without the Node build, so only a real Electron build passes the check.
  const source = join(projectRoot, 'node_modules', 'better-sqlite3');
  cpSync(source, join(dir, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (path) => path !== join(source, 'build'),
  });
  const manifest = {
    name: 'linewatch-electron-native',
    private: true,
    dependencies: { 'better-sqlite3': sqlite },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  const code = await runBin('electron-rebuild', [
    '--version',
    electron,
    '--module-dir',
    dir,
    '--only',
    'better-sqlite3',
    '--force',
  ]);
  if (code !== 0 || !existsSync(binding)) {
    throw new Error(
      'could not build better-sqlite3 for Electron (it needs internet once: prebuilt binary or headers)',
    );
  }
  writeFileSync(done, new Date().toISOString());
  return binding;
}
