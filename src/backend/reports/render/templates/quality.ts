import type { Report, ReportChart, ReportSection } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { reportDocument } from '../parts/report-document';
import { DEFAULT_LAYOUT, type SectionLayout } from '../parts/section';

/**
 * Quality report: the overview tables first, then one block per product and test step kept
 * whole on a page (figures; histogram in a third of the width, the individuals chart in the
 * rest), so a reader never turns the page between a step's capability and its charts.
 */
const STEP_LAYOUT: SectionLayout = { chartColumns: [1, 2], chartHeight: 210, keepWhole: true };

/** Histogram first, whatever order the data lists them in: it takes the narrow column. */
function histogramFirst(section: ReportSection): ReportSection {
  const rank = (chart: ReportChart) => (chart.kind === 'histogram' ? 0 : 1);
  return { ...section, charts: [...section.charts].sort((a, b) => rank(a) - rank(b)) };
}

export function qualityTemplate(report: Report, job: ReportJob): string {
  const laidOut = { ...report, sections: report.sections.map(histogramFirst) };
  return reportDocument(laidOut, job, (section) =>
    section.charts.length > 0 ? STEP_LAYOUT : DEFAULT_LAYOUT,
  );
}
