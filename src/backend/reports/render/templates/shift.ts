import type { Report } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { reportDocument } from '../parts/report-document';
import { DEFAULT_LAYOUT, type SectionLayout } from '../parts/section';

/**
 * Shift report: OEE by hour is the picture of the shift, so it runs full width; the lists
 * (top failing steps, downtime) lead with their table, the chart only illustrates it.
 */
const LAYOUTS: Record<string, SectionLayout> = {
  oee: { chartColumns: [1], chartHeight: 230 },
  units: { chartColumns: [1], chartHeight: 190 },
  'top-failures': { chartColumns: [1], chartHeight: 170, tablesFirst: true },
};

export function shiftTemplate(report: Report, job: ReportJob): string {
  return reportDocument(report, job, (section) => LAYOUTS[section.key] ?? DEFAULT_LAYOUT);
}
