/**
 * Reports over a big day: one million stored test results over 24 hours (100 machines), then
 * the shift report of the whole day as JSON and as PDF through the backend (report process +
 * headless Chromium), and the other reports as PDF. Target: the 24-hour shift report with its
 * PDF in under 3 s. `npm run bench reports` runs only this one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../src/backend/backend';
import { nodeLauncher } from '../src/backend/node-launcher';
import { ChromiumPdfPrinter } from '../src/backend/reports/pdf/chromium-pdf-printer';
import type { MethodInput, ReportAnswer, Session } from '../src/shared/contract';
import { seedDay } from './lib/report-seed';
import { formatMs } from './lib/stats';

const RESULTS = Number(process.env.LINEWATCH_BENCH_REPORT_RESULTS ?? 1_000_000);
const TARGET_MS = 3000;

const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-reports-'));
try {
  const toMs = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const plant = await seedDay(dataDir, { results: RESULTS, lines: 10, machinesPerLine: 10, toMs });
  const backend = await createBackend({
    dataDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    log: () => undefined,
    ingest: null,
  });
  try {
    const setup = await backend.call(
      'setup.createFirstAdmin',
      { username: 'bench', displayName: 'Bench', password: 'bench password 123' },
      null,
    );
    if (!setup.ok) throw new Error(setup.error.message);
    const { token } = setup.value as Session;
    const range = {
      from: new Date(plant.fromMs).toISOString(),
      to: new Date(plant.toMs).toISOString(),
    };

    const timed = async (label: string, input: MethodInput<'reports.build'>) => {
      const started = performance.now();
      const result = await backend.call('reports.build', input, token);
      const ms = performance.now() - started;
      if (!result.ok) throw new Error(`${label}: ${result.error.message}`);
      const answer = result.value as ReportAnswer;
      const size =
        answer.kind === 'file'
          ? `${Math.round((answer.base64.length * 3) / 4 / 1024)} KiB`
          : `${answer.report.sections.length} sections`;
      console.log(`  ${label.padEnd(44)} ${formatMs(ms).padStart(8)}   ${size}`);
      return ms;
    };

    console.log(
      `reports over ${RESULTS.toLocaleString('en-US')} results in 24 h, ${plant.machines} machines:`,
    );
    await timed('shift report, JSON (report process warming)', { type: 'shift', ...range });
    await timed('shift report, JSON', { type: 'shift', ...range });
    // The JSON requests above started Chromium in the background, as a preview does in the app.
    const first = await timed('shift report, PDF (first)', {
      type: 'shift',
      ...range,
      format: 'pdf',
    });
    const warm = await timed('shift report, PDF', { type: 'shift', ...range, format: 'pdf' });
    await timed('shift report, CSV (ZIP)', { type: 'shift', ...range, format: 'csv' });
    await timed('quality report, PDF', { type: 'quality', ...range, format: 'pdf' });
    await timed('alarm report, PDF', { type: 'alarm', ...range, format: 'pdf' });
    await timed('maintenance report, PDF', { type: 'maintenance', ...range, format: 'pdf' });
    await timed('shift report of one line, PDF', {
      type: 'shift',
      ...range,
      line: 'L-1',
      format: 'pdf',
    });
    const verdict = (ms: number) => (ms < TARGET_MS ? 'met' : 'MISSED');
    console.log(
      `24-hour shift report with PDF: ${formatMs(warm)} (target < ${formatMs(TARGET_MS)}: ${verdict(warm)}); ` +
        `the first one ${formatMs(first)} (${verdict(first)})`,
    );
  } finally {
    await backend.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
