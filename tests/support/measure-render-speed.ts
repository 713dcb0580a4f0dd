/**
 * How long a big shift report takes to lay out and print (not a test; a figure for people):
 *   node --import tsx tests/support/measure-render-speed.ts [downtime rows]
 * Renders the fixture shift report with that many downtime rows (default 500), then prints it
 * with headless Chromium, the browser already started as it is in a running backend.
 */
import { ChromiumPdfPrinter } from '../../src/backend/reports/pdf/chromium-pdf-printer';
import { renderReport } from '../../src/backend/reports/render/render-report';
import { jobFor, shiftReport } from './report-fixtures';

const rows = Number(process.argv[2] ?? 500);
const report = shiftReport({ downtimeRows: rows });
const job = jobFor(report);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

renderReport(report, job); // warm-up: module loading and JIT
const renderMs: number[] = [];
let built = renderReport(report, job);
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  built = renderReport(report, job);
  renderMs.push(performance.now() - started);
}

const printer = new ChromiumPdfPrinter();
const printJob = { html: built.html!, ...built.pageChrome!, paper: 'A4' as const };
const coldStarted = performance.now();
await printer.print(printJob);
const coldMs = performance.now() - coldStarted;
const printMs: number[] = [];
let bytes = 0;
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  bytes = (await printer.print(printJob)).length;
  printMs.push(performance.now() - started);
}
await printer.close();

console.log(
  `shift report, ${rows} downtime rows, ${(built.html!.length / 1024).toFixed(0)} KiB HTML`,
);
console.log(`renderReport: median ${median(renderMs).toFixed(0)} ms of 5`);
console.log(
  `print (browser up): median ${median(printMs).toFixed(0)} ms of 3, ${(bytes / 1024).toFixed(0)} KiB PDF`,
);
console.log(`first print incl. Chromium start: ${coldMs.toFixed(0)} ms`);
