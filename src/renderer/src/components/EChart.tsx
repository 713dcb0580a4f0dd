import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from '../lib/echarts';
import './echart.css';

interface EChartProps {
  option: ChartOption;
  /** Read out by screen readers: a canvas says nothing by itself. */
  label: string;
  height?: number;
  testId?: string;
  /**
   * Series replaced on each update; everything else (dataZoom, legend selection) is merged so
   * a live update keeps the user's zoom and hidden series. `'all'` replaces the whole option
   * (small charts with nothing of the user's to keep, such as the SPC charts).
   */
  replace?: readonly ('series' | 'xAxis' | 'yAxis')[] | 'all';
}

/** One ECharts instance on a canvas: created on mount, updated on change, disposed on unmount. */
export function EChart({ option, label, height = 320, testId, replace = ['series'] }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    // The panel grid reflows with the window and the nav; follow the box, not the window.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  const replaceKey = replace === 'all' ? 'all' : replace.join(',');
  useEffect(() => {
    chart.current?.setOption(
      option,
      replaceKey === 'all'
        ? { notMerge: true }
        : { replaceMerge: replaceKey ? replaceKey.split(',') : undefined, lazyUpdate: true },
    );
  }, [option, replaceKey]);

  return (
    <div
      ref={host}
      className="echart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height }}
    />
  );
}
