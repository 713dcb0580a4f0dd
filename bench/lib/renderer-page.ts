import type { CDPSession, Page } from 'playwright-core';
import { percentile } from './stats';

/** Frame times seen by the page itself over one window. */
export interface FrameFigures {
  frames: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  longest: number;
  /** Frames over 50 ms, the point where a person notices a stall. */
  over50: number;
  /** Long tasks (over 50 ms on the main thread) the browser reported, and their total time. */
  longTasks: number;
  longTaskMs: number;
  /** Share of the window the page's main thread was busy, and on what (ms per second). */
  busyPercent: number;
  scriptMsPerSecond: number;
  layoutMsPerSecond: number;
  styleMsPerSecond: number;
}

export interface HeapFigures {
  usedBytes: number;
  domNodes: number;
  listeners: number;
}

// In-page code as strings: the Node-side TypeScript has no DOM types (like tests/e2e/ui.ts).
// rAF callbacks run once per frame; the gap between two is the frame time the user sees, so a
// long render, a long task or a GC pause all show up as a long gap.
const START_FRAMES = `(() => {
  const probe = { deltas: [], last: 0, running: true, longTasks: 0, longTaskMs: 0, observer: null };
  window.__linewatchFrames = probe;
  const tick = (time) => {
    if (!probe.running) return;
    if (probe.last) probe.deltas.push(time - probe.last);
    probe.last = time;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    probe.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks += 1;
        probe.longTaskMs += entry.duration;
      }
    });
    probe.observer.observe({ type: 'longtask' });
  }
})()`;

const STOP_FRAMES = `(() => {
  const probe = window.__linewatchFrames;
  probe.running = false;
  if (probe.observer) probe.observer.disconnect();
  delete window.__linewatchFrames;
  return { deltas: probe.deltas, longTasks: probe.longTasks, longTaskMs: probe.longTaskMs };
})()`;

/** Chromium's own counters of main-thread work (seconds since the page opened). */
async function workCounters(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return new Map(metrics.map((metric) => [metric.name, metric.value]));
}

/**
 * Collects frame times in the page for `ms` while the page keeps receiving live updates, and
 * how much of that time the main thread worked: frame times suffer from other processes on a
 * busy machine, the work done does so much less.
 */
export async function measureFrames(
  page: Page,
  cdp: CDPSession,
  ms: number,
): Promise<FrameFigures> {
  const before = await workCounters(cdp);
  const startedAt = performance.now();
  await page.evaluate(START_FRAMES);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const result = await page.evaluate<{ deltas: number[]; longTasks: number; longTaskMs: number }>(
    STOP_FRAMES,
  );
  const after = await workCounters(cdp);
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const perSecond = (name: string): number =>
    (((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / elapsedSeconds;
  const deltas = result.deltas;
  return {
    busyPercent: perSecond('TaskDuration') / 10,
    scriptMsPerSecond: perSecond('ScriptDuration'),
    layoutMsPerSecond: perSecond('LayoutDuration'),
    styleMsPerSecond: perSecond('RecalcStyleDuration'),
    frames: deltas.length,
    seconds: deltas.reduce((sum, delta) => sum + delta, 0) / 1000,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    p99: percentile(deltas, 99),
    longest: deltas.length ? Math.max(...deltas) : Number.NaN,
    over50: deltas.filter((delta) => delta > 50).length,
    longTasks: result.longTasks,
    longTaskMs: result.longTaskMs,
  };
}

/**
 * The page's live JS heap after a full garbage collection (CDP), so that what is measured is
 * what the page holds on to, not garbage that a later collection would free.
 */
export async function measureHeap(cdp: CDPSession): Promise<HeapFigures> {
  // Twice: objects with finalizers or weak references can need a second pass.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number =>
    metrics.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
  return {
    usedBytes: metric('JSHeapUsedSize'),
    domNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  };
}

export async function openCdp(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  return cdp;
}

/** The units shown on every tile, by machine id: to check that the tiles really update. */
export async function tileUnits(page: Page): Promise<Map<string, string>> {
  const pairs = await page.evaluate<[string, string][]>(`(() =>
    [...document.querySelectorAll('[data-testid="machine-tile"]')].map((tile) => [
      tile.getAttribute('data-machine-id') ?? '',
      tile.querySelector('[data-testid="tile-units"]')?.textContent ?? '',
    ]))()`);
  return new Map(pairs);
}

/** The "Received" counter the page shows (live ingest status), to see how stale the page is. */
export async function shownReceived(page: Page): Promise<number> {
  const text = await page.getByTestId('counter-received').textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}
