import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HealthReport } from '../../../src/backend/process/health';
import type {
  IngestStatus,
  MethodName,
  Session,
  SimulatorStatus,
} from '../../../src/shared/contract';
import { buildHttpRequest } from '../../../src/shared/http-route';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import {
  childrenOf,
  commandOf,
  isAlive,
  startConsole,
  type ConsoleProcess,
} from './support/console-process';
import { waitFor } from '../../helpers/wait';

/**
 * SIGTERM ends console mode and every process it started within 5 s, in the worst state at
 * once: the simulator running, a PDF report being built, the broker gone (unreachable) and
 * the store process just killed (restarting).
 */

let broker: Mosquitto;
let dataDir: string;
let linewatch: ConsoleProcess | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-shutdown-'));
});

afterAll(async () => {
  if (linewatch) {
    for (const child of linewatch.children()) process.kill(child, 'SIGKILL');
    await linewatch.kill9();
  }
  await broker.dispose().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  url: string,
  method: MethodName,
  input: unknown,
  token: string | null,
): Promise<{ status: number; body: unknown }> {
  const request = buildHttpRequest(method, input);
  const response = await fetch(url + request.url, {
    method: request.verb,
    headers: {
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: request.body,
  });
  return { status: response.status, body: await response.json() };
}

/** Every process below `pid`, children of children too. */
function descendantsOf(pid: number): number[] {
  const direct = childrenOf(pid);
  return [...direct, ...direct.flatMap(descendantsOf)];
}

it('ends every process within 5 s of SIGTERM, whatever state they are in', async () => {
  const console_ = await startConsole({ dataDir, brokerUrl: broker.url });
  linewatch = console_;
  const { url } = console_;
  const setup = await call(
    url,
    'setup.createFirstAdmin',
    { username: 'admin', displayName: 'Admin', password: 'a long test password' },
    null,
  );
  const { token } = setup.body as Session;

  const started = await call(
    url,
    'simulator.start',
    // Not the embedded broker: an admin confirms the simulator may publish there.
    { lines: 2, machinesPerLine: 3, rate: 20, seed: 7, scenarios: [], confirmProduction: true },
    token,
  );
  expect(started.status).toBe(200);
  expect((started.body as SimulatorStatus).running).toBe(true);
  await waitFor('simulated results to come in through ingest', async () => {
    const answer = await call(url, 'ingest.status', {}, token);
    return (answer.body as IngestStatus).counters.stored > 0 ? true : undefined;
  });
  // A PDF report in the making (the report process, then Chromium); nobody waits for it.
  const report = call(
    url,
    'reports.build',
    { type: 'shift', from: '2026-11-22T06:00:00Z', to: '2026-11-22T14:00:00Z', format: 'pdf' },
    token,
  ).catch(() => null);
  await waitFor('the report process to run', () =>
    descendantsOf(console_.pid).some((pid) => commandOf(pid).includes('report-process'))
      ? true
      : undefined,
  );
  // The store and its spare both: the restart is a cold one, still under way at SIGTERM, and
  // what the simulator keeps sending waits in ingest for a store that is not there.
  const stores = childrenOf(console_.pid).filter((pid) => commandOf(pid).includes('store-process'));
  expect(stores.length).toBeGreaterThan(0);
  for (const pid of stores) process.kill(pid, 'SIGKILL');
  await waitFor('messages waiting for the store', async () => {
    const response = await fetch(`${url}/api/health`);
    const body = (await response.json()) as HealthReport;
    return body.ingest.backlog > 0 ? true : undefined;
  });
  // Then the broker goes away too.
  await broker.dispose();

  const processes = [console_.pid, ...descendantsOf(console_.pid)];
  const commands = processes.map(commandOf).join('\n');
  expect(commands).toContain('simulator-process');
  expect(commands).toContain('report-process');
  const stopAt = performance.now();
  await console_.stop();
  const stoppedAfterMs = performance.now() - stopAt;
  await waitFor(
    'every process it started to end',
    () => (processes.some(isAlive) ? undefined : true),
    { timeoutMs: Math.max(0, 5_000 - (performance.now() - stopAt)), everyMs: 20 },
  );
  const allGoneAfterMs = performance.now() - stopAt;
  console.log(
    `console shutdown: exited ${Math.round(stoppedAfterMs)} ms after SIGTERM, all ${processes.length} processes gone after ${Math.round(allGoneAfterMs)} ms`,
  );
  expect(stoppedAfterMs).toBeLessThan(5_000);
  expect(allGoneAfterMs).toBeLessThan(5_000);
  await report;
  linewatch = null;
});
