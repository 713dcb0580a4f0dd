import type { Bin } from '../../../../shared/spc/histogram';
import type { IndividualsStats } from '../../../../shared/spc/individuals';
import type { SpecLimits } from '../../../../shared/spc/capability';
import type { ChartOption } from '../../lib/echarts';
import type { SpcPalette } from './spc-palette';
import { spcLabels } from '../../../../shared/spc/resolution';

const round = (value: number): number => Number(value.toPrecision(6));

function axisLook(palette: SpcPalette) {
  return {
    axisLine: { lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.muted, fontSize: 13 },
    splitLine: { lineStyle: { color: palette.grid } },
  };
}

function base(palette: SpcPalette): ChartOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontFamily: palette.font, fontSize: 14 },
    grid: { left: 64, right: 96, top: 24, bottom: 40 },
    tooltip: { trigger: 'axis' },
  };
}

/**
 * The individuals chart: points on a time axis (the machines' timestamps), mean and control
 * limits as mark lines, and every point that breaks a Nelson rule drawn as a larger triangle
 * in the danger colour. `points` are in time order, as the rules read them.
 */
export function individualsOption(
  points: readonly { atMs: number; value: number }[],
  stats: IndividualsStats,
  flagged: ReadonlySet<number>,
  palette: SpcPalette,
  /** Decimals the figures are shown to: what the data supports (spc/resolution.ts). */
  decimals: number,
): ChartOption {
  const values = points.map((point) => point.value);
  const low = Math.min(stats.lowerControl, ...values);
  const high = Math.max(stats.upperControl, ...values);
  // Mark lines do not widen the axis by themselves; pad so UCL/LCL labels are never clipped.
  const pad = (high - low) * 0.08 || 1;
  const limit = (name: string, value: number, color: string) => ({
    name,
    yAxis: value,
    lineStyle: { color, type: name === 'Mean' ? ('solid' as const) : ('dashed' as const) },
    label: { formatter: spcLabels(decimals).line(name, value), color },
  });
  return {
    ...base(palette),
    xAxis: {
      type: 'time',
      ...axisLook(palette),
      splitLine: { show: false },
      axisLabel: { color: palette.muted, fontSize: 13, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: round(low - pad),
      max: round(high + pad),
      ...axisLook(palette),
      // The padded ends are odd numbers that crowd the round ticks next to them.
      axisLabel: { color: palette.muted, fontSize: 13, showMinLabel: false, showMaxLabel: false },
    },
    series: [
      {
        type: 'line',
        name: 'Measured',
        color: palette.accent,
        symbol: 'circle',
        symbolSize: 7,
        // Every point, flagged or not: ECharts otherwise thins symbols out.
        showAllSymbol: true,
        data: points.map(({ atMs, value }, i) =>
          flagged.has(i)
            ? {
                value: [atMs, value],
                symbol: 'triangle',
                symbolSize: 14,
                itemStyle: { color: palette.danger },
              }
            : { value: [atMs, value] },
        ),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { position: 'end' },
          data: [
            limit('UCL', stats.upperControl, palette.warn),
            limit('Mean', stats.mean, palette.ok),
            limit('LCL', stats.lowerControl, palette.warn),
          ],
        },
      },
    ],
  };
}

/** Histogram of the values on a value axis, with the spec limits drawn where they are set. */
export function histogramOption(
  bins: readonly Bin[],
  limits: SpecLimits,
  palette: SpcPalette,
  /** Decimals the labels are shown to: what the data supports (spc/resolution.ts). */
  decimals: number,
): ChartOption {
  const labels = spcLabels(decimals);
  const first = bins[0];
  const last = bins.at(-1);
  const width = first ? first.to - first.from : 1;
  const specLines = [
    limits.lower === null ? null : { name: 'LSL', xAxis: limits.lower },
    limits.upper === null ? null : { name: 'USL', xAxis: limits.upper },
  ]
    .filter((line) => line !== null)
    .map((line) => ({
      ...line,
      lineStyle: { color: palette.danger, type: 'solid' as const, width: 2 },
      label: { formatter: labels.line(line.name, line.xAxis), color: palette.danger },
    }));
  return {
    ...base(palette),
    grid: { left: 64, right: 48, top: 36, bottom: 40 },
    tooltip: {
      trigger: 'item',
      // "84.15 – 84.6: 14 results": the bin's edges, rounded like every other label.
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const [, count, from, to] = (item?.value ?? []) as number[];
        if (from === undefined || to === undefined) return '';
        return labels.bin(from, to, count ?? 0);
      },
    },
    xAxis: {
      type: 'value',
      // Half a bin either side so the outer bars and the limits are not cut at the edge.
      min: first ? round(first.from - width / 2) : undefined,
      max: last ? round(last.to + width / 2) : undefined,
      ...axisLook(palette),
      axisLabel: {
        color: palette.muted,
        fontSize: 13,
        formatter: (value: number) => labels.number(value),
        // The padded ends are half a bin off the round ticks, and crowd them.
        showMinLabel: false,
        showMaxLabel: false,
        hideOverlap: true,
      },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisLook(palette) },
    series: [
      {
        type: 'bar',
        name: 'Count',
        color: palette.accent,
        barWidth: '96%',
        data: bins.map((bin) => [(bin.from + bin.to) / 2, bin.count, bin.from, bin.to]),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { position: 'end' },
          data: specLines,
        },
      },
    ],
  };
}
