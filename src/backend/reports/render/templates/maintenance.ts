import type { Report } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { reportDocument } from '../parts/report-document';
import type { SectionLayout } from '../parts/section';

/** Maintenance report: lists of tasks done, overdue and predicted; tables lead. */
const LAYOUT: SectionLayout = { chartColumns: [1, 1], chartHeight: 200, tablesFirst: true };

export function maintenanceTemplate(report: Report, job: ReportJob): string {
  return reportDocument(report, job, () => LAYOUT);
}
