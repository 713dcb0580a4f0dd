import type { Report, ReportSection } from '../../../../shared/contract';
import type { ReportJob } from '../../report-job';
import { html } from '../html';
import { completenessLine } from './completeness';
import { documentShell } from './document';
import { figureTiles } from './figures';
import { reportSection, type SectionLayout } from './section';
import { rangeText, titleBlock } from './title-block';

/**
 * The page every template shares: title block, data completeness, headline figures, then the
 * sections, each laid out as the template says.
 */
export function reportDocument(
  report: Report,
  job: ReportJob,
  layoutFor: (section: ReportSection, index: number) => SectionLayout,
): string {
  const { meta } = report;
  const body = html`${titleBlock(meta, job)} ${completenessLine(meta.completeness, job.timeZone)}
  ${figureTiles(report.figures, 'headline')}
  ${report.sections.map((section, index) =>
    reportSection(section, layoutFor(section, index), job.timeZone),
  )}`;
  return documentShell({
    title: `${meta.title} — ${meta.scope.label} — ${rangeText(meta, job)}`,
    type: meta.type,
    paper: job.render.paper,
    body,
  });
}
