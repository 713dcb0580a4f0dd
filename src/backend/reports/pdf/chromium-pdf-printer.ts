import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PdfPrinter, PrintJob } from './pdf-printer';

/** Where Chromium is usually found; LINEWATCH_CHROMIUM_PATH wins over all of them. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.LINEWATCH_CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/** Exact paper sizes: Chromium's own `format: 'A4'` comes out a fraction of a point larger. */
const PAPER = {
  A4: { width: '210mm', height: '297mm' },
  Letter: { width: '8.5in', height: '11in' },
} as const;

/** Chromium is closed after this long without a PDF (it starts again on the next). */
export const CHROMIUM_IDLE_STOP_MS = 10 * 60_000;

/** Margins leave room for the running header and footer Chromium draws in them. */
export const PDF_MARGINS = { top: '22mm', bottom: '18mm', left: '12mm', right: '12mm' };

/**
 * Prints with headless Chromium. The browser starts on the first PDF and stays up (a cold
 * start costs most of a second), and so does one page in a context with JavaScript off and no
 * network: opening a page costs about a second, printing on a warm one a few hundred ms. Jobs
 * take turns on that page; each replaces the whole document, which is self-contained HTML
 * with inline SVG, so nothing of one report can reach the next. A failed job drops the page.
 * After `idleStopMs` without a PDF the browser is closed (hundreds of MB back to the system);
 * the next PDF starts it again.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private page: Promise<Page> | null = null;
  /** The job in progress; the next one starts when it settles. */
  private turn: Promise<unknown> = Promise.resolve();
  private printing = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly executablePath: string | null = findChromium(),
    private readonly idleStopMs = CHROMIUM_IDLE_STOP_MS,
  ) {}

  /** Whether a browser is started (or starting). */
  get running(): boolean {
    return this.browser !== null;
  }

  /** (Re)starts the idle countdown once no PDF is being printed. */
  private armIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.printing > 0 || !this.browser) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.printing === 0) void this.close().catch(() => undefined);
    }, this.idleStopMs);
    this.idleTimer.unref();
  }

  private launch(): Promise<Browser> {
    const executablePath = this.executablePath;
    if (!executablePath) {
      throw new Error(
        'PDF export needs Chromium: install it (apt-get install chromium) or set LINEWATCH_CHROMIUM_PATH',
      );
    }
    if (!this.browser) {
      // playwright-core is loaded here, on the first PDF, not at start: importing it costs
      // about half a second and 80 MB, which the server's start → first answer would pay.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath, args: ARGS }),
      );
      // A failed start is not cached: the next PDF tries again.
      launching.catch(() => (this.browser = null));
      const started: Promise<Browser> = launching.then((browser) => {
        browser.on('disconnected', () => {
          // Closed when idle, a newer browser may be starting already: leave that one be.
          if (this.browser !== started) return;
          this.browser = null;
          this.page = null;
        });
        return browser;
      });
      this.browser = started;
    }
    return this.browser;
  }

  private warmPage(): Promise<Page> {
    this.page ??= this.launch()
      .then((browser) => browser.newContext({ javaScriptEnabled: false, offline: true }))
      .then((context) => context.newPage());
    this.page.catch(() => (this.page = null));
    return this.page;
  }

  warm(): void {
    if (!this.executablePath) return;
    this.warmPage()
      .then(() => this.armIdleStop())
      .catch(() => undefined);
  }

  print(job: PrintJob): Promise<Uint8Array> {
    this.printing += 1;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const printing = this.turn.catch(() => undefined).then(() => this.printNow(job));
    this.turn = printing;
    const done = () => {
      this.printing -= 1;
      this.armIdleStop();
    };
    printing.then(done, done);
    return printing;
  }

  private async printNow(job: PrintJob): Promise<Uint8Array> {
    const page = await this.warmPage();
    try {
      await page.setContent(job.html, { waitUntil: 'load' });
      return await page.pdf({
        ...PAPER[job.paper],
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: job.headerHtml,
        footerTemplate: job.footerHtml,
        margin: PDF_MARGINS,
      });
    } catch (error) {
      this.page = null;
      await page
        .context()
        .close()
        .catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
