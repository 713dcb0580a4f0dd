import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildReport } from '/work/wt/plantscale/src/backend/reports/data/build-report';
import { renderReport } from '/work/wt/plantscale/src/backend/reports/render/render-report';
import { openDatabase } from '/work/wt/plantscale/src/backend/store/open-database';
import { seedLargeShift } from '/work/wt/plantscale/tests/integration/reports/support/seed-large-shift';

const FROM_MS = Date.parse('2026-11-20T06:00:00Z');
const dir = '/tmp/ps-q1m';
const path = join(dir, 'linewatch.sqlite');
if (!existsSync(path)) {
  mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(path, '/work/wt/plantscale/src/backend/store/migrations');
  seedLargeShift(db, FROM_MS, 1_000_000);
  db.close();
}
const reader = new Database(path, { readonly: true });
const machineIds = reader.prepare('SELECT id FROM machines ORDER BY id').pluck().all() as string[];
const job = (html: boolean) => ({
  type: 'quality' as const,
  fromMs: FROM_MS,
  toMs: FROM_MS + 24 * 3_600_000,
  scope: { kind: 'plant' as const, lineId: null, machineId: null, label: 'Whole plant', machineIds, simulated: { included: false, count: 0 } },
  visibleLineIds: null,
  plantName: 'Bench plant',
  generatedBy: 'bench',
  generatedAtMs: FROM_MS + 25 * 3_600_000,
  reportId: 'bench-quality',
  shifts: [],
  timeZone: 'UTC',
  render: { html, paper: 'A4' as const },
});
for (let run = 0; run < Number(process.argv[2] ?? 3); run++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = reader.transaction(() => buildReport(reader, job(false)))();
  const dataMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(`data wall ${dataMs.toFixed(0)} ms cpu ${((used.user + used.system) / 1000).toFixed(0)} ms; ${JSON.stringify(report.figures.map((f) => f.value))} sd0=${JSON.stringify(report.sections[0]!.tables[0]!.rows[0])}`);
}
{
  const report = reader.transaction(() => buildReport(reader, job(true)))();
  const c = process.cpuUsage(); const w = performance.now();
  const out = renderReport(report, job(true));
  const u = process.cpuUsage(c);
  console.log(`render: cpu ${((u.user + u.system) / 1000).toFixed(0)} ms wall ${(performance.now() - w).toFixed(0)} ms, html ${out.html?.length}`);
}
