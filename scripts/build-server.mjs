// `npm run build:server`: bundles the Node side of Linewatch (the server / console-mode command
// and the background processes it forks) into plain JavaScript in out/server/, so the server
// starts without compiling TypeScript at run time.
//
// - One ESM file per entry, all flat in out/server/: the launchers find a background entry as
//   the `.js` file of the same name next to the running bundle (src/backend/process/node-fork.ts).
// - Pure-JS packages are bundled in; native ones and those located at run time stay in
//   node_modules (KEEP_EXTERNAL below).
// - The store reads its SQL migrations from `migrations/` beside its file: copied there.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverOutDir = join(root, 'out', 'server');

/** Output name (without .js) → TypeScript entry. The background names match their sources. */
export const serverEntries = {
  cli: 'src/console/cli.ts',
  'audit-verify': 'src/console/audit-verify.ts',
  'accounts-cli': 'src/console/accounts-cli.ts',
  'store-process': 'src/backend/store/store-process.ts',
  'report-process': 'src/backend/reports/process/report-process.ts',
  'broker-process': 'src/backend/ingest/broker/broker-process.ts',
  'simulator-process': 'src/backend/simulation/simulator-process.ts',
};

/**
 * Packages that stay in node_modules and are loaded at run time: better-sqlite3 is native;
 * playwright-core is big and loaded only on the first PDF; aedes, echarts and bcryptjs are
 * located with require.resolve at run time; selfsigned (an X.509 library, 600 KB) is loaded
 * only to make the server's certificate on its first start; bufferutil and utf-8-validate are ws's optional
 * native helpers; pino loads its transport workers from its own files.
 */
const KEEP_EXTERNAL = [
  'better-sqlite3',
  'playwright-core',
  'aedes',
  'echarts',
  'bcryptjs',
  'selfsigned',
  'bufferutil',
  'utf-8-validate',
  // pino starts its transports (pino-roll) in worker threads from files of its own.
  'pino',
  'pino-roll',
  'thread-stream',
];

/**
 * `debug` resolves to scripts/quiet-debug.cjs (loggers that do nothing unless DEBUG is set),
 * except from that file itself, which wraps the real package.
 */
const quietDebug = {
  name: 'quiet-debug',
  setup(build) {
    const stub = join(root, 'scripts', 'quiet-debug.cjs');
    build.onResolve({ filter: /^debug$/ }, (args) =>
      args.importer === stub ? undefined : { path: stub },
    );
  },
};

/** The files that say how the bundle is made. */
const buildFiles = ['scripts/build-server.mjs', 'scripts/quiet-debug.cjs'];

/** Sources the bundle is made of; a newer file among them makes the bundle stale. */
const sourceDirs = ['src/backend', 'src/console', 'src/shared', 'simulator'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when out/server is missing or older than a source file (a checkout with sources). */
export function serverBundleIsStale() {
  const cli = join(serverOutDir, 'cli.js');
  if (!existsSync(cli)) return true;
  const dirs = sourceDirs.map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
  if (dirs.length === 0) return false; // an installed server without sources
  const built = statSync(cli).mtimeMs;
  // How it is built counts too (this file, the quiet `debug`).
  const tools = buildFiles.map((file) => join(root, file)).filter((file) => existsSync(file));
  return (
    dirs.some((dir) => newestMtime(dir) > built) ||
    tools.some((file) => statSync(file).mtimeMs > built)
  );
}

export async function buildServer({ quiet = false } = {}) {
  const started = Date.now();
  // esbuild is a build tool (a devDependency): an installed server never loads it.
  const { build } = await import('esbuild');
  rmSync(serverOutDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(serverEntries).map(([name, path]) => [name, join(root, path)]),
    ),
    outdir: serverOutDir,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'esm',
    // Pure-JS packages (zod, mqtt, ws, jose, fflate) are bundled: loading their hundreds of
    // little ESM files one by one was most of the start time. These stay in node_modules:
    external: KEEP_EXTERNAL,
    // Bundled CommonJS (mqtt, ws) calls require() for Node built-ins; ESM has none of its own.
    banner: {
      js: "import { createRequire as __linewatchCreateRequire } from 'node:module'; const require = __linewatchCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: quiet ? 'warning' : 'info',
    // Each entry stands alone: no shared chunks to keep in step when one process changes.
    splitting: false,
    legalComments: 'none',
    plugins: [quietDebug],
  });
  cpSync(join(root, 'src/backend/store/migrations'), join(serverOutDir, 'migrations'), {
    recursive: true,
  });
  if (!quiet) console.log(`server bundle: out/server/ in ${Date.now() - started} ms`);
}

/**
 * Builds out/server when it is missing or stale, one builder at a time: test files running in
 * parallel (and two `npm run console`) must not delete the bundle under each other. The lock is
 * a folder (mkdir is atomic); one older than a minute is a crashed builder's and is taken over.
 */
export async function ensureServerBuilt({ quiet = true } = {}) {
  // Fresh (or an installed server without sources, whose out/ may be read-only): nothing to do.
  if (!serverBundleIsStale()) return;
  const lock = join(root, 'out', '.server-build-lock');
  mkdirSync(join(root, 'out'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000 || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (serverBundleIsStale()) await buildServer({ quiet });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --if-stale: only when the bundle is missing or older than its sources (npm run audit:verify).
  if (process.argv.includes('--if-stale')) await ensureServerBuilt({ quiet: false });
  else await buildServer();
}
