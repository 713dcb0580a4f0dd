import { createRequire } from 'node:module';
import type * as ECharts from 'echarts';
import { trustedMarkup, type SafeHtml } from '../html';

/**
 * ECharts' CommonJS build: one file, loaded in about 0.2 s. Under plain Node (console mode)
 * `import 'echarts'` loads its ES build, some hundreds of modules, and took the report
 * process a second longer to start.
 */
const echarts = createRequire(import.meta.url)('echarts') as typeof ECharts;

/**
 * Shared look of the report charts. Reports are often printed in black and white, so series
 * differ in lightness, line dash and marker shape, not in hue alone.
 */

/** Unquoted, so it fits inside the style attribute ECharts writes. */
export const CHART_FONT =
  'Liberation Sans, Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif';

export const INK = '#1b1f24';
export const MUTED = '#5b6470';
export const GRID_LINE = '#e3e6ea';
/** Limits and rule hits: a dark red that prints as a dark grey. */
export const ALERT = '#a3281d';

/** Dark, light, mid, darkest: neighbours stay apart in grey. */
export const SERIES_COLOURS = ['#1f4e79', '#e3a33b', '#5b9a55', '#7a3e8e', '#8a8f96', '#2b9bb3'];
export const LINE_DASHES: Array<'solid' | 'dashed' | 'dotted' | number[]> = [
  'solid',
  'dashed',
  'dotted',
  [8, 3, 2, 3],
  [2, 2],
  [10, 4],
];
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'];

export interface ChartSize {
  width: number;
  height: number;
}

export const axisText = { color: MUTED, fontSize: 10, fontFamily: CHART_FONT };

/** Options every report chart shares; `animation: false` or SSR output misses the lines. */
export const BASE_OPTION = {
  animation: false,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: CHART_FONT, color: INK, fontSize: 10 },
} as const;

export const valueAxisStyle = {
  axisLabel: axisText,
  axisLine: { show: true, lineStyle: { color: MUTED } },
  splitLine: { lineStyle: { color: GRID_LINE } },
  nameTextStyle: { ...axisText, fontSize: 9 },
};

export const categoryAxisStyle = {
  axisLabel: axisText,
  axisLine: { lineStyle: { color: MUTED } },
  axisTick: { lineStyle: { color: MUTED } },
};

/**
 * Renders an ECharts option to an SVG string on the server (no DOM, no browser). ECharts
 * escapes every text it writes, which makes its output safe to place in the page.
 */
export function renderSvg(option: ECharts.EChartsCoreOption, size: ChartSize): SafeHtml {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ ...BASE_OPTION, ...option });
    return trustedMarkup(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Nice axis bounds that include every limit, with a little air around them. */
export function paddedRange(values: readonly number[], share = 0.08): { min: number; max: number } {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low === Infinity) return { min: 0, max: 1 };
  const span = high - low || Math.abs(high) * 0.1 || 1;
  return { min: low - span * share, max: high + span * share };
}
