// `npm run scan:electron` (and a step of `npm test`): Doyensec's Electronegativity over the
// Electron shell — src/main, src/preload, the CSP they install and the built renderer page
// that carries the CSP meta tag. Fails on any finding above LOW that the allowlist
// (scripts/electron-scan-allowlist.json, explained in the README's Security section) does
// not name with a reason, and on allowlist entries that no longer match anything.
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

/** What is scanned, as one app: global checks (CSP, navigation, permissions) span files. */
const SCANNED = ['src/main', 'src/preload', 'src/shared/csp.ts', 'out/renderer/index.html'];
/**
 * This check downloads Electron's release list to see whether the installed Electron has
 * known security fixes pending; it needs the internet, which `npm test` must not.
 */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const allowlist = JSON.parse(
  readFileSync(join(ROOT, 'scripts', 'electron-scan-allowlist.json'), 'utf8'),
);
const electronVersion = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
  console.error('electron scan: out/renderer/index.html is missing; run `npm run build` first');
  process.exit(1);
}

const stage = mkdtempSync(join(tmpdir(), 'linewatch-electron-scan-'));
let failed = false;
try {
  for (const path of SCANNED) {
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    cpSync(join(ROOT, path), join(stage, path), { recursive: true });
  }
  const started = Date.now();
  // The tool prints its progress and a failed translation download; keep the output ours.
  const quiet = console.log;
  console.log = () => undefined;
  let result;
  try {
    result = await run({
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED,
      severitySet: 'informational',
      confidenceSet: 'tentative',
    });
  } finally {
    console.log = quiet;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  for (const error of result.errors) {
    console.error(`electron scan: could not parse ${error.file}: ${error.message ?? ''}`);
    failed = true;
  }
  const used = new Set();
  const rows = result.issues.map((issue) => {
    const file = issue.file === 'N/A' ? '(whole app)' : issue.file;
    const entry = allowlist.findIndex(
      (allowed) => allowed.id === issue.id && allowed.file === file,
    );
    const serious = SEVERITY_ORDER.indexOf(issue.severity.name) > SEVERITY_ORDER.indexOf('LOW');
    if (entry >= 0) used.add(entry);
    const verdict = !serious ? 'low' : entry >= 0 ? 'allowed' : 'FINDING';
    if (verdict === 'FINDING') failed = true;
    return { verdict, issue, file };
  });
  for (const { verdict, issue, file } of rows) {
    const where = issue.location?.line ? `${file}:${issue.location.line}` : file;
    console.log(
      `  ${verdict.padEnd(8)} ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${where} — ${issue.description}`,
    );
  }
  allowlist.forEach((allowed, index) => {
    if (used.has(index)) return;
    console.log(`  STALE    allowlist entry ${allowed.id} in ${allowed.file} matches no finding`);
    failed = true;
  });
  const serious = rows.filter((row) => row.verdict !== 'low').length;
  console.log(
    `electron scan: ${result.issues.length} findings (${serious} above LOW, all ${failed ? 'NOT ' : ''}explained) ` +
      `in ${seconds} s, Electron ${electronVersion}, ${result.atomicChecks + result.globalChecks} checks`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
