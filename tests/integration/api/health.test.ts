import { afterEach, expect, it } from 'vitest';
import type { HealthReport } from '../../../src/backend/process/health';
import { freePort } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

/** GET /api/health: no login, no plant data, 200 when all is well and 503 otherwise. */

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function health(url: string): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${url}/api/health`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

it('answers 200 without a login when the store can write, and names no user or machine', async () => {
  server = await startTestServer();
  await server.setupAdmin();
  const { status, body } = await health(server.url);
  expect(status).toBe(200);
  expect(body).toMatchObject({
    healthy: true,
    problems: [],
    store: { writable: true },
    broker: { state: 'none' },
    ingest: { backlog: 0 },
  });
  expect(body.processes.find((process) => process.name === 'store')).toEqual({
    name: 'store',
    state: 'running',
    restarts: 0,
    lastExit: null,
  });
  expect(JSON.stringify(body)).not.toMatch(/admin|First Admin/);
});

it("reports the main process's event-loop delay and memory, for a monitor and the soak", async () => {
  server = await startTestServer();
  // Busy the loop for 150 ms: the delay the health report shows must see it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const busyUntil = performance.now() + 150;
  while (performance.now() < busyUntil);
  const { body } = await health(server.url);
  const delay = body.main.eventLoopDelay;
  expect(delay.samples).toBeGreaterThan(0);
  expect(delay.maxMs).toBeGreaterThanOrEqual(100);
  expect(delay.p99Ms).toBeGreaterThanOrEqual(delay.p50Ms);
  expect(delay.maxMs).toBeGreaterThanOrEqual(delay.p99Ms);
  expect(body.main.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
  expect(body.main.uptimeSeconds).toBeGreaterThanOrEqual(0);
});

it('answers 503 with the reason while the broker cannot be reached', async () => {
  const port = await freePort();
  server = await startTestServer({ ingest: true, brokerUrl: `mqtt://127.0.0.1:${port}` });
  const { status, body } = await health(server.url);
  expect(status).toBe(503);
  expect(body.healthy).toBe(false);
  expect(body.broker.state).not.toBe('connected');
  expect(body.problems.join('; ')).toMatch(/the broker is /);
  // The broker's address is configuration a monitor does not need: it is not shown.
  expect(JSON.stringify(body)).not.toContain(String(port));
  expect(body.store.writable).toBe(true);
});
