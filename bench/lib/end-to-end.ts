import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { startConsole } from '../../tests/integration/ingest/support/console-process';
import {
  connectPublisher,
  probeUntilStored,
  publishBurst,
} from '../../tests/integration/ingest/support/publisher';
import { ResultsReader } from '../../tests/integration/ingest/support/results-db';
import { waitFor } from '../../tests/helpers/wait';
import { printRss, processTree, record } from './bench-record';
import { childRunning, findMosquitto, type Metered } from './cpu-meter';
import { runLiveLatency } from './live-latency';
import {
  commitLatencies,
  formatMs,
  formatRate,
  percentile,
  perSecond,
  type CountSample,
} from './stats';

export interface EndToEndOptions {
  label: string;
  count: number;
  /** Then this many at a steady rate the pipeline keeps up with: latency without a backlog. */
  paced?: { count: number; perSecond: number };
  /** Console mode's broker: an external URL, or the embedded broker on this port. */
  broker: { url: string } | { embeddedPort: number; url: string };
  /** Then publish → live update latency over the WebSocket at this rate. */
  live?: { count: number; perSecond: number };
}

export interface EndToEndFigures {
  /** Burst: results stored per second, publish start → last committed. */
  storedPerSecond: number;
  pacedP99Ms?: number;
  liveP99Ms?: number;
  /** RSS of console mode and every process it started, idle after start (MB). */
  idleRssMb: number;
}

/** What one burst through Linewatch gave: counts, times and publish → commit latency. */
export interface StoredBurst {
  stored: number;
  publishMs: number;
  /** First publish → the last one seen committed (sampled every 5 ms). */
  storeMs: number;
  latency: string;
  p99Ms: number;
}

/**
 * Console mode (the built server) started once and kept running, with its own publisher and a
 * read-only view of its database: bursts go through the same warm processes one after another.
 */
export interface LinewatchSession {
  readonly label: string;
  readonly pid: number;
  /** Console mode's HTTP address. */
  readonly url: string;
  readonly brokerUrl: string;
  /** A QoS 1 publisher on the broker (clean session), for this session's bursts and others'. */
  readonly publisher: MqttClient;
  /** RSS of console mode and every process it started, idle after start (MB). */
  readonly idleRssMb: number;
  /** `count` test results under `prefix`, all at once or at `perSecond`; waits until all are stored. */
  burst(prefix: string, count: number, perSecond?: number): Promise<StoredBurst>;
  /**
   * The processes a burst costs CPU in, by name: main, store, broker, publisher (this process,
   * which also reads the database every 5 ms to see the commits).
   */
  processes(): Metered;
  stop(): Promise<void>;
}

export async function startLinewatchSession({
  label,
  broker,
  builtScript,
  execArgv,
  idleRss = true,
}: Pick<EndToEndOptions, 'label' | 'broker'> & {
  /** Another build's cli.js (the A/B tool); out/server's by default. */
  builtScript?: string;
  /** Node options for console mode's own process (`--cpu-prof`). */
  execArgv?: string[];
  /** Waits until every process has settled and prints their RSS (idleRssMb is NaN without). */
  idleRss?: boolean;
}): Promise<LinewatchSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-'));
  const reader = new ResultsReader(dataDir);
  // The built server (out/server), as users run it: tsx in every process would add to its RSS.
  const linewatch = await startConsole(
    'embeddedPort' in broker
      ? { dataDir, embeddedBrokerPort: broker.embeddedPort, built: true, builtScript, execArgv }
      : { dataDir, brokerUrl: broker.url, built: true, builtScript, execArgv },
  );
  const stopAll = async (client?: MqttClient) => {
    await client?.endAsync(true);
    await linewatch.stop();
    reader.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let client: MqttClient | undefined;
  try {
    client = await connectPublisher(broker.url, `bench-${label.replace(/\W/g, '-')}-${Date.now()}`);
    const publisher = client;
    await probeUntilStored(publisher, 'WARM', () => reader.maxResultId() === 1);
    let idleRssMb = Number.NaN;
    if (idleRss) {
      await untilIdle(linewatch.pid);
      idleRssMb = printRss(`Linewatch via ${label}, idle after start`, linewatch.pid);
    }
    // The embedded broker is console mode's child; an external one is metered when this
    // process started it (a mosquitto of tests/helpers/mosquitto.ts).
    const brokerPid =
      'embeddedPort' in broker ? childRunning(linewatch.pid, 'broker-process') : findMosquitto();
    return {
      label,
      pid: linewatch.pid,
      url: linewatch.url,
      brokerUrl: broker.url,
      publisher,
      idleRssMb,
      burst: (prefix, count, perSecond) => measure(publisher, reader, prefix, count, perSecond),
      processes: () => ({
        main: linewatch.pid,
        store: linewatch.storeProcesses()[0] ?? childRunning(linewatch.pid, 'store-process'),
        ...(brokerPid === undefined ? {} : { broker: brokerPid }),
        publisher: 'self',
      }),
      stop: () => stopAll(publisher),
    };
  } catch (error) {
    await stopAll(client);
    throw error;
  }
}

/**
 * One burst through a fresh console mode (its JIT cold), then optionally paced and live
 * latency: the broker bench's end-to-end run. The ingest bench runs warm rounds instead
 * (ingest-rounds.ts).
 */
export async function runEndToEnd({
  label,
  count,
  paced,
  broker,
  live,
}: EndToEndOptions): Promise<EndToEndFigures> {
  const session = await startLinewatchSession({ label, broker });
  try {
    const burst = await session.burst('BURST', count);
    const figures: EndToEndFigures = {
      storedPerSecond: perSecond(count, burst.storeMs),
      idleRssMb: session.idleRssMb,
    };
    console.log(
      `ingest via ${label}: ${burst.stored} msgs, published ${formatRate(count, burst.publishMs)}, ` +
        `${formatRate(count, burst.storeMs)} stored; publish->commit ${burst.latency}`,
    );
    record(`ingest via ${label}, burst`, figures.storedPerSecond, 'msg/s');
    printRss(`Linewatch via ${label}, after ${count} results`, session.pid);
    if (paced) figures.pacedP99Ms = await runPaced(session, paced);
    if (live) figures.liveP99Ms = await runLive(session, live);
    return figures;
  } finally {
    await session.stop();
  }
}

/** Publish → commit p99 at a steady rate the pipeline keeps up with (no backlog). */
export async function runPaced(
  session: LinewatchSession,
  paced: { count: number; perSecond: number },
): Promise<number> {
  const steady = await session.burst('PACED', paced.count, paced.perSecond);
  console.log(
    `ingest via ${session.label}, paced at ${paced.perSecond} msg/s: ${steady.stored} msgs, ` +
      `publish->commit ${steady.latency}`,
  );
  return steady.p99Ms;
}

/** Publish → live update p99 on an admin's WebSocket. */
export function runLive(
  session: LinewatchSession,
  live: { count: number; perSecond: number },
): Promise<number> {
  return runLiveLatency(session.url, session.brokerUrl, live.count, live.perSecond);
}

/**
 * Idle is once every process's RSS has stopped moving for 6 s: longer than the 5 s after which
 * a spare store process would boot (superviseStore; built servers keep none, since a built
 * store starts cold in about 0.15 s of CPU), so a late process is counted, not missed.
 */
async function untilIdle(pid: number): Promise<void> {
  let steady = 0;
  let last = 0;
  await waitFor(
    'the RSS of every process to settle',
    () => {
      const total = processTree(pid).reduce((sum, info) => sum + info.rssBytes, 0);
      steady = Math.abs(total - last) < 512 * 1024 ? steady + 1 : 0;
      last = total;
      return steady >= 24 ? true : undefined;
    },
    { timeoutMs: 60_000, everyMs: 250 },
  );
}

async function measure(
  client: MqttClient,
  reader: ResultsReader,
  prefix: string,
  count: number,
  perSecond?: number,
): Promise<StoredBurst> {
  const base = reader.maxResultId();
  const samples: CountSample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push({ at: performance.now(), count: reader.maxResultId() - base });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const burst = await publishBurst(client, prefix, count, { perSecond });
  await waitFor(
    `${count} results to be stored`,
    () => ((samples.at(-1)?.count ?? 0) >= count ? true : undefined),
    { timeoutMs: 120_000, everyMs: 20 },
  );
  sampling = false;
  await sampler;
  const stored = reader.count(prefix);
  if (stored !== count) throw new Error(`${prefix}: stored ${stored} of ${count}`);
  const doneAt = samples.find((sample) => sample.count >= count)?.at ?? performance.now();
  const latencies = commitLatencies(burst.publishedAt, samples);
  return {
    stored,
    publishMs: burst.finishedAt - burst.startedAt,
    storeMs: doneAt - burst.startedAt,
    p99Ms: percentile(latencies, 99),
    latency:
      `p50 ${formatMs(percentile(latencies, 50))}, p99 ${formatMs(percentile(latencies, 99))}, ` +
      `max ${formatMs(percentile(latencies, 100))}`,
  };
}
