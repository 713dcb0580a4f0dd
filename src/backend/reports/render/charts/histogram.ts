import type { ReportChart } from '../../../../shared/contract';
import { formatNumber } from '../format';
import type { SafeHtml } from '../html';
import {
  categoryAxisStyle,
  type ChartSize,
  paddedRange,
  renderSvg,
  SERIES_COLOURS,
  valueAxisStyle,
} from './chart-style';
import { limitLine, specLimits } from './spec-lines';

type HistogramChart = Extract<ReportChart, { kind: 'histogram' }>;

interface RectApi {
  value(dimension: number): number;
  coord(point: [number, number]): [number, number];
}

/**
 * Equal-width bins drawn as touching bars on a value axis (so the spec limits can be drawn at
 * their exact values), with LSL/USL as labelled dashed lines.
 */
export function histogramChart(chart: HistogramChart, size: ChartSize): SafeHtml {
  const limits = specLimits(chart.lower, chart.upper);
  const edges = chart.bins.flatMap((bin) => [bin.from, bin.to]);
  const range = paddedRange([...edges, ...limits.map((limit) => limit.value)], 0.06);

  return renderSvg(
    {
      grid: { left: 44, right: 16, top: 24, bottom: 28 },
      xAxis: {
        type: 'value',
        min: range.min,
        max: range.max,
        ...categoryAxisStyle,
        splitLine: { show: false },
        axisLabel: {
          ...categoryAxisStyle.axisLabel,
          hideOverlap: true,
          // The padded ends are odd numbers (13.42); the ticks between them are round.
          showMinLabel: false,
          showMaxLabel: false,
          formatter: (value: number) => formatNumber(value),
        },
      },
      yAxis: { type: 'value', minInterval: 1, name: 'count', ...valueAxisStyle },
      series: [
        {
          type: 'custom',
          name: 'count',
          data: chart.bins.map((bin) => [bin.from, bin.to, bin.count]),
          encode: { x: [0, 1], y: 2 },
          clip: true,
          renderItem: (_params: unknown, api: RectApi) => {
            const [left, top] = api.coord([api.value(0), api.value(2)]);
            const [right, bottom] = api.coord([api.value(1), 0]);
            return {
              type: 'rect',
              shape: { x: left, y: top, width: right - left, height: bottom - top },
              style: { fill: SERIES_COLOURS[0], stroke: '#ffffff', lineWidth: 0.6 },
            };
          },
          markLine: {
            symbol: 'none',
            silent: true,
            data: limits.map((limit) => limitLine(limit, 'xAxis', 'end')),
          },
        },
      ],
    },
    size,
  );
}
