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

/**
 * Console mode as a child process, a separate MQTT.js publisher sending QoS 1 test results,
 * and the database sampled every 5 ms to see when each one was committed.
 */
export async function runEndToEnd({
  label,
  count,
  paced,
  broker,
  live,
}: EndToEndOptions): Promise<EndToEndFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-'));
  const reader = new ResultsReader(dataDir);
  // The built server (out/server), as users run it: tsx in every process would add to its RSS.
  const linewatch = await startConsole(
    'embeddedPort' in broker
      ? { dataDir, embeddedBrokerPort: broker.embeddedPort, built: true }
      : { dataDir, brokerUrl: broker.url, built: true },
  );
  const client = await connectPublisher(broker.url, `bench-${label.replace(/\W/g, '-')}`);
  try {
    await probeUntilStored(client, 'WARM', () => reader.maxResultId() === 1);
    await untilIdle(linewatch.pid);
    const idleRssMb = printRss(`Linewatch via ${label}, idle after start`, linewatch.pid);
    const burst = await measure(client, reader, 'BURST', count);
    const figures: EndToEndFigures = {
      storedPerSecond: perSecond(count, burst.storeMs),
      idleRssMb,
    };
    console.log(
      `ingest via ${label}: ${burst.stored} msgs, published ${formatRate(count, burst.publishMs)}, ` +
        `${formatRate(count, burst.storeMs)} stored; publish->commit ${burst.latency}`,
    );
    record(`ingest via ${label}, burst`, figures.storedPerSecond, 'msg/s');
    printRss(`Linewatch via ${label}, after ${count} results`, linewatch.pid);
    if (paced) {
      const steady = await measure(client, reader, 'PACED', paced.count, paced.perSecond);
      figures.pacedP99Ms = steady.p99Ms;
      console.log(
        `ingest via ${label}, paced at ${paced.perSecond} msg/s: ${steady.stored} msgs, ` +
          `publish->commit ${steady.latency}`,
      );
    }
    if (live) {
      figures.liveP99Ms = await runLiveLatency(
        linewatch.url,
        broker.url,
        live.count,
        live.perSecond,
      );
    }
    return figures;
  } finally {
    await client.endAsync(true);
    await linewatch.stop();
    reader.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
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
): Promise<{
  stored: number;
  publishMs: number;
  storeMs: number;
  latency: string;
  p99Ms: number;
}> {
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
