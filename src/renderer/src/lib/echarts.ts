import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the charts here use is registered, so the bundle carries no unused chart types.
echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };

/** The option type of every chart in the renderer, limited to the registered parts. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | LineSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export interface ChartColors {
  bg: string;
  raised: string;
  text: string;
  muted: string;
  border: string;
  grid: string;
  accent: string;
  ok: string;
  warn: string;
  danger: string;
  info: string;
  font: string;
}

/**
 * The theme's colours, read from the CSS variables so charts follow the stylesheet (and a
 * future light theme) instead of hard-coding a second palette.
 */
export function chartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    bg: read('--bg', '#0b0f14'),
    raised: read('--bg-raised', '#131a22'),
    text: read('--text', '#e8edf2'),
    muted: read('--text-muted', '#9fb0c2'),
    border: read('--border-strong', '#3f5064'),
    grid: read('--border', '#2a3645'),
    accent: read('--accent', '#4db2ff'),
    ok: read('--ok', '#3ddc84'),
    warn: read('--warn', '#ffb020'),
    danger: read('--danger', '#ff5c5c'),
    info: read('--info', '#7cc4ff'),
    font: read('--font', 'sans-serif'),
  };
}

/** Tooltip, legend and axis looks shared by every chart, so they read the same. */
export function baseOption(colors: ChartColors): ChartOption {
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { color: colors.text, fontFamily: colors.font, fontSize: 14 },
    tooltip: {
      backgroundColor: colors.raised,
      borderColor: colors.border,
      textStyle: { color: colors.text, fontSize: 14 },
    },
    legend: { textStyle: { color: colors.text, fontSize: 14 }, inactiveColor: colors.grid },
  };
}

/** An axis styled for the dark theme. */
export function axisLook(colors: ChartColors) {
  return {
    axisLine: { lineStyle: { color: colors.border } },
    axisLabel: { color: colors.muted, fontSize: 13 },
    splitLine: { lineStyle: { color: colors.grid } },
  };
}
