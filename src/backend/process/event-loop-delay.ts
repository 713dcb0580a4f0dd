import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** The main process's event-loop delay since it started, in milliseconds (health, soak). */
export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How many samples the figures are made of (one per `resolution` ms while the loop runs). */
  samples: number;
}

/** Sampling every 20 ms costs nothing measurable and still sees a 20 ms stall. */
const RESOLUTION_MS = 20;

/**
 * The histogram holds the time between the sampling timer's runs, the resolution included:
 * the delay is what lies beyond it, in ms with two decimals.
 */
const delayMs = (nanoseconds: number): number =>
  Math.max(0, Math.round((nanoseconds - RESOLUTION_MS * 1e6) / 1e4) / 100);

/**
 * Watches the event loop of the process it runs in (perf_hooks' histogram, sampled off the
 * loop by libuv's timer), so a monitor or the soak can see whether the UI's calls and the live
 * feed wait behind long synchronous work. Measures from `start()` until `stop()`.
 */
export class EventLoopDelayMonitor {
  private histogram: IntervalHistogram | null = null;

  start(): void {
    if (this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
  }

  read(): EventLoopDelay {
    const histogram = this.histogram;
    if (!histogram || histogram.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, samples: 0 };
    return {
      p50Ms: delayMs(histogram.percentile(50)),
      p99Ms: delayMs(histogram.percentile(99)),
      maxMs: delayMs(histogram.max),
      samples: histogram.count,
    };
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = null;
  }
}
