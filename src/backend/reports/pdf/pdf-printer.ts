import type { PaperSize } from '../../../shared/contract';

/** What a PDF is printed from: the report page and its running header and footer. */
export interface PrintJob {
  html: string;
  headerHtml: string;
  footerHtml: string;
  paper: PaperSize;
}

/**
 * Prints HTML to PDF. Console mode and the command line use headless Chromium; the desktop
 * app passes one built on `webContents.printToPDF`. Both lay out the same page.
 */
export interface PdfPrinter {
  print(job: PrintJob): Promise<Uint8Array>;
  /** Gets ready to print soon (someone is looking at reports); never fails. */
  warm?(): void;
  close(): Promise<void>;
}
