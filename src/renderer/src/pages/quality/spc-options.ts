import type { Bin } from '../../../../shared/spc/histogram';
import type { IndividualsStats } from '../../../../shared/spc/individuals';
import type { SpecLimits } from '../../../../shared/spc/capability';
import type { ChartOption } from '../../lib/echarts';
import type { SpcPalette } from './spc-palette';

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
 * The individuals chart: points in time order, mean and control limits as mark lines, and
 * every point that breaks a Nelson rule drawn as a larger triangle in the danger colour.
 */
export function individualsOption(
  values: readonly number[],
  stats: IndividualsStats,
  flagged: ReadonlySet<number>,
  palette: SpcPalette,
): ChartOption {
  const low = Math.min(stats.lowerControl, ...values);
  const high = Math.max(stats.upperControl, ...values);
  // Mark lines do not widen the axis by themselves; pad so UCL/LCL labels are never clipped.
  const pad = (high - low) * 0.08 || 1;
  const limit = (name: string, value: number, color: string) => ({
    name,
    yAxis: value,
    lineStyle: { color, type: name === 'Mean' ? ('solid' as const) : ('dashed' as const) },
    label: { formatter: `${name} ${round(value)}`, color },
  });
  return {
    ...base(palette),
    xAxis: { type: 'category', data: values.map((_, i) => String(i + 1)), ...axisLook(palette) },
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
        // Every point, flagged or not: ECharts otherwise thins symbols out on a category axis.
        showAllSymbol: true,
        data: values.map((value, i) =>
          flagged.has(i)
            ? {
                value,
                symbol: 'triangle',
                symbolSize: 14,
                itemStyle: { color: palette.danger },
              }
            : { value },
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
): ChartOption {
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
      label: { formatter: `${line.name} ${round(line.xAxis)}`, color: palette.danger },
    }));
  return {
    ...base(palette),
    grid: { left: 64, right: 48, top: 36, bottom: 40 },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      // Half a bin either side so the outer bars and the limits are not cut at the edge.
      min: first ? round(first.from - width / 2) : undefined,
      max: last ? round(last.to + width / 2) : undefined,
      ...axisLook(palette),
    },
    yAxis: { type: 'value', minInterval: 1, ...axisLook(palette) },
    series: [
      {
        type: 'bar',
        name: 'Count',
        color: palette.accent,
        barWidth: '96%',
        data: bins.map((bin) => [round((bin.from + bin.to) / 2), bin.count]),
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
