import type { ReportMeta } from '../../../shared/contract';
import type { ReportJob } from '../report-job';
import { html, trustedMarkup } from './html';
import { generatedText, rangeText } from './parts/title-block';

/**
 * Running header and footer for Chromium's (and Electron's) PDF printer. They are rendered
 * apart from the page, in the page margin: no stylesheet reaches them, so every style is
 * inline with an explicit font size (the default is unreadably small), and Chromium fills
 * the `pageNumber` and `totalPages` spans itself.
 */

const FONT = "font-family:'Liberation Sans','Helvetica Neue',Helvetica,Arial,sans-serif";
const MONO = "font-family:'DejaVu Sans Mono','Liberation Mono',monospace";
/** Matches the page's side margins (12 mm), so header and footer line up with the body. */
const BAND = `box-sizing:border-box;width:100%;padding:0 12mm;${FONT};color:#3d444d;-webkit-print-color-adjust:exact`;
/** Chromium fills these two spans with the page number and count. */
const PAGE_NUMBERS = trustedMarkup(
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
);
const ONE_LINE = 'white-space:nowrap;overflow:hidden;text-overflow:ellipsis';

export function pageHeader(meta: ReportMeta, job: ReportJob): string {
  return html`<div style="${`${BAND};font-size:8px;line-height:1.35`}">
    <div
      style="${`display:flex;justify-content:space-between;gap:12px;border-bottom:0.5px solid #9aa3ad;padding-bottom:2px`}"
    >
      <span style="${`${ONE_LINE};font-weight:bold;color:#1b1f24`}"
        >${meta.plantName} · ${meta.title} · ${meta.scope.label}</span
      >
      <span style="${`${ONE_LINE};flex:none`}">${rangeText(meta, job)}</span>
    </div>
    <div style="${`${ONE_LINE};padding-top:1px`}">Generated ${generatedText(meta, job)}</div>
  </div>`.value;
}

export function pageFooter(meta: ReportMeta): string {
  return html`<div style="${`${BAND};font-size:8px;line-height:1.35`}">
    <div
      style="display:flex;justify-content:space-between;align-items:baseline;gap:10px;border-top:0.5px solid #9aa3ad;padding-top:3px"
    >
      <span style="${ONE_LINE}">Report ${meta.id}</span>
      <span style="${`${MONO};font-size:6.5px;flex:none`}">SHA-256 ${meta.dataSha256}</span>
      <span style="flex:none">${PAGE_NUMBERS}</span>
    </div>
  </div>`.value;
}

export function pageChrome(
  meta: ReportMeta,
  job: ReportJob,
): { headerHtml: string; footerHtml: string } {
  return { headerHtml: pageHeader(meta, job), footerHtml: pageFooter(meta) };
}
