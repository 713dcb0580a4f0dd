import type { ReportChart } from '../../../../shared/contract';
import { formatNumber } from '../format';
import type { SafeHtml } from '../html';
import {
  ALERT,
  categoryAxisStyle,
  type ChartSize,
  INK,
  paddedRange,
  renderSvg,
  SERIES_COLOURS,
  valueAxisStyle,
} from './chart-style';
import { limitLine, specLimits, type Limit } from './spec-lines';

type IndividualsChart = Extract<ReportChart, { kind: 'individuals' }>;

/** With more marked points than this, rule numbers would pile up; the caption counts them. */
const MAX_LABELLED_HITS = 15;

/** "1,2" for a point that breaks rules 1 and 2: the label printed over its marker. */
function rulesByIndex(hits: IndividualsChart['hits']): Map<number, number[]> {
  const rules = new Map<number, number[]>();
  for (const hit of hits) {
    for (const index of hit.indexes) {
      const list = rules.get(index) ?? [];
      if (!list.includes(hit.rule)) list.push(hit.rule);
      rules.set(index, list);
    }
  }
  return rules;
}

/**
 * Individuals chart: values in time order, the mean and control limits (3σ), the spec limits,
 * and points breaking Nelson rules 1 to 8 marked with a triangle and their rule numbers.
 */
export function individualsChart(chart: IndividualsChart, size: ChartSize): SafeHtml {
  const control: Limit[] = [
    { kind: 'control', name: 'UCL', value: chart.upperControl },
    { kind: 'mean', name: 'Mean', value: chart.mean },
    { kind: 'control', name: 'LCL', value: chart.lowerControl },
  ];
  const spec = specLimits(chart.lower, chart.upper);
  const range = paddedRange([
    ...chart.values,
    ...control.map((limit) => limit.value),
    ...spec.map((limit) => limit.value),
  ]);
  const hits = [...rulesByIndex(chart.hits)]
    .filter(([index]) => index >= 0 && index < chart.values.length)
    .sort(([a], [b]) => a - b);
  const positions = chart.values.map((_, index) => String(index + 1));

  return renderSvg(
    {
      // Control-limit labels sit right of the plot; spec-limit labels inside it, top left.
      grid: { left: 50, right: 74, top: 14, bottom: 26 },
      xAxis: {
        type: 'category',
        data: positions,
        ...categoryAxisStyle,
        axisLabel: { ...categoryAxisStyle.axisLabel, hideOverlap: true },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: range.min,
        max: range.max,
        ...valueAxisStyle,
        splitLine: { show: false },
        axisLabel: {
          ...valueAxisStyle.axisLabel,
          formatter: (value: number) => formatNumber(value),
          showMinLabel: false,
          showMaxLabel: false,
        },
      },
      series: [
        {
          type: 'line',
          name: 'value',
          data: chart.values,
          color: SERIES_COLOURS[0],
          lineStyle: { width: 1 },
          symbol: 'circle',
          symbolSize: chart.values.length > 80 ? 2.5 : 4,
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              ...control.map((limit) => limitLine(limit, 'yAxis', 'end')),
              ...spec.map((limit) => limitLine(limit, 'yAxis', 'insideStartTop')),
            ],
          },
        },
        {
          type: 'scatter',
          name: 'Nelson rule hits',
          data: hits.map(([index]) => [index, chart.values[index]]),
          symbol: 'triangle',
          symbolSize: hits.length > MAX_LABELLED_HITS ? 7 : 9,
          itemStyle: { color: ALERT, borderColor: INK, borderWidth: 0.5 },
          label: {
            show: hits.length <= MAX_LABELLED_HITS,
            position: 'top',
            fontSize: 8,
            color: ALERT,
            formatter: ({ dataIndex }: { dataIndex: number }) =>
              (hits[dataIndex]?.[1] ?? []).join(','),
          },
          z: 5,
        },
      ],
    },
    size,
  );
}
