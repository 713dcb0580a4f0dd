// `npm test`: everything, in the order that fails fastest: system packages, lint, types,
// build, the Electron static scan, unit + renderer + integration tests, end-to-end tests in
// Chromium.
// Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { ensureSystemPackages } from './system-packages.mjs';

const stepsWanted = new Set(process.argv.slice(2));
const want = (name) => stepsWanted.size === 0 || stepsWanted.has(name);

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
  };
}

ensureSystemPackages();
mkdirSync('artifacts', { recursive: true });
let failedSteps = [];
const totals = { passed: 0, failed: 0 };

if (want('lint') && !run('lint', 'npx', ['eslint', '.'])) failedSteps.push('eslint');
if (want('lint') && !run('format', 'npx', ['prettier', '--check', '.']))
  failedSteps.push('prettier');
if (want('types')) {
  if (!run('types (node, main, preload)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']))
    failedSteps.push('tsc node');
  if (!run('types (renderer)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']))
    failedSteps.push('tsc web');
}
if (want('build') && !run('build', 'npx', ['electron-vite', 'build'])) failedSteps.push('build');
// The server (npm run server): plain-JS bundles in out/server, which the server tests run.
if (want('build') && !run('build (server)', 'node', ['scripts/build-server.mjs']))
  failedSteps.push('build server');
// The Electron shell's static scan reads the built renderer page (its CSP meta tag).
if (want('scan') && !run('electron scan', 'node', ['scripts/electron-scan.mjs']))
  failedSteps.push('electron scan');

for (const [name, projects] of [
  [
    'unit+renderer+integration',
    ['--project', 'unit', '--project', 'renderer', '--project', 'integration'],
  ],
  ['e2e', ['--project', 'e2e']],
]) {
  const key = name === 'e2e' ? 'e2e' : 'unit';
  if (!want(key)) continue;
  const output = `artifacts/vitest-${key}.json`;
  const ok = run(name, 'npx', [
    'vitest',
    'run',
    ...projects,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]);
  const counts = vitestCounts(output);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (!ok) failedSteps.push(name);
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(
  `tests: ${totals.passed} passed, ${totals.failed + (failedSteps.length && totals.failed === 0 ? failedSteps.length : 0)} failed`,
);
process.exit(failedSteps.length ? 1 : 0);
