/**
 * Where the quality report's time goes, in one process (no IPC), on a seeded day kept by
 * `npm run bench -- reports --seeded DIR`:
 * `node --import tsx [--cpu-prof] bench/lib/quality-profile.ts DIR [rounds] [--print]`.
 * Prints per round the time of reading the values, the figures, the whole data part, the
 * HTML with its SVG charts and (with --print) Chromium's printing (its CPU is Chromium's own, not
 * counted here: the reports bench counts every process's).
 */
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/backend/reports/data/build-report';
import { readSteps } from '../../src/backend/reports/data/quality-steps';
import { ChromiumPdfPrinter } from '../../src/backend/reports/pdf/chromium-pdf-printer';
import { renderReport } from '../../src/backend/reports/render/render-report';
import { openSeededDay, seededDayJob } from './seeded-day';

const dir = process.argv[2];
if (!dir) throw new Error('usage: quality-profile.ts DIR [rounds] [--print]');
const rounds = Number(process.argv[3] ?? 3) || 3;
const print = process.argv.includes('--print');
const day = openSeededDay(dir);
const { db } = day;
const job = seededDayJob(day, 'quality', { html: true });
const printer = new ChromiumPdfPrinter();
const PDF_FILE = join(tmpdir(), 'linewatch-quality-profile.pdf');
/** Wall and CPU time of this process since `started` (the machine is shared: CPU says more). */
let cpuStarted = process.cpuUsage();
const ms = (started: number) => {
  const cpu = process.cpuUsage(cpuStarted);
  cpuStarted = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return `${(performance.now() - started).toFixed(0).padStart(5)} ms (CPU ${cpuMs.toFixed(0)})`;
};
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`,
);
for (let round = 1; round <= rounds; round += 1) {
  let started = performance.now();
  cpuStarted = process.cpuUsage();
  const steps = db.transaction(() => readSteps(db, job))();
  const read = ms(started);
  started = performance.now();
  const report = db.transaction(() => buildReport(db, job))();
  const built = ms(started);
  started = performance.now();
  const page = renderReport(report, job);
  const rendered = ms(started);
  let printed = '';
  if (print && page.html && page.pageChrome) {
    started = performance.now();
    cpuStarted = process.cpuUsage();
    const pdf = await printer.print({
      html: page.html,
      headerHtml: page.pageChrome.headerHtml,
      footerHtml: page.pageChrome.footerHtml,
      paper: 'A4',
    });
    printed = `, print ${ms(started)} (${Math.round(pdf.length / 1024)} KiB, html ${Math.round(page.html.length / 1024)} KiB)`;
    // The last one is kept to look at (pdftoppm -png -r 60 FILE page).
    if (round === rounds) {
      writeFileSync(PDF_FILE, pdf);
      printed += `, kept in ${PDF_FILE}`;
    }
  }
  console.log(
    `round ${round}: readSteps ${read} (${steps.length} pairs), buildReport ${built}, render ${rendered}${printed}`,
  );
}
await printer.close();
db.close();
