import type { MetricHistory, Threshold } from '../../../../shared/contract';
import { axisLook, baseOption, type ChartColors, type ChartOption } from '../../lib/echarts';

export type TrendPoint = [at: number, value: number];

type LimitKey = 'highHigh' | 'high' | 'low' | 'lowLow';
const LIMITS: readonly { key: LimitKey; label: string; strong: boolean }[] = [
  { key: 'highHigh', label: 'High-high', strong: true },
  { key: 'high', label: 'High', strong: false },
  { key: 'low', label: 'Low', strong: false },
  { key: 'lowLow', label: 'Low-low', strong: true },
];

interface TrendInput {
  history: MetricHistory['points'];
  /** The average line: history averages followed by the live tail, at most a bounded window. */
  line: readonly TrendPoint[];
  threshold: Threshold | null;
  metric: string;
  colors: ChartColors;
}

/** Markers of the alarm limits; outer limits in red, inner ones in amber, each labelled. */
function limitLines(threshold: Threshold | null, colors: ChartColors) {
  if (!threshold) return [];
  return LIMITS.flatMap(({ key, label, strong }) => {
    const value = threshold[key];
    if (value === null) return [];
    const color = strong ? colors.danger : colors.warn;
    return [
      {
        name: label,
        yAxis: value,
        lineStyle: { color, type: strong ? ('solid' as const) : ('dashed' as const), width: 1.5 },
        label: { formatter: `${label} ${value}`, color, position: 'insideEndTop' as const },
      },
    ];
  });
}

/** The y range covers the data and every limit, so a limit off the data is still seen. */
function valueExtent(input: TrendInput): { min?: number; max?: number } {
  const values: number[] = [];
  for (const point of input.history) values.push(point.min, point.max);
  for (const [, value] of input.line) values.push(value);
  for (const { key } of LIMITS) {
    const limit = input.threshold?.[key];
    if (limit !== null && limit !== undefined) values.push(limit);
  }
  if (values.length === 0) return {};
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.05, Math.abs(high) * 0.01, 0.5);
  // Ends on whole steps, so the axis labels stay round numbers.
  const step = niceStep((high - low + 2 * pad) / 5);
  return { min: Math.floor((low - pad) / step) * step, max: Math.ceil((high + pad) / step) * step };
}

/** 1, 2 or 5 times a power of ten: the steps people read an axis in. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * Average as a line over a min–max band. The band is two stacked series: an invisible floor at
 * the minimum and the spread (max − min) filled on top of it.
 */
export function trendOption(input: TrendInput): ChartOption {
  const { colors } = input;
  const look = axisLook(colors);
  return {
    ...baseOption(colors),
    grid: { left: 56, right: 24, top: 40, bottom: 76 },
    legend: {
      top: 0,
      textStyle: { color: colors.text, fontSize: 14 },
      data: ['Average', 'Min–max'],
    },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(2) : String(value)),
    },
    xAxis: { type: 'time', ...look, splitLine: { show: false } },
    yAxis: { type: 'value', name: input.metric, ...look, ...valueExtent(input) },
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      {
        type: 'slider',
        filterMode: 'none',
        height: 22,
        bottom: 12,
        borderColor: colors.grid,
        textStyle: { color: colors.muted },
        dataBackground: { lineStyle: { color: colors.border }, areaStyle: { color: colors.grid } },
      },
    ],
    series: [
      {
        id: 'band-floor',
        name: 'band-floor',
        type: 'line',
        stack: 'band',
        data: input.history.map((point) => [Date.parse(point.at), point.min]),
        lineStyle: { opacity: 0 },
        showSymbol: false,
        silent: true,
        sampling: 'lttb',
        tooltip: { show: false },
      },
      {
        id: 'band',
        name: 'Min–max',
        type: 'line',
        stack: 'band',
        data: input.history.map((point) => [Date.parse(point.at), point.max - point.min]),
        lineStyle: { opacity: 0 },
        areaStyle: { color: colors.accent, opacity: 0.18 },
        itemStyle: { color: colors.accent },
        showSymbol: false,
        silent: true,
        sampling: 'lttb',
        tooltip: { show: false },
      },
      {
        id: 'avg',
        name: 'Average',
        type: 'line',
        data: input.line.map(([at, value]) => [at, value]),
        itemStyle: { color: colors.accent },
        lineStyle: { width: 2 },
        showSymbol: false,
        // Thousands of minutes over a week: LTTB keeps peaks that plain decimation drops.
        sampling: 'lttb',
        markLine: {
          symbol: 'none',
          silent: true,
          data: limitLines(input.threshold, colors),
        },
      },
    ],
  };
}
