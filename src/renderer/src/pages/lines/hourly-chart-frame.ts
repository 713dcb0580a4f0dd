import { axisLook, baseOption, type ChartColors, type ChartOption } from '../../lib/echarts';

/**
 * What the Lines page's hour-by-hour charts share, whether they draw the line as a whole
 * (line-charts.ts) or each of an operator's machines (machine-rate-charts.ts): the window's
 * time axis, the tooltip and a value axis that names its unit. Each chart adds its series.
 */

/** The window a chart shows: the time axis spans exactly it, not what ECharts rounds it to. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** A ratio as percent; null (nothing planned, nothing tested) stays a gap, not a zero. */
export function percent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

/**
 * A time axis over exactly the range, with hour labels that never run into each other
 * (about one every four hours on a panel, ECharts drops any that would still overlap).
 */
export function timeAxis(range: TimeRange, look: ReturnType<typeof axisLook>) {
  return {
    type: 'time' as const,
    min: range.fromMs,
    max: range.toMs,
    splitNumber: 6,
    ...look,
    axisLabel: { ...look.axisLabel, hideOverlap: true },
    splitLine: { show: false },
  };
}

/** The middle of an hour: where its bar stands, rather than on the hour's start. */
export function hourMiddle(bucket: { bucketStart: string; bucketEnd: string }): number {
  return (Date.parse(bucket.bucketStart) + Date.parse(bucket.bucketEnd)) / 2;
}

type Frame = Omit<ChartOption, 'series'>;

const legendOnTop = (colors: ChartColors) => ({
  top: 0,
  textStyle: { color: colors.text, fontSize: 14 },
});

/** Percent over time, with a legend above the plot. */
export function percentFrame(colors: ChartColors, range: TimeRange): Frame {
  const look = axisLook(colors);
  return {
    ...baseOption(colors),
    grid: { left: 56, right: 24, top: 44, bottom: 36 },
    legend: legendOnTop(colors),
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? `${value.toFixed(1)} %` : '—',
    },
    xAxis: timeAxis(range, look),
    yAxis: {
      type: 'value',
      min: 0,
      // Performance can pass 100 % when the ideal cycle time is set too slow; show it.
      // All hours without a figure give no extent (NaN): the axis still spans 0-100 %.
      max: (extent: { max: number }) =>
        Number.isFinite(extent.max) ? Math.max(100, Math.ceil(extent.max / 10) * 10) : 100,
      ...look,
      axisLabel: { ...look.axisLabel, formatter: '{value} %' },
    },
  };
}

/**
 * Units per hour. With one series the panel's title names it and a legend would only crowd
 * the axis; with a series per machine the legend tells them apart.
 */
export function unitsFrame(colors: ChartColors, range: TimeRange, legend: boolean): Frame {
  const look = axisLook(colors);
  return {
    ...baseOption(colors),
    grid: { left: 56, right: 24, top: legend ? 44 : 20, bottom: 36 },
    legend: legend ? legendOnTop(colors) : { show: false },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value} units` : '—'),
    },
    xAxis: timeAxis(range, look),
    yAxis: {
      type: 'value',
      minInterval: 1,
      ...look,
      // Every axis carries its unit.
      axisLabel: { ...look.axisLabel, formatter: '{value} units' },
    },
  };
}
