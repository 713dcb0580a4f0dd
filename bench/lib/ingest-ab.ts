/**
 * A/B of two server builds on ingest through mosquitto, alternating in one run so the other
 * work on the machine hits both alike: each round a bare MQTT.js subscriber in its own process
 * (the broker's pace), then a burst through each build. Prints the stored rate, its share of that round's raw rate,
 * and the CPU the main and store processes spent per message (what the load barely moves).
 *
 *   cp -r out/server out/ab-before   # the build to compare against
 *   … change the code; `npm run build:server` …
 *   node --import tsx bench/lib/ingest-ab.ts [--rounds 3] [--count 30000] [--warmup 20000] out/ab-before/cli.js out/server/cli.js
 *
 * Every run has a warm-up burst before the measured one (the raw subscriber's too), so both
 * builds are compared warm; the CPU per message helpers are the ingest bench's (cpu-meter.ts).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startMosquitto } from '../../tests/helpers/mosquitto';
import { connectPublisher } from '../../tests/integration/ingest/support/publisher';
import {
  findMosquitto,
  formatCpu,
  median,
  medianCpu,
  startCpuMeter,
  type CpuPerMessage,
} from './cpu-meter';
import { runLive, startLinewatchSession } from './end-to-end';
import { RawSubscriber } from './raw-subscriber';
import { perSecond } from './stats';

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
/** A warm-up burst before each measured one (0: none, the old cold figures). */
const warmup = option('--warmup', 20_000);
const builds = args.filter(
  (arg, index) =>
    !arg.startsWith('--') && !['--rounds', '--count', '--warmup'].includes(args[index - 1] ?? ''),
);
if (builds.length === 0) throw new Error('name one or more built cli.js files');

interface Burst {
  rate: number;
  /** µs per message: main, store, broker (mosquitto), publisher (this process). */
  cpu: CpuPerMessage;
  liveP99Ms?: number;
}

async function burstThrough(script: string, url: string): Promise<Burst> {
  const session = await startLinewatchSession({
    label: 'mosquitto',
    broker: { url },
    idleRss: false,
    builtScript: resolve(script),
    execArgv: process.env.LINEWATCH_AB_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LINEWATCH_AB_PROFILE}`]
      : [],
  });
  try {
    // A fresh console mode's first burst runs on a cold JIT (main 20-27 µs per message
    // against 13 warm): a warm-up burst first, so the builds are compared in steady state.
    if (warmup > 0) await session.burst('ABWARM', warmup);
    const meter = startCpuMeter(session.processes());
    const burst = await session.burst('AB', count);
    const cpu = meter.perMessage(count);
    const liveP99Ms = live ? await runLive(session, { count: 10_000, perSecond: 5000 }) : undefined;
    return { liveP99Ms, rate: perSecond(count, burst.storeMs), cpu };
  } finally {
    await session.stop();
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
const cpuOf = new Map<string, CpuPerMessage[]>(builds.map((build) => [build, []]));
const liveOf = new Map<string, number[]>(builds.map((build) => [build, []]));
for (let round = 0; round < rounds; round += 1) {
  const raw = await withMosquitto(async (url) => {
    const subscriber = await RawSubscriber.connect(url);
    const publisher = await connectPublisher(url, `ab-raw-${round}-${Date.now()}`);
    try {
      if (warmup > 0) await subscriber.burst(publisher, 'RAWWARM', warmup);
      const meter = startCpuMeter({
        broker: findMosquitto()!,
        subscriber: subscriber.pid,
        publisher: 'self',
      });
      const ms = await subscriber.burst(publisher, 'RAW', count);
      const rate = perSecond(count, ms);
      console.log(
        `round ${round + 1} raw: ${Math.round(rate)} msg/s; CPU per message ` +
          `${formatCpu(meter.perMessage(count))}`,
      );
      return rate;
    } finally {
      await publisher.endAsync(true);
      await subscriber.close();
    }
  });
  // Alternate which build goes first, so neither always follows the raw run.
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const build of order) {
    const figure = await withMosquitto((url) => burstThrough(build, url));
    shares.get(build)!.push(figure.rate / raw);
    cpuOf.get(build)!.push(figure.cpu);
    if (figure.liveP99Ms !== undefined) liveOf.get(build)!.push(figure.liveP99Ms);
    console.log(
      `round ${round + 1} ${build}: ${Math.round(figure.rate)} msg/s stored, ${(figure.rate / raw).toFixed(2)} of raw; ` +
        `CPU per message ${formatCpu(figure.cpu)} (load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
}
console.log(
  `(load average now ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')})`,
);
for (const [build, values] of shares) {
  const liveP99 = liveOf.get(build)!;
  console.log(
    `${build}: median ${median(values).toFixed(2)} of raw (${values.map((v) => v.toFixed(2)).join(', ')}); ` +
      `median CPU per message ${formatCpu(medianCpu(cpuOf.get(build)!))}` +
      (liveP99.length
        ? `; live p99 median ${Math.round(median(liveP99))} ms (${liveP99.map(Math.round).join(', ')})`
        : ''),
  );
}
