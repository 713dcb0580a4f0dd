/**
 * The HTML of every report type over a seeded day (`npm run bench -- reports --seeded DIR`),
 * written to OUT_DIR, to check that a change to the drawing leaves the pages byte for byte the
 * same: `node --import tsx bench/lib/report-html-dump.ts DIR OUT_DIR`, before and after, then
 * `cmp` (or `sha256sum`) the files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../../src/backend/reports/data/build-report';
import { renderReport } from '../../src/backend/reports/render/render-report';
import { openSeededDay, seededDayJob } from './seeded-day';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: report-html-dump.ts DIR OUT_DIR');
mkdirSync(out, { recursive: true });
const day = openSeededDay(dir);
const { db } = day;
const shifts = [
  { name: 'Early', start: '06:00' },
  { name: 'Late', start: '14:00' },
  { name: 'Night', start: '22:00' },
];
for (const type of ['shift', 'quality', 'alarm', 'maintenance'] as const) {
  const job = seededDayJob(day, type, { html: true, shifts });
  const page = db.transaction(() => renderReport(buildReport(db, job), job))();
  writeFileSync(join(out, `${type}.html`), page.html ?? '');
  console.log(`${type}: ${Math.round((page.html ?? '').length / 1024)} KiB`);
}
db.close();
