import { formatNumber } from '../format';
import { ALERT, INK, MUTED } from './chart-style';

/**
 * Horizontal or vertical reference lines (spec and control limits) as ECharts markLine data.
 * Each kind has its own dash and a text label, so they read apart in black and white.
 */
export type LimitKind = 'spec' | 'control' | 'mean';

const STYLE: Record<
  LimitKind,
  { color: string; type: 'solid' | 'dashed' | number[]; width: number }
> = {
  spec: { color: ALERT, type: [7, 3], width: 1.6 },
  control: { color: MUTED, type: [3, 3], width: 1.2 },
  mean: { color: INK, type: 'solid', width: 1 },
};

export interface Limit {
  kind: LimitKind;
  /** Printed before the value: LSL, USL, UCL, LCL, Mean. */
  name: string;
  value: number;
}

export function limitLine(limit: Limit, axis: 'xAxis' | 'yAxis', position: string) {
  return {
    name: limit.name,
    [axis]: limit.value,
    lineStyle: STYLE[limit.kind],
    label: {
      show: true,
      position,
      formatter: `${limit.name} ${formatNumber(limit.value)}`,
      fontSize: 9,
      color: limit.kind === 'spec' ? ALERT : INK,
      fontWeight: limit.kind === 'spec' ? 'bold' : 'normal',
    },
  };
}

/** The spec limits that exist (a one-sided spec has only one). */
export function specLimits(lower: number | null, upper: number | null): Limit[] {
  const limits: Limit[] = [];
  if (lower !== null) limits.push({ kind: 'spec', name: 'LSL', value: lower });
  if (upper !== null) limits.push({ kind: 'spec', name: 'USL', value: upper });
  return limits;
}
