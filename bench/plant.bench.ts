/**
 * 1,000 machines (issue 15): the built server (out/server) and the machine simulator
 * (`simulator/`, one MQTT connection per machine, in a process of its own) with 20 lines of 50
 * machines, each sending one test result a second and a telemetry sample every 2 s (1,500 msg/s
 * with the QoS 1 results), for `--minutes N` (10 by default), through the embedded broker and
 * through mosquitto (`--broker embedded|mosquitto|both`, both by default; mosquitto as the tests
 * run it: `max_queued_messages 0`, nothing dropped however far Linewatch lags).
 *
 * Prints, per broker: messages published and stored, how many were still not committed 1 s
 * after the last publish (target 0: the backend keeps up), how long the rest took, publish →
 * commit p50/p99/max, and the CPU and RSS of every process (the server's, the broker's, the
 * simulator's, the bench's own).
 *
 * Publish → commit: the time a result carries (the simulator's clock, stamped when the machine
 * makes it; it is published within the runner's 10 ms tick) to the moment it is visible in the
 * database (a read-only reader polls `test_results` every 10 ms): so up to 20 ms above the true
 * figure. Only results stamped after every machine connected count (the connects' buffered
 * messages would measure the simulator's start, not ingest).
 *
 * `npm run bench -- plant [--minutes 1] [--broker embedded]`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCTS } from '../simulator/model/products';
import type { RunnerStats } from '../simulator/runner-stats';
import { callApi } from '../tests/e2e/api';
import { ensureServerBundle, spawnServer } from '../tests/helpers/server-process';
import { startMosquitto, type Mosquitto } from '../tests/helpers/mosquitto';
import { checkTarget, loadNote, record } from './lib/bench-record';
import type { FromPlantSimulator } from './lib/plant-simulator';
import { CommitWatcher, printLateSeconds, processes } from './lib/plant-watch';
import { formatMs, percentile } from './lib/stats';

const LINES = 20;
const MACHINES_PER_LINE = 50;
const RESULTS_PER_SECOND = 1;
const TELEMETRY_EVERY_MS = 2_000;
/** Time a message may take through broker, ingest and commit before it counts as behind. */
const GRACE_MS = 1_000;
const DRAIN_DEADLINE_MS = 300_000;
/** Caught up: fewer messages than a second of the plant's traffic not yet committed. */
const CAUGHT_UP_BELOW = 1_500;
const CATCH_UP_DEADLINE_MS = 120_000;
const PASSWORD = 'plant bench password 1';
type BrokerChoice = 'embedded' | 'mosquitto';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}
const MINUTES = Number(option('--minutes') ?? 10);
if (!(MINUTES > 0)) throw new Error('--minutes: a positive number');
const brokerOption = option('--broker') ?? 'both';
if (!['embedded', 'mosquitto', 'both'].includes(brokerOption))
  throw new Error('--broker: embedded, mosquitto or both');
const BROKERS: BrokerChoice[] =
  brokerOption === 'both' ? ['embedded', 'mosquitto'] : [brokerOption as BrokerChoice];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sentTotal = (stats: RunnerStats) =>
  stats.sent.test + stats.sent.telemetry + stats.sent.state + stats.sent.commandAck;

async function runPlant(broker: BrokerChoice): Promise<void> {
  const label = `1,000 machines via ${broker === 'embedded' ? 'the embedded broker' : 'mosquitto'}`;
  console.log(`\n${label}: ${MINUTES} min, ${loadNote()}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-plant-'));
  let mosquitto: Mosquitto | null = null;
  let simulator: ChildProcess | null = null;
  let watcher: CommitWatcher | null = null;
  if (broker === 'mosquitto') mosquitto = await startMosquitto({ persistence: false });
  const server = await spawnServer([
    '--port',
    '0',
    '--data-dir',
    dataDir,
    ...(mosquitto ? ['--broker', mosquitto.url] : ['--embedded-broker-port', '0']),
  ]);
  try {
    const { token } = await callApi(server.url, 'setup.createFirstAdmin', {
      username: 'admin',
      displayName: 'Admin',
      password: PASSWORD,
    });
    // No idle lock during a run of many minutes (the bench only polls).
    await callApi(server.url, 'settings.update', { idleLockMinutes: 480 }, token);
    // The simulator's limits, so that results are judged PASS and FAIL as on a floor.
    for (const product of PRODUCTS) {
      for (const step of product.steps) {
        await callApi(
          server.url,
          'specs.save',
          {
            productId: product.productId,
            testStep: step.name,
            lower: step.lower,
            upper: step.upper,
          },
          token,
        );
      }
    }
    let brokerUrl = '';
    for (let tries = 0; !brokerUrl; tries += 1) {
      const status = await callApi(server.url, 'ingest.status', {}, token);
      if (status.state === 'connected') brokerUrl = status.brokerUrl;
      else if (tries > 150) throw new Error(`broker not connected: ${status.state}`);
      else await sleep(200);
    }
    const done = async () => {
      const counters = (await callApi(server.url, 'ingest.status', {}, token)).counters;
      if (!counters) throw new Error('ingest.status gave no counters to an admin');
      return counters.stored + counters.duplicates + counters.deadLettered;
    };

    watcher = new CommitWatcher(join(dataDir, 'linewatch.sqlite'));
    let stats: RunnerStats | null = null;
    let finalStats: RunnerStats | null = null;
    simulator = fork(
      join(import.meta.dirname, 'lib', 'plant-simulator.ts'),
      [
        brokerUrl,
        String(LINES),
        String(MACHINES_PER_LINE),
        String(RESULTS_PER_SECOND),
        String(TELEMETRY_EVERY_MS),
      ],
      { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    simulator.on('message', (message: FromPlantSimulator) => {
      if (message.kind !== 'stats') return;
      stats = message.stats;
      if (message.final) finalStats = message.stats;
    });
    const connectStarted = Date.now();
    while (!stats || (stats as RunnerStats).connected < LINES * MACHINES_PER_LINE) {
      if (Date.now() - connectStarted > DRAIN_DEADLINE_MS)
        throw new Error(`machines connected: ${stats ? (stats as RunnerStats).connected : 0}`);
      await sleep(200);
    }
    const connectedMs = Date.now() - connectStarted;
    // The connects' buffered messages arrive at once: the measured window starts when the
    // backend has caught up with them (steady state), and the time that took is printed.
    // A backend slower than the plant never catches up: then the window starts anyway, and
    // what it did meanwhile (and which process worked) is printed every 20 s.
    const catchUpStarted = Date.now();
    let catchUpCpu = new Map(processes().map((p) => [`${p.name}#${p.pid}`, p.cpuMs]));
    let nextCatchUpNote = catchUpStarted + 20_000;
    let caughtUp = true;
    while (sentTotal(stats) - (await done()) > CAUGHT_UP_BELOW) {
      if (Date.now() - catchUpStarted > CATCH_UP_DEADLINE_MS) {
        caughtUp = false;
        break;
      }
      if (Date.now() >= nextCatchUpNote) {
        nextCatchUpNote += 20_000;
        const now = processes();
        console.log(
          `  catching up: sent ${sentTotal(stats)}, committed ${await done()}; CPU over the last 20 s: ` +
            now
              .map((p) => {
                const before = catchUpCpu.get(`${p.name}#${p.pid}`) ?? p.cpuMs;
                return `${p.name} ${Math.round((p.cpuMs - before) / 200)} %`;
              })
              .join(', ') +
            `; ${loadNote()}`,
        );
        catchUpCpu = new Map(now.map((p) => [`${p.name}#${p.pid}`, p.cpuMs]));
      }
      await sleep(500);
    }
    const catchUpMs = Date.now() - catchUpStarted;
    console.log(
      `  ${LINES * MACHINES_PER_LINE} machines connected in ${formatMs(connectedMs)}; ` +
        (caughtUp
          ? `the backend caught up with what they had buffered ${formatMs(catchUpMs)} later`
          : `the backend had NOT caught up ${formatMs(catchUpMs)} later (${sentTotal(stats) - (await done())} not yet committed): the window starts anyway`),
    );
    record(`${label}: machines connected after`, connectedMs, 'ms');
    if (caughtUp) record(`${label}: caught up with the connects after`, catchUpMs, 'ms');
    watcher.fromMs = Date.now();
    const cpuBefore = new Map(processes().map((p) => [p.pid, p.cpuMs]));
    const sentBefore = sentTotal(stats);
    const started = performance.now();
    // Each process's CPU second by second, to see which one works (or waits) when results are late.
    const cpuBySecond: Map<string, number>[] = [];
    let lastCpu = new Map(processes().map((p) => [`${p.name}#${p.pid}`, p.cpuMs]));
    const sampler = setInterval(() => {
      const now = new Map(processes().map((p) => [`${p.name}#${p.pid}`, p.cpuMs]));
      cpuBySecond.push(new Map([...now].map(([key, ms]) => [key, ms - (lastCpu.get(key) ?? ms)])));
      lastCpu = now;
    }, 1_000);
    let worstBehind = 0;
    const endAt = started + MINUTES * 60_000;
    let nextReport = started + 60_000;
    while (performance.now() < endAt) {
      await sleep(1_000);
      // The simulator's counts are up to 200 ms old: the gap is what is in flight plus that.
      const behind = sentTotal(stats) - (await done());
      worstBehind = Math.max(worstBehind, behind);
      if (performance.now() >= nextReport) {
        nextReport += 60_000;
        const lat = watcher.latencies;
        const lastMinute = cpuBySecond.slice(-60);
        const perProcess = new Map<string, number>();
        for (const second of lastMinute)
          for (const [key, ms] of second)
            perProcess.set(key.split('#')[0]!, (perProcess.get(key.split('#')[0]!) ?? 0) + ms);
        console.log(
          `    CPU over the minute: ${[...perProcess]
            .map(([name, ms]) => `${name} ${Math.round(ms / (lastMinute.length * 10))} %`)
            .join(', ')}`,
        );
        console.log(
          `  ${((performance.now() - started) / 60_000).toFixed(0)} min: sent ${sentTotal(stats).toLocaleString('en-US')}, ` +
            `not yet committed ${Math.max(0, behind)}, publish → commit p99 so far ${formatMs(percentile(lat, 99))}, ${loadNote()}`,
        );
      }
    }
    const elapsedMs = performance.now() - started;
    clearInterval(sampler);
    const cpuAfter = processes();
    // What was published until now (up to 200 ms ago) must be committed 1 s later.
    const publishedAtEnd = sentTotal(stats);
    simulator.send({ kind: 'stop' });
    const stoppedAt = Date.now();
    await sleep(GRACE_MS);
    const behindAtEnd = Math.max(0, publishedAtEnd - (await done()));
    let drainedMs = Date.now() - stoppedAt;
    while ((await done()) < publishedAtEnd) {
      if (Date.now() - stoppedAt > DRAIN_DEADLINE_MS)
        throw new Error(`${publishedAtEnd - (await done())} messages not committed after 5 min`);
      await sleep(100);
      drainedMs = Date.now() - stoppedAt;
    }
    // Then the goodbyes and everything else, committed: nothing lost.
    while (!finalStats) {
      if (Date.now() - stoppedAt > DRAIN_DEADLINE_MS)
        throw new Error('the simulator did not report its last counters in 5 min');
      await sleep(50);
    }
    const final: RunnerStats = finalStats;
    // Its goodbyes (every machine's `offline` state, QoS 1) are not in its `sent` counts.
    const published = sentTotal(final) + LINES * MACHINES_PER_LINE;
    while ((await done()) < published) {
      if (Date.now() - stoppedAt > DRAIN_DEADLINE_MS) {
        throw new Error(`${published - (await done())} messages still not committed after 5 min`);
      }
      await sleep(100);
    }
    const committed = await done();
    const latencies = watcher.latencies;

    console.log(
      `  published ${published.toLocaleString('en-US')} messages (with the ${LINES * MACHINES_PER_LINE} goodbyes; results ${final.sent.test.toLocaleString('en-US')}, telemetry ${final.sent.telemetry.toLocaleString('en-US')}, states ${final.sent.state.toLocaleString('en-US')}), ` +
        `${Math.round(((published - sentBefore) * 1000) / elapsedMs).toLocaleString('en-US')} msg/s in the measured ${(elapsedMs / 60_000).toFixed(1)} min; ` +
        `committed ${committed.toLocaleString('en-US')} (stored, duplicates and refused)`,
    );
    console.log(
      `  not committed ${GRACE_MS / 1000} s after the simulator stopped: ${behindAtEnd} (all committed ${formatMs(drainedMs)} after it); ` +
        `the most not yet committed at a check during the window (once a second): ${worstBehind}`,
    );
    console.log(
      `  publish → commit, ${latencies.length.toLocaleString('en-US')} results: p50 ${formatMs(percentile(latencies, 50))}, ` +
        `p99 ${formatMs(percentile(latencies, 99))}, max ${formatMs(percentile(latencies, 100))}`,
    );
    printLateSeconds(watcher, started, cpuBySecond);
    record(`${label}: published`, published, 'messages');
    record(`${label}: publish rate`, ((published - sentBefore) * 1000) / elapsedMs, 'msg/s');
    record(`${label}: publish → commit p50`, percentile(latencies, 50), 'ms');
    record(`${label}: publish → commit p99`, percentile(latencies, 99), 'ms');
    record(`${label}: all committed after the simulator stopped`, drainedMs, 'ms');
    record(`${label}: most not yet committed at a check`, worstBehind, 'messages');
    console.log(`  CPU (% of one core over the window) and RSS at its end:`);
    let totalCpu = 0;
    for (const member of cpuAfter) {
      const percent =
        ((member.cpuMs - (cpuBefore.get(member.pid) ?? member.cpuMs)) / elapsedMs) * 100;
      totalCpu += percent;
      const name =
        member.pid === process.pid ? 'bench (itself, with the commit reader)' : member.name;
      console.log(
        `    pid ${member.pid} ${name}: ${percent.toFixed(0)} %, ${member.rssMb.toFixed(0)} MB`,
      );
      record(`${label}: CPU ${name}`, percent, '% of one core');
      record(`${label}: RSS ${name}`, member.rssMb, 'MB');
    }
    console.log(`    all: ${totalCpu.toFixed(0)} % of one core, ${loadNote()}`);
    checkTarget(
      `${label}: messages behind ${GRACE_MS / 1000} s after the simulator stopped`,
      behindAtEnd,
      'messages',
      {
        atMost: 0,
      },
    );
    if (final.errors > 0)
      console.log(`  simulator errors: ${final.errors} (last: ${final.lastError})`);
  } finally {
    await watcher?.stop();
    if (simulator && simulator.exitCode === null) simulator.kill('SIGTERM');
    const stopped = await server.stop();
    await mosquitto?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    if (stopped.code !== 0) console.error(`server exited ${stopped.code}:\n${server.output()}`);
  }
}

ensureServerBundle();
let failed = 0;
for (const broker of BROKERS) {
  // One broker's failure (a backlog that never drains) still lets the other run.
  try {
    await runPlant(broker);
  } catch (error) {
    failed += 1;
    console.error(`  via ${broker}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (failed) process.exit(1);
