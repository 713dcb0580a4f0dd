/**
 * Measures how long the report data takes over a large database:
 *   node --import tsx tests/integration/reports/support/measure-report-speed.ts [results] [keep-dir]
 * Seeds a temporary database (default one million test results in 24 hours on 10 machines),
 * then builds each report on a read-only connection in one read transaction, as the report
 * process does, and prints wall and CPU time (CPU time shows the cost on a busy machine).
 * Given `keep-dir`, the database is kept there and reused by the next run.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildReport } from '../../../../src/backend/reports/data/build-report';
import type { ReportJob } from '../../../../src/backend/reports/report-job';
import { openDatabase } from '../../../../src/backend/store/open-database';
import type { ReportType } from '../../../../src/shared/contract';
import { seedLargeShift } from './seed-large-shift';

const FROM_MS = Date.parse('2026-11-20T06:00:00Z');
const results = Number(process.argv[2] ?? 1_000_000);
const keep = process.argv[3];
const dir = keep ?? mkdtempSync(join(tmpdir(), 'linewatch-report-speed-'));
const path = join(dir, 'linewatch.sqlite');
try {
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const { db } = openDatabase(path, join(process.cwd(), 'src/backend/store/migrations'));
    const seededAt = performance.now();
    seedLargeShift(db, FROM_MS, results);
    db.close();
    const seconds = ((performance.now() - seededAt) / 1000).toFixed(1);
    console.log(`seeded ${results} results in ${seconds} s`);
  }
  const reader = new Database(path, { readonly: true });
  const stored = reader.prepare('SELECT count(*) FROM test_results').pluck().get() as number;
  const machineIds = reader
    .prepare('SELECT id FROM machines ORDER BY id')
    .pluck()
    .all() as string[];
  console.log(`${stored} test results, ${machineIds.length} machines`);
  const job = (type: ReportType, scope: string[]): ReportJob => ({
    type,
    fromMs: FROM_MS,
    toMs: FROM_MS + 24 * 3_600_000,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Whole plant',
      machineIds: scope,
      simulated: { included: false, count: 0 },
    },
    visibleLineIds: null,
    plantName: 'Bench plant',
    generatedBy: 'bench',
    generatedAtMs: FROM_MS + 25 * 3_600_000,
    reportId: `bench-${type}`,
    shifts: [],
    timeZone: 'UTC',
    render: { html: false, paper: 'A4' },
  });
  const runs: [ReportType, string[]][] = [
    ['shift', machineIds],
    ['shift', machineIds],
    ['shift', machineIds.slice(0, 1)],
    ['quality', machineIds],
    ['alarm', machineIds],
    ['maintenance', machineIds],
  ];
  for (const [type, scope] of runs) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = reader.transaction(() => buildReport(reader, job(type, scope)))();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const figures = report.figures
      .map((f) => `${f.key}=${f.value === null ? '-' : +f.value.toFixed(4)}`)
      .join(' ');
    console.log(
      `${type} (${scope.length} machines): wall ${wall.toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms  ${figures}`,
    );
  }
  reader.close();
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
