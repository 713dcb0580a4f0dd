import type { PaperSize } from '../../../../shared/contract';
import { html, trustedMarkup, type SafeHtml } from '../html';
import { REPORT_CSS } from './styles';

/**
 * The policy of the page itself: nothing may load or run, whatever the markup holds. It backs
 * up the escaping (a slip there still cannot run a script) and holds in the preview iframe,
 * the print window and headless Chromium alike.
 */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The complete, self-contained HTML document around a report's body. */
export function documentShell(options: {
  title: string;
  type: string;
  /** On screen (the in-app preview) the sheet is drawn as wide as this paper. */
  paper: PaperSize;
  body: SafeHtml;
}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        <style>
          ${trustedMarkup(REPORT_CSS)}
        </style>
      </head>
      <body class="${`report report-${options.type} paper-${options.paper}`}">
        <main class="page">${options.body}</main>
      </body>
    </html> `.value;
}
