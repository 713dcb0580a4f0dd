import type { ReportChart } from '../../../../shared/contract';
import { formatCount, formatLocalTime, formatNumber, formatShare } from '../format';
import type { SafeHtml } from '../html';
import {
  categoryAxisStyle,
  type ChartSize,
  INK,
  LINE_DASHES,
  renderSvg,
  SERIES_COLOURS,
  SYMBOLS,
  valueAxisStyle,
} from './chart-style';

type BarsChart = Extract<ReportChart, { kind: 'bars' }>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** More bars than this and value labels crowd each other; the axis carries the values then. */
const MAX_LABELLED_BARS = 24;
/** Average width of a 10 px axis character, to tell whether category names fit under bars. */
const CHARACTER_PX = 5.6;
/** Widest room for category names on the left of horizontal bars. */
const MAX_NAME_PX = 220;

function formatterFor(unit: BarsChart['unit']): (value: number) => string {
  switch (unit) {
    case 'share':
      return formatShare;
    case 'count':
      return formatCount;
    case 'minutes':
    case 'value':
      return formatNumber;
  }
}

/**
 * Categories that are instants (hour buckets) print in plant time; the date is dropped when
 * every bucket is on the same day.
 */
function categoryLabels(categories: readonly string[], timeZone: string): string[] {
  if (categories.length === 0 || !categories.every((category) => ISO_TIME.test(category))) {
    return [...categories];
  }
  const local = categories.map((category) => formatLocalTime(category, timeZone));
  const oneDay = new Set(local.map((label) => label.slice(0, 10))).size <= 1;
  return local.map((label) => (oneDay ? label.slice(11) : label.slice(5)));
}

/**
 * Bars (or lines) over categories: OEE by hour, units by hour, failures by step. Bars whose
 * category names would not fit under them (product and step names) lie on their side, so
 * every name is printed in full.
 */
export function barsChart(chart: BarsChart, size: ChartSize, timeZone: string): SafeHtml {
  const format = formatterFor(chart.unit);
  let largest = 0;
  for (const entry of chart.series) {
    for (const value of entry.values) if (value !== null && value > largest) largest = value;
  }
  const labels = categoryLabels(chart.categories, timeZone);
  const barSeries = chart.series.filter((series) => series.as === 'bar').length;
  const labelBars = barSeries * chart.categories.length <= MAX_LABELLED_BARS;
  const longestName = Math.max(0, ...labels.map((label) => label.length)) * CHARACTER_PX;
  const horizontal =
    barSeries === chart.series.length &&
    longestName > 0.7 * ((size.width - 70) / Math.max(labels.length, 1));
  const axisFormat =
    chart.unit === 'share' ? (value: number) => `${Math.round(value * 100)}%` : format;

  const series = chart.series.map((entry, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    if (entry.as === 'line') {
      return {
        type: 'line',
        name: entry.name,
        data: entry.values,
        connectNulls: false,
        color: colour,
        symbol: SYMBOLS[index % SYMBOLS.length],
        symbolSize: 6,
        lineStyle: { width: 2, type: LINE_DASHES[index % LINE_DASHES.length] },
      };
    }
    return {
      type: 'bar',
      name: entry.name,
      data: entry.values,
      color: colour,
      barMaxWidth: horizontal ? 18 : 36,
      itemStyle: { borderColor: INK, borderWidth: 0.5 },
      label: {
        show: labelBars,
        position: horizontal ? 'right' : 'top',
        fontSize: 9,
        color: INK,
        // A zero bar has nothing to label; "0" over every empty hour is noise.
        formatter: ({ value }: { value: unknown }) =>
          typeof value === 'number' && value !== 0 ? format(value) : '',
      },
    };
  });

  const showLegend = chart.series.length > 1;
  const nameRoom = Math.min(MAX_NAME_PX, longestName + 12);
  const categoryAxis = {
    type: 'category',
    data: labels,
    ...categoryAxisStyle,
    inverse: horizontal,
    axisLabel: horizontal
      ? { ...categoryAxisStyle.axisLabel, interval: 0, width: nameRoom - 8, overflow: 'truncate' }
      : { ...categoryAxisStyle.axisLabel, hideOverlap: true },
  };
  const valueAxis = {
    type: 'value',
    name: chart.unit === 'minutes' ? 'min' : '',
    ...valueAxisStyle,
    // Shares run 0 – 100 %, further only when a value does (a performance over 100 %).
    ...(chart.unit === 'share' ? { min: 0, max: Math.max(1, Math.ceil(largest * 5) / 5) } : {}),
    ...(chart.unit === 'count' ? { minInterval: 1 } : {}),
    axisLabel: { ...valueAxisStyle.axisLabel, formatter: axisFormat },
  };
  return renderSvg(
    {
      grid: {
        left: horizontal ? nameRoom : 52,
        right: horizontal ? 36 : 16,
        top: showLegend ? 34 : 16,
        bottom: 28,
      },
      legend: showLegend
        ? {
            top: 0,
            left: 'center',
            itemWidth: 28,
            itemHeight: 10,
            textStyle: { fontSize: 10, color: INK },
          }
        : undefined,
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series,
    },
    size,
  );
}
