/**
 * The first shift-report PDF after start, several times: the built server (out/server, as
 * users run it) on a copy of a seeded day (`npm run bench -- reports --seeded DIR`), one PDF,
 * stop, again. Prints the wall time and the CPU of each process kind per start, and the load:
 * `node --import tsx bench/lib/report-cold.ts DIR [starts] [--server FILE]`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodName, Session } from '../../src/shared/contract';
import { buildHttpRequest } from '../../src/shared/http-route';
import { ensureServerBundle, spawnServer } from '../../tests/helpers/server-process';
import { cpuSecondsOf, processTree } from './bench-record';
import type { SeededPlant } from './report-seed';

const [dir, startsArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: report-cold.ts DIR [starts] [--server FILE]');
const starts = Number(startsArg ?? 3) || 3;
const serverIndex = process.argv.indexOf('--server');
const serverScript = serverIndex === -1 ? undefined : process.argv[serverIndex + 1];
if (!serverScript) ensureServerBundle();
const plant = JSON.parse(readFileSync(join(dir, 'plant.json'), 'utf8')) as SeededPlant;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/**
 * Major page faults of the server and every process below it (pages read back from disk), to
 * tell a start that had to read Chromium or Node in again from one that did more work. (On
 * 4 December a first start after a quiet spell cost Chromium 3.8 s of CPU instead of 1.6 s with
 * 8 major faults: not page-ins.)
 */
function majorFaults(serverPid: number): number {
  let faults = 0;
  for (const info of processTree(serverPid)) {
    try {
      const stat = readFileSync(`/proc/${info.pid}/stat`, 'utf8');
      faults += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[9]);
    } catch {
      // Gone meanwhile.
    }
  }
  return faults;
}

/** CPU ms per process kind below the server (itself "main"). */
function cpuByKind(serverPid: number): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const info of processTree(serverPid)) {
    const kind =
      info.pid === serverPid
        ? 'main'
        : (/report|store|chrom/.exec(info.name)?.[0].replace('chrom', 'chromium') ?? 'other');
    try {
      byKind.set(kind, (byKind.get(kind) ?? 0) + cpuSecondsOf(info.pid) * 1000);
    } catch {
      // Gone meanwhile.
    }
  }
  return byKind;
}

for (let start = 1; start <= starts; start += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-bench-cold-'));
  try {
    cpSync(dir, dataDir, { recursive: true });
    const server = await spawnServer(
      ['--port', '0', '--embedded-broker-port', '0', '--data-dir', dataDir],
      { script: serverScript },
    );
    const pid = server.child.pid!;
    const call = async (method: MethodName, input: unknown, token?: string) => {
      const request = buildHttpRequest(method, input);
      const response = await fetch(server.url + request.url, {
        method: request.verb,
        headers: {
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: request.body,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`${method}: ${response.status}`);
      return bytes;
    };
    try {
      const setup = await call('setup.createFirstAdmin', {
        username: 'bench',
        displayName: 'Bench',
        password: 'bench password 123',
      });
      const { token } = JSON.parse(setup.toString('utf8')) as Session;
      const before = cpuByKind(pid);
      const faultsBefore = majorFaults(pid);
      const started = performance.now();
      const pdf = await call(
        'reports.build',
        {
          type: 'shift',
          from: new Date(plant.fromMs).toISOString(),
          to: new Date(plant.toMs).toISOString(),
          format: 'pdf',
        },
        token,
      );
      const ms = performance.now() - started;
      const faults = majorFaults(pid) - faultsBefore;
      const split = [...cpuByKind(pid)]
        .map(([kind, total]) => [kind, total - (before.get(kind) ?? 0)] as const)
        .filter(([, each]) => each > 0);
      const cpu = split.reduce((sum, [, each]) => sum + each, 0);
      console.log(
        `start ${start}: first shift PDF ${(ms / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s ` +
          `(${split.map(([kind, each]) => `${kind} ${Math.round(each)}`).join(', ')}), ` +
          `${Math.round(pdf.length / 1024)} KiB, ${faults} major page faults of the processes ` +
          `still running; load average ${load()}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
