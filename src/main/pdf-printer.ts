import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import type { PdfPrinter } from '../backend/reports/pdf/pdf-printer';

/** Chromium's header/footer margins, in inches as printToPDF takes them (22 mm and 18 mm). */
const MARGINS = { top: 22 / 25.4, bottom: 18 / 25.4, left: 12 / 25.4, right: 12 / 25.4 };

/**
 * Prints report pages with Electron's own Chromium (`webContents.printToPDF`), so the desktop
 * app needs no second browser. The page is loaded from a temporary file into a hidden,
 * sandboxed window with JavaScript off; the report is self-contained HTML and SVG.
 */
export function electronPdfPrinter(): PdfPrinter {
  return {
    async print(job) {
      const folder = await mkdtemp(join(app.getPath('temp'), 'linewatch-report-'));
      const page = join(folder, 'report.html');
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
        },
      });
      try {
        await writeFile(page, job.html);
        await window.loadFile(page);
        return await window.webContents.printToPDF({
          pageSize: job.paper,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: job.headerHtml,
          footerTemplate: job.footerHtml,
          margins: MARGINS,
        });
      } finally {
        window.destroy();
        await rm(folder, { recursive: true, force: true });
      }
    },
    async close() {},
  };
}
