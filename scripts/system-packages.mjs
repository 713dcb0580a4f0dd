// Makes sure the Debian/Ubuntu packages the tests use are present: installs them when this
// user can (root, or sudo without a password), otherwise says exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'end-to-end tests and PDF printing' },
  { pkg: 'mosquitto', file: '/usr/sbin/mosquitto', why: 'broker tests' },
  { pkg: 'poppler-utils', file: '/usr/bin/pdftoppm', why: 'report PDF checks' },
];

function canRun(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export function ensureSystemPackages() {
  const missing = NEEDED.filter((item) => !existsSync(item.file));
  if (missing.length === 0) return;
  const names = missing.map((item) => item.pkg).join(' ');
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && canRun('sudo', ['-n', 'true']);
  if (!isRoot && !sudo) {
    console.error(
      `Missing system packages (${missing.map((m) => `${m.pkg}: ${m.why}`).join('; ')}).`,
    );
    console.error(`Run: sudo apt-get update && sudo apt-get install -y ${names}`);
    process.exit(1);
  }
  const prefix = sudo ? ['sudo', '-n'] : [];
  console.log(`Installing ${names} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) =>
    execFileSync(
      prefix[0] ?? args[0],
      prefix.length ? [...prefix.slice(1), ...args] : args.slice(1),
      { stdio: 'inherit', env },
    );
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing.map((item) => item.pkg)]);
}
