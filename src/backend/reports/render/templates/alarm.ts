import type { Report } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { reportDocument } from '../parts/report-document';
import { DEFAULT_LAYOUT, type SectionLayout } from '../parts/section';

/**
 * Alarm report: alerts by hour (stacked by priority) shows the floods at a glance; the tables
 * (by priority and source, floods, noisiest, times to acknowledge, shelved) follow.
 */
const CHART_LAYOUT: SectionLayout = { chartColumns: [1], chartHeight: 210 };

export function alarmTemplate(report: Report, job: ReportJob): string {
  return reportDocument(report, job, (section) =>
    section.charts.length > 0 ? CHART_LAYOUT : DEFAULT_LAYOUT,
  );
}
