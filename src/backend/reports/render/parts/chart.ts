import type { ReportChart } from '../../../../shared/contract';
import { barsChart } from '../charts/bars';
import type { ChartSize } from '../charts/chart-style';
import { histogramChart } from '../charts/histogram';
import { individualsChart } from '../charts/individuals';
import { RULE_TEXT, type NelsonRule } from '../../../../shared/spc';
import { html, type SafeHtml } from '../html';

/** Content width of the page in CSS px: A4 less 2 × 12 mm margins is 703 px, Letter 725. */
export const FULL_WIDTH = 700;

/** Why a chart is not drawn, or null when it has something to show. */
function emptyReason(chart: ReportChart): string | null {
  switch (chart.kind) {
    case 'bars': {
      const values = chart.series.flatMap((series) => series.values);
      if (chart.categories.length === 0 || values.every((value) => value === null)) {
        return 'No data in this range.';
      }
      // Axes over nothing but zeros say less than a sentence does.
      return values.every((value) => value === null || value === 0)
        ? 'Every value is zero in this range.'
        : null;
    }
    case 'histogram':
      return chart.bins.some((bin) => bin.count > 0) ? null : 'No data in this range.';
    case 'individuals':
      return chart.values.length > 0 ? null : 'No data in this range.';
  }
}

function svgFor(chart: ReportChart, size: ChartSize, timeZone: string): SafeHtml {
  switch (chart.kind) {
    case 'bars':
      return barsChart(chart, size, timeZone);
    case 'histogram':
      return histogramChart(chart, size);
    case 'individuals':
      return individualsChart(chart, size);
  }
}

/**
 * Under an individuals chart: which Nelson rules the marked points break, in words, so the
 * marks read without colour and without counting triangles.
 */
function ruleCaption(chart: ReportChart): SafeHtml | null {
  if (chart.kind !== 'individuals' || chart.values.length === 0) return null;
  const broken = chart.hits.filter((hit) => hit.indexes.length > 0);
  const text =
    broken.length === 0
      ? 'No point breaks Nelson rules 1–8.'
      : `▲ breaks a Nelson rule — ${broken
          .map((hit) => {
            const rule = hit.rule as NelsonRule;
            return `rule ${rule}, ${RULE_TEXT[rule]}: ${hit.indexes.length}`;
          })
          .join('; ')}.`;
  return html`<p class="chart-note">${text}</p>`;
}

/** A titled chart kept whole on one page; an empty chart says so instead of drawing axes. */
export function chartFigure(chart: ReportChart, size: ChartSize, timeZone: string): SafeHtml {
  const empty = emptyReason(chart);
  const body = empty === null ? svgFor(chart, size, timeZone) : html`<p class="empty">${empty}</p>`;
  return html`<figure class="chart">
    <figcaption>${chart.title}</figcaption>
    ${body} ${ruleCaption(chart)}
  </figure>`;
}
