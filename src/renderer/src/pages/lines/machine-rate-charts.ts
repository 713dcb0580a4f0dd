import type { OeeRow } from '../../../../shared/contract';
import { axisLook, baseOption, type ChartColors, type ChartOption } from '../../lib/echarts';
import { percent, timeAxis, type TimeRange } from './line-charts';

/**
 * The Lines page's charts from per-machine rows, for a user who sees some of a line's
 * machines but not the line as a whole (an operator: the API gives no line total then).
 * One series per machine: OEE as lines, units as stacked bars.
 */

function byMachine(rows: readonly OeeRow[]): [string, OeeRow[]][] {
  const groups = new Map<string, OeeRow[]>();
  for (const row of rows) {
    if (row.machineId === null) continue;
    groups.set(row.machineId, [...(groups.get(row.machineId) ?? []), row]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function seriesColors(colors: ChartColors): string[] {
  return [colors.accent, colors.ok, colors.warn, colors.info, colors.text];
}

/** OEE per hour of each machine, as percent. */
export function machinesOeeOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  const look = axisLook(colors);
  const palette = seriesColors(colors);
  return {
    ...baseOption(colors),
    grid: { left: 56, right: 24, top: 44, bottom: 36 },
    legend: { top: 0, textStyle: { color: colors.text, fontSize: 14 } },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? `${value.toFixed(1)} %` : '—'),
    },
    xAxis: timeAxis(range, look),
    yAxis: {
      type: 'value',
      min: 0,
      // All hours without a figure give no extent (NaN): the axis still spans 0-100 %.
      max: (extent: { max: number }) =>
        Number.isFinite(extent.max) ? Math.max(100, Math.ceil(extent.max / 10) * 10) : 100,
      ...look,
      axisLabel: { ...look.axisLabel, formatter: '{value} %' },
    },
    series: byMachine(rows).map(([machineId, own], index) => ({
      id: machineId,
      name: `OEE ${machineId}`,
      type: 'line' as const,
      data: own.map((row) => [Date.parse(row.bucketStart), percent(row.oee)]),
      lineStyle: { width: 2 },
      itemStyle: { color: palette[index % palette.length] },
      symbolSize: 5,
      connectNulls: false,
    })),
  };
}

/** Units per hour, one stacked bar segment per machine. */
export function machinesUnitsOption(
  rows: readonly OeeRow[],
  colors: ChartColors,
  range: TimeRange,
): ChartOption {
  const look = axisLook(colors);
  const palette = seriesColors(colors);
  return {
    ...baseOption(colors),
    grid: { left: 56, right: 24, top: 44, bottom: 36 },
    legend: { top: 0, textStyle: { color: colors.text, fontSize: 14 } },
    tooltip: {
      ...baseOption(colors).tooltip,
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? `${value} units` : '—'),
    },
    xAxis: timeAxis(range, look),
    yAxis: {
      type: 'value',
      minInterval: 1,
      ...look,
      axisLabel: { ...look.axisLabel, formatter: '{value} units' },
    },
    series: byMachine(rows).map(([machineId, own], index) => ({
      id: machineId,
      name: machineId,
      type: 'bar' as const,
      stack: 'units',
      data: own.map((row) => [
        (Date.parse(row.bucketStart) + Date.parse(row.bucketEnd)) / 2,
        row.units,
      ]),
      barMaxWidth: 24,
      itemStyle: { color: palette[index % palette.length] },
    })),
  };
}
