import type { Report } from '../../../shared/contract';
import type { BuiltReport, ReportJob } from '../report-job';

/** Lays a report out as one self-contained HTML page (inline CSS, inline SVG charts). */
export function renderReport(_report: Report, _job: ReportJob): Omit<BuiltReport, 'report'> {
  throw new Error('report rendering: being written');
}
