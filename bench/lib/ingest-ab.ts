/**
 * A/B of two server builds on ingest through mosquitto, alternating in one run so the other
 * work on the machine hits both alike: each round a bare MQTT.js subscriber (the broker's pace),
 * then a burst through each build. Prints the stored rate, its share of that round's raw rate,
 * and the CPU the main and store processes spent per message (what the load barely moves).
 *
 *   cp -r out/server out/ab-before   # the build to compare against
 *   … change the code; `npm run build:server` …
 *   node --import tsx bench/lib/ingest-ab.ts [--rounds 3] [--count 30000] out/ab-before/cli.js out/server/cli.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMosquitto } from '../../tests/helpers/mosquitto';
import { waitFor } from '../../tests/helpers/wait';
import {
  childrenOf,
  commandOf,
  startConsole,
} from '../../tests/integration/ingest/support/console-process';
import {
  connectPublisher,
  probeUntilStored,
  publishBurst,
} from '../../tests/integration/ingest/support/publisher';
import { ResultsReader } from '../../tests/integration/ingest/support/results-db';
import { cpuSecondsOf } from './bench-record';
import { runLiveLatency } from './live-latency';
import { runRawSubscriber } from './raw-subscriber';
import { percentile } from './stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const rounds = option('--rounds', 3);
/** Then publish → live update at 5,000 msg/s through each build (its p99). */
const live = args.includes('--live');
/** mosquitto without its persistence file (and so without its autosave of every held message). */
const noPersistence = args.includes('--no-persistence');
const count = option('--count', 30_000);
const builds = args.filter(
  (arg, index) => !arg.startsWith('--') && !['--rounds', '--count'].includes(args[index - 1] ?? ''),
);
if (builds.length === 0) throw new Error('name one or more built cli.js files');

interface Burst {
  rate: number;
  mainUs: number;
  storeUs: number;
  /** This process (the publisher) and mosquitto, per message. */
  publisherUs: number;
  brokerUs: number;
  liveP99Ms?: number;
}

const mosquittoPid = () =>
  childrenOf(process.pid).find((pid) => commandOf(pid).includes('mosquitto'))!;
const selfSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function burstThrough(script: string, url: string, round: number): Promise<Burst> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-ab-'));
  const reader = new ResultsReader(dataDir);
  const linewatch = await startConsole({
    dataDir,
    brokerUrl: url,
    built: true,
    builtScript: resolve(script),
    execArgv: process.env.LINEWATCH_AB_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LINEWATCH_AB_PROFILE}`]
      : [],
  });
  const client = await connectPublisher(url, `ab-${round}-${Date.now()}`);
  try {
    await probeUntilStored(client, 'WARM', () => reader.maxResultId() === 1);
    const store = childrenOf(linewatch.pid).find((pid) =>
      commandOf(pid).includes('store-process'),
    )!;
    const broker = mosquittoPid();
    const cpu = () => ({
      main: cpuSecondsOf(linewatch.pid),
      store: cpuSecondsOf(store),
      self: selfSeconds(),
      broker: cpuSecondsOf(broker),
    });
    const before = cpu();
    const burst = await publishBurst(client, 'AB', count);
    const doneAt = await waitFor(
      `${count} results to be stored`,
      () => (reader.maxResultId() >= count + 1 ? performance.now() : undefined),
      { timeoutMs: 120_000, everyMs: 5 },
    );
    const after = cpu();
    const liveP99Ms = live ? await runLiveLatency(linewatch.url, url, 10_000, 5000) : undefined;
    return {
      liveP99Ms,
      rate: count / ((doneAt - burst.startedAt) / 1000),
      mainUs: ((after.main - before.main) * 1e6) / count,
      storeUs: ((after.store - before.store) * 1e6) / count,
      publisherUs: ((after.self - before.self) * 1e6) / count,
      brokerUs: ((after.broker - before.broker) * 1e6) / count,
    };
  } finally {
    await client.endAsync(true);
    await linewatch.stop();
    reader.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A fresh mosquitto for every run: each console run's persistent session stays at the broker
 * after it stops and (max_queued_messages 0) queues a copy of every later message, which made
 * mosquitto's CPU per message grow round after round in one broker.
 */
async function withMosquitto<T>(use: (url: string) => Promise<T>): Promise<T> {
  const mosquitto = await startMosquitto(noPersistence ? { persistence: false } : {});
  try {
    return await use(mosquitto.url);
  } finally {
    await mosquitto.dispose();
  }
}

const shares = new Map<string, number[]>(builds.map((build) => [build, []]));
const cpuOf = new Map<string, { main: number[]; store: number[]; live: number[] }>(
  builds.map((build) => [build, { main: [], store: [], live: [] }]),
);
for (let round = 0; round < rounds; round += 1) {
  const raw = await withMosquitto(async (url) => {
    const rawBefore = { self: selfSeconds(), broker: cpuSecondsOf(mosquittoPid()) };
    const rate = await runRawSubscriber('mosquitto', url, count);
    console.log(
      `  raw run CPU per message: publisher + subscriber ${(((selfSeconds() - rawBefore.self) * 1e6) / count).toFixed(1)} µs, ` +
        `mosquitto ${(((cpuSecondsOf(mosquittoPid()) - rawBefore.broker) * 1e6) / count).toFixed(1)} µs`,
    );
    return rate;
  });
  // Alternate which build goes first, so neither always follows the raw run.
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const build of order) {
    const figure = await withMosquitto((url) => burstThrough(build, url, round));
    shares.get(build)!.push(figure.rate / raw);
    cpuOf.get(build)!.main.push(figure.mainUs);
    cpuOf.get(build)!.store.push(figure.storeUs);
    if (figure.liveP99Ms !== undefined) cpuOf.get(build)!.live.push(figure.liveP99Ms);
    console.log(
      `round ${round + 1} ${build}: ${Math.round(figure.rate)} msg/s stored, ${(figure.rate / raw).toFixed(2)} of raw; ` +
        `CPU per message main ${figure.mainUs.toFixed(1)} µs, store ${figure.storeUs.toFixed(1)} µs, ` +
        `publisher ${figure.publisherUs.toFixed(1)} µs, mosquitto ${figure.brokerUs.toFixed(1)} µs ` +
        `(load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
}
console.log(
  `(load average now ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')})`,
);
for (const [build, values] of shares) {
  const cpu = cpuOf.get(build)!;
  console.log(
    `${build}: median ${percentile(values, 50).toFixed(2)} of raw (${values.map((v) => v.toFixed(2)).join(', ')}); ` +
      `median CPU per message main ${percentile(cpu.main, 50).toFixed(1)} µs, store ${percentile(cpu.store, 50).toFixed(1)} µs` +
      (cpu.live.length
        ? `; live p99 median ${Math.round(percentile(cpu.live, 50))} ms (${cpu.live.map(Math.round).join(', ')})`
        : ''),
  );
}
