import { describe, expect, it } from 'vitest';
import { barsChart } from '../../../src/backend/reports/render/charts/bars';
import { histogramChart } from '../../../src/backend/reports/render/charts/histogram';
import { individualsChart } from '../../../src/backend/reports/render/charts/individuals';
import { chartFigure } from '../../../src/backend/reports/render/parts/chart';
import type { ReportChart } from '../../../src/shared/contract';
import { qualityReport, shiftReport } from '../../support/report-fixtures';

/** The reference lines of a chart: dashed paths drawn in the limit colour. */
function dashedLines(
  svg: string,
  colour: string,
): Array<{ x1: number; y1: number; x2: number; y2: number }> {
  const lines = [];
  for (const match of svg.matchAll(/<path d="M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)"[^>]*>/g)) {
    const tag = match[0];
    if (!tag.includes(`stroke="${colour}"`) || !tag.includes('stroke-dasharray')) continue;
    lines.push({
      x1: Number(match[1]),
      y1: Number(match[2]),
      x2: Number(match[3]),
      y2: Number(match[4]),
    });
  }
  return lines;
}

const SPEC_COLOUR = '#a3281d';

function chartOf<K extends ReportChart['kind']>(
  kind: K,
  sectionIndex: number,
): Extract<ReportChart, { kind: K }> {
  const report = kind === 'bars' ? shiftReport() : qualityReport();
  const chart = report.sections[sectionIndex]!.charts.find((entry) => entry.kind === kind);
  if (!chart || chart.kind !== kind) throw new Error(`no ${kind} chart in section ${sectionIndex}`);
  return chart as Extract<ReportChart, { kind: K }>;
}

describe('the bars chart', () => {
  it('draws lines over hours in plant time with a legend', () => {
    const svg = barsChart(chartOf('bars', 0), { width: 700, height: 230 }, 'Europe/Berlin').value;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    // Hour buckets at 05:00Z … print as 06:00 … in Europe/Berlin (UTC+01:00 in November).
    expect(svg).toContain('>06:00</text>');
    expect(svg).toContain('>13:00</text>');
    for (const name of ['Availability', 'Performance', 'Quality', 'OEE']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    // Black-and-white: the series differ in dash, not only colour.
    expect(svg).toMatch(/stroke-dasharray/);
    expect(svg).toContain('>100%</text>');
  });

  it('labels bars with their values and lays long category names on their side', () => {
    const svg = barsChart(chartOf('bars', 2), { width: 700, height: 170 }, 'Europe/Berlin').value;
    for (const name of ['PRD-100 leak_rate', 'PRD-200 torque_final', 'PRD-300 press_depth']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    expect(svg).toContain('>31</text>');
    expect(svg.match(/<path d="M[^"]*Z"/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  });
});

describe('the histogram', () => {
  it('draws the bins and both spec limits as labelled dashed lines at their values', () => {
    const chart = chartOf('histogram', 2);
    expect(chart.lower).toBe(11.5);
    const svg = histogramChart(chart, { width: 300, height: 200 }).value;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>LSL 11.50</text>');
    expect(svg).toContain('>USL 12.50</text>');
    const limits = dashedLines(svg, SPEC_COLOUR);
    expect(limits).toHaveLength(2);
    const [lower, upper] = limits.sort((a, b) => a.x1 - b.x1);
    // Vertical lines, LSL left of USL, the bins between and around them.
    expect(lower!.x1).toBe(lower!.x2);
    expect(upper!.x1).toBe(upper!.x2);
    expect(lower!.x1).toBeLessThan(upper!.x1);
    // Bins: one rectangle each, equal widths, heights in proportion to the counts.
    const bins = [
      ...svg.matchAll(
        /<path d="M([\d.]+) ([\d.]+)l([\d.]+) 0l0 ([\d.]+)l-[\d.]+ 0Z" fill="#1f4e79"/g,
      ),
    ].map((match) => ({ x: Number(match[1]), width: Number(match[3]), height: Number(match[4]) }));
    expect(bins).toHaveLength(chart.bins.length);
    const tallest = Math.max(...chart.bins.map((bin) => bin.count));
    const tallestPx = Math.max(...bins.map((bin) => bin.height));
    bins.forEach((bin, index) => {
      expect(bin.width).toBeCloseTo(bins[0]!.width, 0);
      expect(bin.height).toBeCloseTo((chart.bins[index]!.count / tallest) * tallestPx, 0);
    });
    // Each limit sits where its value falls on the bins' own scale.
    const pxPerUnit = bins[0]!.width / (chart.bins[0]!.to - chart.bins[0]!.from);
    expect(lower!.x1).toBeCloseTo(bins[0]!.x + (11.5 - chart.bins[0]!.from) * pxPerUnit, 0);
    expect(upper!.x1).toBeCloseTo(bins[0]!.x + (12.5 - chart.bins[0]!.from) * pxPerUnit, 0);
  });

  it('draws one limit when the spec is one-sided', () => {
    const chart = chartOf('histogram', 1);
    expect(chart.lower).toBeNull();
    const svg = histogramChart(chart, { width: 300, height: 200 }).value;
    expect(svg).toContain('>USL 0.600</text>');
    expect(svg).not.toContain('LSL');
    expect(dashedLines(svg, SPEC_COLOUR)).toHaveLength(1);
  });
});

describe('the individuals chart', () => {
  it('draws the values, mean, control and spec limits, and marks Nelson hits', () => {
    const chart = chartOf('individuals', 2);
    expect(chart.hits.length).toBeGreaterThan(0);
    const svg = individualsChart(chart, { width: 460, height: 210 }).value;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    expect(svg).toMatch(/>UCL [\d.]+<\/text>/);
    expect(svg).toMatch(/>LCL [\d.]+<\/text>/);
    expect(svg).toMatch(/>Mean [\d.]+<\/text>/);
    expect(svg).toContain('>LSL 11.50</text>');
    expect(svg).toContain('>USL 12.50</text>');
    const spec = dashedLines(svg, SPEC_COLOUR);
    expect(spec).toHaveLength(2);
    // Horizontal lines; USL higher on the page (smaller y) than LSL.
    for (const line of spec) expect(line.y1).toBe(line.y2);
    expect(Math.min(...spec.map((line) => line.y1))).toBeLessThan(
      Math.max(...spec.map((line) => line.y1)),
    );
    // Control limits are dashed too, in their own grey.
    expect(dashedLines(svg, '#5b6470')).toHaveLength(2);
    // A triangle per marked point.
    const marked = new Set(chart.hits.flatMap((hit) => hit.indexes)).size;
    const triangles = svg.match(/<path d="M[^"]*"[^>]*fill="#a3281d"/g) ?? [];
    expect(triangles.length).toBe(marked);
  });
});

describe('a chart with nothing to show', () => {
  it('says so in words instead of drawing empty axes', () => {
    const base = chartOf('bars', 1);
    const size = { width: 700, height: 190 };
    const zeros = {
      ...base,
      series: base.series.map((s) => ({ ...s, values: s.values.map(() => 0) })),
    };
    const missing = {
      ...base,
      series: base.series.map((s) => ({ ...s, values: s.values.map(() => null) })),
    };
    const noBins = { ...chartOf('histogram', 1), bins: [] };
    expect(chartFigure(zeros, size, 'UTC').value).toContain('Every value is zero in this range.');
    expect(chartFigure(missing, size, 'UTC').value).toContain('No data in this range.');
    expect(chartFigure(noBins, size, 'UTC').value).toContain('No data in this range.');
    for (const chart of [zeros, missing, noBins])
      expect(chartFigure(chart, size, 'UTC').value).not.toContain('<svg');
    expect(chartFigure(base, size, 'UTC').value).toContain('<svg');
  });
});
