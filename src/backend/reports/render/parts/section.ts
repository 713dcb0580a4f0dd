import type { ReportChart, ReportSection } from '../../../../shared/contract';
import { html, type SafeHtml } from '../html';
import { chartFigure, FULL_WIDTH } from './chart';
import { figureTiles } from './figures';
import { reportTable } from './table';

/** How a template lays out one section; the parts are the same in every report. */
export interface SectionLayout {
  /**
   * Relative widths of the chart columns: [1] one chart under the other at full width,
   * [1, 2] a narrow and a wide chart side by side.
   */
  chartColumns: number[];
  /** Chart height in px, by chart when kinds differ (a histogram is flatter than a trend). */
  chartHeight: number | ((chart: ReportChart) => number);
  /** Keep the whole section on one page when it fits (one product+step, say). */
  keepWhole?: boolean;
  /** Start the section on a new page. */
  newPage?: boolean;
  /** Tables before charts, when the table is what the section is about. */
  tablesFirst?: boolean;
}

export const DEFAULT_LAYOUT: SectionLayout = { chartColumns: [1], chartHeight: 220 };

/** Sections this short move to the next page whole rather than leave a heading behind. */
const SHORT_SECTION_ROWS = 12;
const CHART_GAP = 11;

function chartGrid(section: ReportSection, layout: SectionLayout, timeZone: string) {
  if (section.charts.length === 0) return null;
  const columns = layout.chartColumns;
  const total = columns.reduce((sum, share) => sum + share, 0);
  const room = FULL_WIDTH - CHART_GAP * (columns.length - 1);
  const template = columns.map((share) => `minmax(0, ${share}fr)`).join(' ');
  return html`<div class="charts" style="${`grid-template-columns:${template}`}">
    ${section.charts.map((chart, index) => {
      const share = columns[index % columns.length] ?? 1;
      const height =
        typeof layout.chartHeight === 'number' ? layout.chartHeight : layout.chartHeight(chart);
      return chartFigure(chart, { width: Math.floor((room * share) / total), height }, timeZone);
    })}
  </div>`;
}

export function reportSection(
  section: ReportSection,
  layout: SectionLayout,
  timeZone: string,
): SafeHtml {
  const charts = chartGrid(section, layout, timeZone);
  const tables = section.tables.map((table) => reportTable(table, timeZone));
  const rows = section.tables.reduce((sum, table) => sum + Math.max(table.rows.length, 1), 0);
  const short = section.charts.length === 0 && rows <= SHORT_SECTION_ROWS;
  const classes = [
    'report-section',
    layout.keepWhole || short ? 'keep-whole' : null,
    layout.newPage ? 'new-page' : null,
  ].filter(Boolean);
  return html`<section class="${classes.join(' ')}" id="${`section-${section.key}`}">
    <h2>${section.title}</h2>
    ${section.note ? html`<p class="section-note">${section.note}</p>` : null}
    ${figureTiles(section.figures, 'compact')}
    ${layout.tablesFirst ? [tables, charts] : [charts, tables]}
  </section> `;
}
