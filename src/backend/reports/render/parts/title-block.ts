import type { ReportMeta } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { simulatedText } from '../../report-scope';
import { formatLocalTime, formatRange, formatTimeZone } from '../format';
import { html, type SafeHtml } from '../html';

/** Range and generation time in plant time, with the zone and offset said once. */
export function rangeText(meta: ReportMeta, job: ReportJob): string {
  return `${formatRange(meta.from, meta.to, job.timeZone)} (${formatTimeZone(job.timeZone, Date.parse(meta.from), Date.parse(meta.to))})`;
}

export function generatedText(meta: ReportMeta, job: ReportJob): string {
  return `${formatLocalTime(meta.generatedAt, job.timeZone)} by ${meta.generatedBy}`;
}

/**
 * The head of the first page: whose plant, which report, over what and when. The report id
 * and data hash are here too, so a page printed from the preview (without the PDF's footer)
 * still names its data.
 */
export function titleBlock(meta: ReportMeta, job: ReportJob): SafeHtml {
  return html`<header class="title-block">
    <div class="plant">${meta.plantName}</div>
    <h1>${meta.title}</h1>
    <div class="scope">${meta.scope.label}</div>
    <dl>
      <dt>Range</dt>
      <dd>${rangeText(meta, job)}</dd>
      <dt>Generated</dt>
      <dd>${generatedText(meta, job)}</dd>
      <dt>Machines</dt>
      <dd>${String(meta.scope.machineIds.length)}</dd>
      <dt>Simulated machines</dt>
      <dd class="simulated">${simulatedText(meta.scope.simulated)}</dd>
      <dt>Report id</dt>
      <dd>${meta.id}</dd>
      <dt>Data SHA-256</dt>
      <dd class="hash">${meta.dataSha256}</dd>
    </dl>
  </header>`;
}
