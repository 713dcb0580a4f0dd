import type { Report, ReportType } from '../../../shared/contract';
import type { BuiltReport, ReportJob } from '../report-job';
import { pageChrome } from './page-chrome';
import { alarmTemplate } from './templates/alarm';
import { maintenanceTemplate } from './templates/maintenance';
import { qualityTemplate } from './templates/quality';
import { shiftTemplate } from './templates/shift';

const TEMPLATES: Record<ReportType, (report: Report, job: ReportJob) => string> = {
  shift: shiftTemplate,
  quality: qualityTemplate,
  alarm: alarmTemplate,
  maintenance: maintenanceTemplate,
};

/** Lays a report out as one self-contained HTML page (inline CSS, inline SVG charts). */
export function renderReport(report: Report, job: ReportJob): Omit<BuiltReport, 'report'> {
  return {
    html: TEMPLATES[report.meta.type](report, job),
    pageChrome: pageChrome(report.meta, job),
  };
}
