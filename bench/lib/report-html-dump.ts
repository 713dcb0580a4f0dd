/**
 * The HTML of every report type over a seeded day (`npm run bench -- reports --seeded DIR`),
 * written to OUT_DIR, to check that a change to the drawing leaves the pages byte for byte the
 * same: `node --import tsx bench/lib/report-html-dump.ts DIR OUT_DIR`, before and after, then
 * `cmp` (or `sha256sum`) the files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildReport } from '../../src/backend/reports/data/build-report';
import type { ReportJob } from '../../src/backend/reports/report-job';
import { renderReport } from '../../src/backend/reports/render/render-report';
import type { SeededPlant } from './report-seed';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: report-html-dump.ts DIR OUT_DIR');
mkdirSync(out, { recursive: true });
const plant = JSON.parse(readFileSync(join(dir, 'plant.json'), 'utf8')) as SeededPlant;
const db = new Database(join(dir, 'linewatch.sqlite'), { readonly: true });
const machineIds = db.prepare('SELECT id FROM machines ORDER BY id').pluck().all() as string[];
const shifts = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];
for (const type of ['shift', 'quality', 'alarm', 'maintenance'] as const) {
  const job: ReportJob = {
    type,
    fromMs: plant.fromMs,
    toMs: plant.toMs,
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds,
      simulated: { included: false, count: 0 },
    },
    visibleLineIds: null,
    plantName: 'Bench plant',
    generatedBy: 'bench',
    generatedAtMs: plant.toMs,
    reportId: `${type}-bench`,
    shifts,
    timeZone: 'UTC',
    render: { html: true, paper: 'A4' },
  };
  const page = db.transaction(() => renderReport(buildReport(db, job), job))();
  writeFileSync(join(out, `${type}.html`), page.html ?? '');
  console.log(`${type}: ${Math.round((page.html ?? '').length / 1024)} KiB`);
}
db.close();
