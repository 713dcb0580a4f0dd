/**
 * The renderer under load: console mode with its embedded broker, 1,000 machines (20 lines x 50;
 * `--machines N` for another size) sending telemetry every second, a test result every 4 s and
 * now and then a state change, and real Chromium showing the Overview (a live tile each). Measures, in the page, the frame times
 * over the first minute and over the last minute, and the page's JS heap (after a forced GC)
 * every minute: after 1 minute against after LINEWATCH_BENCH_RENDERER_MINUTES (default 10).
 * Then the Quality page's live results table for 30 s. `npm run bench -- renderer`.
 * The open alarms are counted beside the heap: they grow with the run unless acknowledged
 * (`LINEWATCH_BENCH_RENDERER_ACK=1`: a bench operator acknowledges the returned ones each minute).
 *
 * A measurement: it exits 0 when a target is missed, but says so loudly.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { callApi } from '../tests/e2e/api';
import { brokerUrlOf } from '../tests/e2e/factory';
import { openPage, startConsole } from '../tests/e2e/harness';
import { goTo, logIn } from '../tests/e2e/ui';
import { ensureRendererBuilt } from './lib/renderer-build';
import { acknowledgeReturned, countOpenAlarms } from './lib/renderer-alarms';
import { PlantFeed } from './lib/renderer-feed';
import {
  measureFrames,
  measureHeap,
  openCdp,
  shownReceived,
  tileUnits,
  type FrameFigures,
  type HeapFigures,
} from './lib/renderer-page';
import { formatFrameMs, formatMiB, printFigures, type FigureRow } from './lib/renderer-report';

const MINUTES = Number(process.env.LINEWATCH_BENCH_RENDERER_MINUTES ?? 10);
if (!Number.isInteger(MINUTES) || MINUTES < 2) {
  throw new Error('LINEWATCH_BENCH_RENDERER_MINUTES must be a whole number of minutes, 2 or more');
}
/** `--machines N` (or LINEWATCH_BENCH_RENDERER_MACHINES): 1,000 by default, a large plant. */
const MACHINES = Number(
  optionValue('--machines') ?? process.env.LINEWATCH_BENCH_RENDERER_MACHINES ?? 1000,
);
if (!Number.isInteger(MACHINES) || MACHINES < 20 || MACHINES > 2000) {
  throw new Error('--machines must be a whole number from 20 to 2000');
}
// 1,000 machines are 20 lines of 50, as the simulator's largest plant; fewer keep 10 lines.
const LINES = MACHINES >= 1000 ? 20 : 10;
const MACHINES_PER_LINE = Math.ceil(MACHINES / LINES);
const FRAME_WINDOW_MS = 60_000;
const QUALITY_WINDOW_MS = 30_000;
const TARGET_P95_MS = 20;
const TARGET_GROWTH_PERCENT = 20;
const PASSWORD = 'bench password 123';
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
const FEED = { telemetryEveryMs: 1000, resultEveryMs: 4000, stateChangeEveryMs: 2000 };
/** A bench operator acknowledges the returned alarms each minute (bench/lib/renderer-alarms.ts). */
const ACKNOWLEDGING = process.env.LINEWATCH_BENCH_RENDERER_ACK === '1';

function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

console.log(
  `renderer: ${LINES * MACHINES_PER_LINE} machines (${LINES} lines x ${MACHINES_PER_LINE}), ` +
    `telemetry every ${FEED.telemetryEveryMs / 1000} s and a result every ` +
    `${FEED.resultEveryMs / 1000} s per machine, a state change every ` +
    `${FEED.stateChangeEveryMs / 1000} s; ${MINUTES} min on the Overview ` +
    `(LINEWATCH_BENCH_RENDERER_MINUTES), frame windows of ${FRAME_WINDOW_MS / 1000} s, ` +
    `then Quality for ${QUALITY_WINDOW_MS / 1000} s; load average ${load()}`,
);

ensureRendererBuilt();
mkdirSync(SCREENSHOTS, { recursive: true });
const server = await startConsole();
let feed: PlantFeed | null = null;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--enable-precise-memory-info',
  ],
});
try {
  const admin = await callApi(server.url, 'setup.createFirstAdmin', {
    username: 'bench',
    displayName: 'Bench',
    password: PASSWORD,
  });
  // A control-room wall stays untouched for long: no idle lock during the run.
  await callApi(server.url, 'settings.update', { idleLockMinutes: 480 }, admin.token);
  // Limits, so that the results are judged PASS and FAIL as on a real floor.
  await callApi(
    server.url,
    'specs.save',
    { productId: 'PROD-A', testStep: 'voltage_test', lower: 82, upper: 88 },
    admin.token,
  );
  await callApi(
    server.url,
    'specs.save',
    { productId: 'PROD-B', testStep: 'leak_test', lower: 2.1, upper: 2.9 },
    admin.token,
  );

  feed = await PlantFeed.connect({
    brokerUrl: await brokerUrlOf(server.url, admin.token),
    lines: LINES,
    machinesPerLine: MACHINES_PER_LINE,
    seed: 4,
    ...FEED,
  });
  await feed.start();
  const runningFeed = feed;
  const machineCount = feed.machineCount;
  const known = async () =>
    (await callApi(server.url, 'machines.overview', {}, admin.token)).length;
  const deadline = Date.now() + 30_000;
  while ((await known()) < machineCount) {
    if (Date.now() > deadline) throw new Error('the backend did not see every machine in 30 s');
    await sleep(250);
  }

  const page = await openPage(browser, server.url);
  await page.goto('/');
  await logIn(page, 'bench', PASSWORD);
  await goTo(page, 'Overview');
  // Every line is on the page; above 200 machines only the lines near the screen have their
  // tiles rendered (LazyLineRow), which is what a user scrolling the Overview gets.
  await page
    .locator('section.line-row')
    .nth(LINES - 1)
    .waitFor();
  await page.locator('[data-testid="machine-tile"]').first().waitFor();
  const cdp = await openCdp(page);
  // How far ingest trails the feed: on an overloaded machine the page is shown stale data.
  // (Telemetry counts as sent when handed to MQTT.js, so the difference can dip just below 0.)
  // And how far the page trails ingest: its live 'Received' counter against the backend's.
  const backlog = async () => {
    const counters = (await callApi(server.url, 'ingest.status', {}, admin.token)).counters ?? {
      received: 0,
    };
    const pageBehind = Math.max(0, counters.received - (await shownReceived(page)));
    return `backend ${Math.max(0, runningFeed.published - counters.received)}, page ${pageBehind}`;
  };
  const startedAt = Date.now();
  const publishedAtStart = feed.published;
  const renderedTiles = await page.locator('[data-testid="machine-tile"]').count();
  console.log(
    `renderer: Overview shows ${LINES} lines of ${machineCount} machines, ${renderedTiles} tiles rendered near the screen; measuring`,
  );

  const unitsBefore = await tileUnits(page);
  const firstFrames = await measureFrames(page, cdp, FRAME_WINDOW_MS);
  const unitsAfter = await tileUnits(page);
  const tilesUpdated = [...unitsAfter].filter(([id, units]) => unitsBefore.get(id) !== units);

  const heaps: HeapFigures[] = [];
  const alarms: string[] = [];
  let lastFrames: FrameFigures | null = null;
  for (let minute = 1; minute <= MINUTES; minute += 1) {
    const heap = await measureHeap(cdp);
    heaps.push(heap);
    alarms.push(await countOpenAlarms(server.url, admin.token));
    console.log(
      `renderer: minute ${minute}: heap ${formatMiB(heap.usedBytes)}, ${heap.domNodes} DOM nodes, ` +
        `${heap.listeners} listeners, alarms ${alarms.at(-1)}, ` +
        `${feed.published - publishedAtStart} messages sent, ` +
        `behind: ${await backlog()} messages; load ${load()}`,
    );
    if (minute === MINUTES) break;
    if (ACKNOWLEDGING) await acknowledgeReturned(server.url, admin.token);
    if (minute === MINUTES - 1) {
      lastFrames = await measureFrames(page, cdp, FRAME_WINDOW_MS);
    } else {
      await sleep(startedAt + (minute + 1) * 60_000 - Date.now());
    }
  }
  const publishedDuring = feed.published - publishedAtStart;
  const seconds = (Date.now() - startedAt) / 1000;
  await page.screenshot({ path: join(SCREENSHOTS, 'bench-renderer-overview.png') });

  // Secondary: the Overview's figures stand even if the Quality page does not load in time.
  let qualityFrames: FrameFigures | null = null;
  try {
    await goTo(page, 'Quality');
    await page.locator('.virtual-table tbody td').first().waitFor({ timeout: 60_000 });
    await sleep(3000);
    qualityFrames = await measureFrames(page, cdp, QUALITY_WINDOW_MS);
    await page.screenshot({ path: join(SCREENSHOTS, 'bench-renderer-quality.png') });
  } catch (error) {
    console.log(`!!! Quality page not measured: ${String(error).split('\n')[0]}`);
  }

  const heapFirst = heaps[0];
  const heapLast = heaps.at(-1);
  if (!heapFirst || !heapLast || !lastFrames) throw new Error('no heap or frame figures');
  const growth = ((heapLast.usedBytes - heapFirst.usedBytes) / heapFirst.usedBytes) * 100;

  const frameRows = (label: string, frames: FrameFigures, target: boolean): FigureRow[] => [
    {
      figure: `${label}: p95 frame time`,
      value: formatFrameMs(frames.p95),
      target: target ? `< ${TARGET_P95_MS} ms` : '',
      pass: target ? frames.p95 < TARGET_P95_MS : null,
    },
    {
      figure: `${label}: longest frame`,
      value: formatFrameMs(frames.longest),
      target: '',
      pass: null,
    },
    {
      figure: `${label}: p50 / p99 frame time`,
      value: `${formatFrameMs(frames.p50)} / ${formatFrameMs(frames.p99)}`,
      target: '',
      pass: null,
    },
    {
      figure: `${label}: frames (over 50 ms)`,
      value: `${frames.frames} in ${frames.seconds.toFixed(1)} s (${frames.over50})`,
      target: '',
      pass: null,
    },
    {
      figure: `${label}: long tasks`,
      value: `${frames.longTasks}, ${Math.round(frames.longTaskMs)} ms in all`,
      target: '',
      pass: null,
    },
    {
      figure: `${label}: main thread busy`,
      value:
        `${frames.busyPercent.toFixed(1)} % (script ${Math.round(frames.scriptMsPerSecond)}, ` +
        `layout ${Math.round(frames.layoutMsPerSecond)}, ` +
        `style ${Math.round(frames.styleMsPerSecond)} ms/s)`,
      target: '',
      pass: null,
    },
  ];

  console.log(
    `\nrenderer: ${publishedDuring} messages in ${seconds.toFixed(0)} s on the Overview ` +
      `(${Math.round(publishedDuring / seconds)} msg/s; ${feed.counts.errors} publish errors); ` +
      `${tilesUpdated.length} of the ${unitsBefore.size} rendered tiles changed their unit count in the first ` +
      `minute; load average ${load()} (2 shared cores: the figures are noisy)\n`,
  );
  const missed = printFigures([
    ...frameRows('Overview, first minute', firstFrames, true),
    ...frameRows(`Overview, minute ${MINUTES}`, lastFrames, true),
    {
      figure: 'Overview: JS heap after 1 min',
      value: formatMiB(heapFirst.usedBytes),
      target: '',
      pass: null,
    },
    {
      figure: `Overview: JS heap after ${MINUTES} min`,
      value: formatMiB(heapLast.usedBytes),
      target: '',
      pass: null,
    },
    {
      figure: `Overview: heap growth 1 -> ${MINUTES} min`,
      value: `${growth.toFixed(1)} %`,
      target: `< ${TARGET_GROWTH_PERCENT} %`,
      pass: growth < TARGET_GROWTH_PERCENT,
    },
    {
      figure: `Overview: alarms 1 -> ${MINUTES} min`,
      value: `${alarms[0]} -> ${alarms.at(-1)}${ACKNOWLEDGING ? ', returned ones acknowledged each minute' : ''}`,
      target: '',
      pass: null,
    },
    {
      figure: `Overview: DOM nodes 1 -> ${MINUTES} min`,
      value: `${heapFirst.domNodes} -> ${heapLast.domNodes}`,
      target: '',
      pass: null,
    },
    ...(qualityFrames
      ? frameRows(`Quality, ${QUALITY_WINDOW_MS / 1000} s`, qualityFrames, false)
      : []),
  ]);
  if (tilesUpdated.length < unitsBefore.size / 2) {
    console.log(
      `!!! only ${tilesUpdated.length} of ${unitsBefore.size} rendered tiles updated: the page did not get the feed`,
    );
  }
  console.log(
    missed === 0 ? '\nrenderer: every target met' : `\nrenderer: ${missed} target(s) MISSED`,
  );
} finally {
  await browser.close();
  await feed?.stop();
  await server.stop();
}
