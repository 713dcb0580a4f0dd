import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HealthReport } from '../../../src/backend/process/health';
import type { Alert, EventPage, MethodName, Session } from '../../../src/shared/contract';
import { buildHttpRequest } from '../../../src/shared/http-route';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import {
  childrenOf,
  commandOf,
  startConsole,
  type ConsoleProcess,
} from './support/console-process';
import { connectPublisher, probeUntilStored, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { waitUntilSettled } from './support/wait';
import { waitFor } from '../../helpers/wait';

/**
 * Console mode as an operator runs it, with its store process killed outright (kill -9) while
 * 20,000 results flow in through mosquitto: the supervisor starts a new store, calls in
 * between get 503 "the store is restarting" (never a 401 that logs everyone out), the same
 * token keeps working, every result is stored exactly once, and the restart is alerted.
 */

const TOTAL = 20_000;
const PREFIX = 'SR';

let broker: Mosquitto;
let dataDir: string;
let reader: ResultsReader;
let publisher: MqttClient | null = null;
let linewatch: ConsoleProcess | null = null;

beforeAll(async () => {
  broker = await startMosquitto();
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-store-restart-'));
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  if (linewatch) {
    for (const child of linewatch.children()) process.kill(child, 'SIGKILL');
    await linewatch.kill9();
  }
  reader.close();
  await broker.dispose();
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

async function health(url: string): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${url}/api/health`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

it('restarts a killed store process: 503 meanwhile, same session after, every message once, alerted', async () => {
  const console_ = await startConsole({ dataDir, brokerUrl: broker.url });
  linewatch = console_;
  const { url } = console_;
  const setup = await call(
    url,
    'setup.createFirstAdmin',
    { username: 'admin', displayName: 'Admin', password: 'a long test password' },
    null,
  );
  expect(setup.status).toBe(200);
  const { token } = setup.body as Session;

  const client = await connectPublisher(broker.url, 'store-restart-publisher');
  publisher = client;
  await probeUntilStored(client, 'PROBE', () => reader.count('PROBE') === 1);
  const healthy = await waitFor('health to be 200', async () => {
    const answer = await health(url);
    return answer.status === 200 ? answer.body : undefined;
  });
  expect(healthy.store.writable).toBe(true);
  expect(healthy.broker.state).toBe('connected');

  // Running for a while, as a store that dies would have been: its spare is booted.
  await waitFor(
    'the spare store process',
    () =>
      childrenOf(console_.pid).filter((pid) => commandOf(pid).includes('store-process')).length ===
      2
        ? true
        : undefined,
    { timeoutMs: 30_000 },
  );
  const burst = publishBurst(client, PREFIX, TOTAL);
  await waitFor(
    'a tenth of the results to be stored',
    () => (reader.count(PREFIX) >= TOTAL * 0.1 ? true : undefined),
    { timeoutMs: 60_000, everyMs: 5 },
  );
  const [storePid] = console_.storeProcesses();
  expect(storePid).toBeDefined();
  process.kill(storePid!, 'SIGKILL');
  const killedAt = performance.now();

  // While it restarts: calls get 503 UNAVAILABLE, never 401, and health says so with 503.
  const answers: { status: number; body: unknown }[] = [];
  const downs: HealthReport[] = [];
  let back = false;
  const watchHealth = (async () => {
    while (!back) {
      const answer = await health(url).catch(() => null);
      if (answer?.status === 503) downs.push(answer.body);
    }
  })();
  await waitFor(
    'the API to answer again',
    async () => {
      const answer = await call(url, 'ingest.status', {}, token);
      answers.push(answer);
      return answer.status === 200 ? true : undefined;
    },
    { timeoutMs: 5_000, everyMs: 10 },
  ).finally(() => (back = true));
  const backAfterMs = performance.now() - killedAt;
  const refused = answers.filter((answer) => answer.status !== 200);
  expect(refused.length).toBeGreaterThan(0);
  for (const answer of refused) {
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'UNAVAILABLE', message: /store is restarting/ });
  }
  expect(backAfterMs).toBeLessThan(5_000);
  await watchHealth;
  const down = downs[0];
  expect(down?.healthy).toBe(false);
  expect(down?.store.writable).toBe(false);
  expect(down?.processes.find((process) => process.name === 'store')?.state).toBe('restarting');
  expect(JSON.stringify(downs)).not.toContain(PREFIX);

  await burst;
  const stored = await waitUntilSettled('every result to be stored', () => reader.count(PREFIX), {
    quietMs: 3000,
    timeoutMs: 120_000,
    target: TOTAL,
  });
  expect(stored).toBe(TOTAL);
  expect(reader.distinct(PREFIX)).toBe(TOTAL);

  // The same token still works: the session survived the store's death.
  expect((await call(url, 'ingest.status', {}, token)).status).toBe(200);
  const alerts = await call(url, 'alerts.list', { view: 'history', source: 'system' }, token);
  expect(alerts.status).toBe(200);
  const [alert] = (alerts.body as { alerts: Alert[] }).alerts;
  expect(alert).toMatchObject({ source: 'system', priority: 'high', lineId: null });
  expect(alert?.message).toMatch(/store process.*ended unexpectedly \(killed by SIGKILL\)/);
  const events = await call(url, 'events.list', { type: 'process.restarted' }, token);
  expect((events.body as EventPage).events.map((event) => event.target)).toEqual(['store']);

  const after = await waitFor('health to be 200 again', async () => {
    const answer = await health(url);
    return answer.status === 200 ? answer.body : undefined;
  });
  expect(after.processes.find((process) => process.name === 'store')).toMatchObject({
    state: 'running',
    restarts: 1,
    lastExit: 'killed by SIGKILL',
  });
  console.log(
    `store restart: API back ${Math.round(backAfterMs)} ms after kill -9 (${refused.length} calls got 503); ${stored} of ${TOTAL} stored once`,
  );

  // The structured log in the data folder tells it too (pino-roll writes from a worker thread).
  const restartLine = await waitFor('the restart in the log file', () => {
    const logs = join(dataDir, 'logs');
    const lines = readdirSync(logs)
      .filter((name) => /^linewatch\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(name))
      .flatMap((name) => readFileSync(join(logs, name), 'utf8').split('\n'));
    return lines.find((line) => line.includes('ended unexpectedly (killed by SIGKILL)'));
  });
  expect(JSON.parse(restartLine)).toMatchObject({ level: 30, process: 'main' });

  const stopStarted = performance.now();
  await console_.stop();
  expect(performance.now() - stopStarted).toBeLessThan(5_000);
  linewatch = null;
});
