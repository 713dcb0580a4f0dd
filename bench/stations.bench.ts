/**
 * One server, many stations (issue 13): the built server (out/server) with its embedded broker,
 * 200 simulated machines (10 lines of 20) sending one test result and one telemetry sample a
 * second each, and 20 stations connected as WebSocket clients under Node: 12 operators (each
 * assigned the machines of one line) and 8 engineers (three lines each), logged in with a
 * station name and subscribed to every live topic their role may follow.
 *
 * Prints the server's CPU (all its processes, % of one core) and RSS, the RSS the stations
 * added (per station), and per station the publish → screen latency of the test results it
 * received (the result's own timestamp, set by the publisher on this machine, to the moment
 * the station's socket delivered it): p50 and p99. Target: p99 under 500 ms for every station.
 *
 * `npm run bench -- stations [--seconds 60]` runs only this one.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Role, TopicName } from '../src/shared/contract';
import { topicsFor } from '../src/shared/api-client';
import { STATION_HEADER } from '../src/shared/station-name';
import { ensureServerBundle, spawnServer } from '../tests/helpers/server-process';
import { checkTarget, loadNote, processTree, record } from './lib/bench-record';
import { PlantFeed } from './lib/renderer-feed';
import { formatMs, percentile } from './lib/stats';

const LINES = 10;
const MACHINES_PER_LINE = 20;
const OPERATORS = 12;
const ENGINEERS = 8;
const WARM_UP_MS = 15_000;
const TARGET_P99_MS = 500;
const PASSWORD = 'station bench password 1';

function secondsOption(): number {
  const index = process.argv.indexOf('--seconds');
  const value =
    index === -1 ? process.env.LINEWATCH_BENCH_STATIONS_SECONDS : process.argv[index + 1];
  const seconds = Number(value ?? 60);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--seconds: a positive number');
  return seconds;
}

const lineId = (n: number) => `LINE-${String(((n - 1) % LINES) + 1).padStart(2, '0')}`;
const machinesOf = (line: string) =>
  Array.from(
    { length: MACHINES_PER_LINE },
    (_, index) => `M-${line.slice(-2)}-${String(index + 1).padStart(2, '0')}`,
  );

/** User + system CPU time of a process so far, in ms (from /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const treeCpuMs = (pid: number) =>
  processTree(pid).reduce((sum, member) => sum + cpuMs(member.pid), 0);
const treeRssMb = (pid: number) =>
  processTree(pid).reduce((sum, member) => sum + member.rssBytes, 0) / 1048576;
const rssMb = (pid: number) => (processTree(pid)[0]?.rssBytes ?? 0) / 1048576;

interface Station {
  name: string;
  role: Role;
  socket: WebSocket;
  latencies: number[];
  /** When each latency was seen (Date.now()), to tell a stall from a steady delay. */
  seenAt: number[];
  dropped: number;
}

async function call<T>(
  url: string,
  path: string,
  body: unknown,
  token?: string,
  station?: string,
): Promise<T> {
  for (;;) {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(station ? { [STATION_HEADER]: station } : {}),
      },
      body: JSON.stringify(body),
    });
    // Logins from one address are limited to 20 a minute: wait for the window to move.
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      continue;
    }
    const answer = (await response.json()) as T;
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}

async function connectStation(url: string, name: string, role: Role, token: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/live`);
  const station: Station = { name, role, socket, latencies: [], seenAt: [], dropped: 0 };
  const topics: TopicName[] = topicsFor(role);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', token, topics })));
    socket.on('message', (data: Buffer) => {
      const received = Date.now();
      const message = JSON.parse(data.toString()) as {
        type: string;
        batches?: { topic: string; items: { at?: string }[]; dropped: number }[];
      };
      if (message.type === 'subscribed') resolve();
      if (message.type === 'error') reject(new Error(`${name}: ${data.toString()}`));
      for (const batch of message.batches ?? []) {
        if (batch.topic !== 'results.appended') continue;
        station.dropped += batch.dropped;
        for (const item of batch.items) {
          if (!item.at) continue;
          station.latencies.push(received - Date.parse(item.at));
          station.seenAt.push(received);
        }
      }
    });
  });
  return station;
}

const seconds = secondsOption();
ensureServerBundle();
const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-stations-'));
const server = await spawnServer([
  '--port',
  '0',
  '--embedded-broker-port',
  '0',
  '--data-dir',
  dataDir,
]);
const serverPid = server.child.pid!;
let feed: PlantFeed | null = null;
const stations: Station[] = [];
try {
  const { token: admin } = await call<{ token: string }>(server.url, '/api/setup', {
    username: 'admin',
    displayName: 'Admin',
    password: PASSWORD,
  });
  const people: { username: string; role: Role; lines: string[]; machines: string[] }[] = [];
  for (let n = 1; n <= OPERATORS; n += 1) {
    people.push({
      username: `op${n}`,
      role: 'operator',
      lines: [],
      machines: machinesOf(lineId(n)),
    });
  }
  for (let n = 1; n <= ENGINEERS; n += 1) {
    people.push({
      username: `eng${n}`,
      role: 'engineer',
      lines: [lineId(n), lineId(n + 1), lineId(n + 2)],
      machines: [],
    });
  }
  for (const person of people) {
    await call(
      server.url,
      '/api/accounts',
      {
        username: person.username,
        displayName: person.username,
        role: person.role,
        password: PASSWORD,
        assignments: { lines: person.lines, machines: person.machines },
      },
      admin,
    );
  }
  let brokerUrl = '';
  for (let tries = 0; !brokerUrl; tries += 1) {
    const status = (await (
      await fetch(`${server.url}/api/ingest/status`, {
        headers: { Authorization: `Bearer ${admin}` },
      })
    ).json()) as { state: string; brokerUrl: string };
    if (status.state === 'connected') brokerUrl = status.brokerUrl;
    else if (tries > 150) throw new Error(`broker not connected: ${status.state}`);
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }

  feed = await PlantFeed.connect({
    brokerUrl,
    lines: LINES,
    machinesPerLine: MACHINES_PER_LINE,
    telemetryEveryMs: 1_000,
    resultEveryMs: 1_000,
    stateChangeEveryMs: 5_000,
    seed: 13,
  });
  await feed.start();
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  const mainBefore = rssMb(serverPid);
  const treeBefore = treeRssMb(serverPid);

  for (const [index, person] of people.entries()) {
    const name = `CR-${index + 1}`;
    const { token } = await call<{ token: string }>(
      server.url,
      '/api/auth/login',
      { username: person.username, password: PASSWORD },
      undefined,
      name,
    );
    stations.push(await connectStation(server.url, name, person.role, token));
  }

  // The measured window: every station connected, the plant sending.
  for (const station of stations) {
    station.latencies.length = 0;
    station.seenAt.length = 0;
  }
  const publishedBefore = feed.published;
  const cpuBefore = treeCpuMs(serverPid);
  const started = performance.now();
  // Each server process's CPU second by second, to see what works (or waits) in a stall.
  const cpuBySecond: Map<string, number>[] = [];
  let lastCpu = new Map(processTree(serverPid).map((p) => [`${p.name}#${p.pid}`, cpuMs(p.pid)]));
  const sampler = setInterval(() => {
    const now = new Map(processTree(serverPid).map((p) => [`${p.name}#${p.pid}`, cpuMs(p.pid)]));
    cpuBySecond.push(new Map([...now].map(([key, ms]) => [key, ms - (lastCpu.get(key) ?? ms)])));
    lastCpu = now;
  }, 1_000);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(sampler);
  const elapsedMs = performance.now() - started;
  const cpuPercent = ((treeCpuMs(serverPid) - cpuBefore) / elapsedMs) * 100;
  const published = feed.published - publishedBefore;
  const mainAfter = rssMb(serverPid);
  const treeAfter = treeRssMb(serverPid);
  const perStation = (mainAfter - mainBefore) / stations.length;

  console.log(
    `${stations.length} stations (${OPERATORS} operators, ${ENGINEERS} engineers), ${feed.machineCount} machines, ` +
      `${Math.round((published * 1000) / elapsedMs)} msg/s published over ${(elapsedMs / 1000).toFixed(0)} s, ${loadNote()}`,
  );
  console.log(
    `  server CPU: ${cpuPercent.toFixed(0)} % of one core (all its processes); RSS ${treeAfter.toFixed(0)} MB in all (main ${mainAfter.toFixed(0)} MB)`,
  );
  console.log(
    `  RSS added by the stations: main ${(mainAfter - mainBefore).toFixed(1)} MB (${perStation.toFixed(2)} MB per station), all processes ${(treeAfter - treeBefore).toFixed(1)} MB`,
  );
  record('server CPU with 20 stations', cpuPercent, '% of one core');
  record('server RSS with 20 stations', treeAfter, 'MB');
  record('server RSS added per station', perStation, 'MB');

  const p99s: number[] = [];
  for (const station of stations) {
    const p50 = percentile(station.latencies, 50);
    const p99 = percentile(station.latencies, 99);
    p99s.push(p99);
    console.log(
      `  ${station.name} ${station.role.padEnd(8)} ${String(station.latencies.length).padStart(6)} results, publish → screen p50 ${formatMs(p50)}, p99 ${formatMs(p99)}${station.dropped ? `, ${station.dropped} coalesced away` : ''}`,
    );
    record(`${station.name} (${station.role}) publish → screen p50`, p50, 'ms');
    record(`${station.name} (${station.role}) publish → screen p99`, p99, 'ms');
  }
  const all = stations.flatMap((station) => station.latencies);
  console.log(
    `  all stations: p50 ${formatMs(percentile(all, 50))}, p99 ${formatMs(percentile(all, 99))}`,
  );
  // Late results by the second they arrived in: a stall (all stations at once) or a steady delay.
  const lateBySecond = new Map<number, number>();
  const first = stations[0]!;
  first.latencies.forEach((latency, index) => {
    if (latency < TARGET_P99_MS) return;
    const second = Math.floor((first.seenAt[index]! - first.seenAt[0]!) / 1000);
    lateBySecond.set(second, Math.max(lateBySecond.get(second) ?? 0, latency));
  });
  const late = first.latencies.filter((latency) => latency >= TARGET_P99_MS).length;
  console.log(
    `  ${first.name}: ${late} of ${first.latencies.length} results at ${TARGET_P99_MS} ms or later, in ${lateBySecond.size} of ${Math.round(elapsedMs / 1000)} s` +
      (lateBySecond.size
        ? ` (second: worst ${[...lateBySecond]
            .slice(0, 12)
            .map(([second, worst]) => `${second}: ${formatMs(worst)}`)
            .join(', ')})`
        : ''),
  );
  for (const [second] of [...lateBySecond].filter(([, worst]) => worst >= 2_000)) {
    // The stalled second and the ones before it: which process was busy.
    for (const at of [
      second - 6,
      second - 5,
      second - 4,
      second - 3,
      second - 2,
      second - 1,
      second,
    ]) {
      const busy = cpuBySecond[at];
      if (!busy) continue;
      console.log(
        `    CPU in second ${at}: ${[...busy]
          .filter(([, ms]) => ms > 0)
          .map(([key, ms]) => `${key.split('#')[0]} ${ms} ms`)
          .join(', ')}`,
      );
    }
  }
  // The store's once-a-minute maintenance check reads what this overview reads (every
  // machine's usage and temperature trend), in the store process, between ingest batches.
  const overviewMs: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const askedAt = performance.now();
    const answer = await fetch(`${server.url}/api/maintenance`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    await answer.json();
    overviewMs.push(performance.now() - askedAt);
  }
  console.log(
    `  maintenance overview of ${feed.machineCount} machines (the per-minute maintenance check's reads): ${overviewMs.map((ms) => formatMs(ms)).join(', ')}`,
  );
  if (stations.some((station) => station.latencies.length === 0))
    throw new Error('a station received no results');
  checkTarget('worst station publish → screen p99', Math.max(...p99s), 'ms', {
    below: TARGET_P99_MS,
  });
} finally {
  for (const station of stations) station.socket.close();
  await feed?.stop();
  const stopped = await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (stopped.code !== 0) console.error(`server exited ${stopped.code}:\n${server.output()}`);
}
