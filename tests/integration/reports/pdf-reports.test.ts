import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '../../../src/backend/reports/pdf/chromium-pdf-printer';
import { renderReport } from '../../../src/backend/reports/render/render-report';
import type { PaperSize, ReportType } from '../../../src/shared/contract';
import { FIXTURES, jobFor } from '../../support/report-fixtures';

/**
 * Every report type printed by real headless Chromium in A4 and Letter, read back with
 * poppler: page size, text, and a PNG of every page under artifacts/reports/ for people to
 * look at.
 */

const ARTIFACTS = resolve(import.meta.dirname, '../../../artifacts/reports');

/** The headline figures of each fixture as they must read on paper. */
const EXPECTED_TEXT: Record<ReportType, string[]> = {
  shift: [
    '1,284',
    '77.7%',
    '88.3%',
    '91.3%',
    '96.4%',
    '93.8%',
    '1,312',
    '56.5 min',
    'Shift report',
  ],
  quality: ['720', 'Quality report', 'PRD-100 · leak_rate', 'PRD-300 · press_depth'],
  alarm: ['38', '33', '4.6 min', 'Alarm report', 'Sensor recalibration'],
  maintenance: [
    'Tasks done',
    'Maintenance report',
    'No open tasks.',
    'Calibrate torque transducer',
  ],
};

/**
 * Page size in points. A4 is 595.28 × 841.89; Chromium lays A4 out as 8.27 × 11.7 in, which
 * pdfinfo reads as 595.92 × 842.88 and still names A4. Letter is exactly 612 × 792.
 */
const PAGE_SIZE: Record<PaperSize, { width: number; height: number; name: string }> = {
  A4: { width: 595.28, height: 841.89, name: 'A4' },
  Letter: { width: 612, height: 792, name: 'letter' },
};

let printer: ChromiumPdfPrinter;
let scratch: string;

beforeAll(() => {
  printer = new ChromiumPdfPrinter();
  scratch = mkdtempSync(join(tmpdir(), 'linewatch-pdf-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await printer.close();
  rmSync(scratch, { recursive: true, force: true });
});

function pageText(pdfPath: string, page: number): string {
  return execFileSync('pdftotext', [
    '-f',
    String(page),
    '-l',
    String(page),
    pdfPath,
    '-',
  ]).toString();
}

describe.each(['shift', 'quality', 'alarm', 'maintenance'] as const)('the %s report', (type) => {
  it.each(['A4', 'Letter'] as const)(
    'prints in %s with figures, id, hash and page numbers',
    async (paper) => {
      const report = FIXTURES[type]();
      const { html, pageChrome } = renderReport(report, jobFor(report, paper));
      expect(html).not.toBeNull();
      const pdf = await printer.print({ html: html!, ...pageChrome!, paper });
      const pdfPath = join(scratch, `${type}-${paper}.pdf`);
      writeFileSync(pdfPath, pdf);

      const info = execFileSync('pdfinfo', [pdfPath]).toString();
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts \((\w+)\)/.exec(info);
      expect(size, info).not.toBeNull();
      expect(Number(size![1])).toBeCloseTo(PAGE_SIZE[paper].width, -0.5);
      expect(Number(size![2])).toBeCloseTo(PAGE_SIZE[paper].height, -0.5);
      expect(size![3]).toBe(PAGE_SIZE[paper].name);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(1);

      const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
      for (const expected of EXPECTED_TEXT[type]) expect(text).toContain(expected);
      expect(text).toContain(report.meta.id);
      expect(text).toContain(`SHA-256 ${report.meta.dataSha256}`);
      expect(text).toContain('Data completeness 94.0%');
      expect(text).toContain(`Page 1 of ${pages}`);

      // Every page carries the running header and footer, and body text of its own: no blank
      // pages, no page that is only chrome.
      for (let page = 1; page <= pages; page += 1) {
        const onPage = pageText(pdfPath, page);
        expect(onPage).toContain('Riverside Plant');
        expect(onPage).toContain(`SHA-256 ${report.meta.dataSha256}`);
        expect(onPage).toContain(`Page ${page} of ${pages}`);
        const body = onPage
          .split('\n')
          .filter(
            (line) => line.trim() && !/Riverside Plant|Generated|SHA-256|Page \d+ of/.test(line),
          );
        expect(body.length, `page ${page} has body text`).toBeGreaterThan(3);
      }

      // PNGs of every page for people to look at; old ones of this report go first.
      for (const old of readdirSync(ARTIFACTS).filter((name) =>
        name.startsWith(`${type}-${paper}-`),
      )) {
        rmSync(join(ARTIFACTS, old));
      }
      writeFileSync(join(ARTIFACTS, `${type}-${paper}.pdf`), pdf);
      execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, join(ARTIFACTS, `${type}-${paper}`)]);
      const images = readdirSync(ARTIFACTS).filter(
        (name) => name.startsWith(`${type}-${paper}-`) && name.endsWith('.png'),
      );
      expect(images).toHaveLength(pages);
    },
  );
});
