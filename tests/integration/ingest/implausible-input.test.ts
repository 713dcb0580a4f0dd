import type mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeadLetter,
  MachineSnapshot,
  Session,
  StatePeriod,
  TestResult,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { connectMachine, publish } from '../alerts/support';
import { waitFor } from '../../helpers/wait';

/**
 * Issue 12, "Bad input" 1 and 2, through a real server, store process and embedded broker:
 * payloads nested too deep, timestamps implausibly far ahead, and old states arriving out of
 * order, over MQTT and over HTTP.
 */

let t: TestServer;
let admin: Session;
let machine: mqtt.MqttClient;

beforeAll(async () => {
  t = await startTestServer({ ingest: true });
  admin = await t.setupAdmin();
  machine = await connectMachine(t, admin.token);
});
afterAll(async () => {
  await machine?.endAsync();
  await t?.close();
});

const now = () => t.clock.now();
const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

async function deadLetterFor(topic: string): Promise<DeadLetter> {
  return waitFor(`a dead letter on ${topic}`, async () => {
    const { body } = await t.http('deadLetters.list', { limit: 500 }, admin.token);
    return (body as { deadLetters: DeadLetter[] }).deadLetters.find((dl) => dl.topic === topic);
  });
}

async function snapshotOf(machineId: string): Promise<MachineSnapshot | undefined> {
  const { body } = await t.http('machines.overview', {}, admin.token);
  return (body as MachineSnapshot[]).find((snapshot) => snapshot.machineId === machineId);
}

/** Posts a raw JSON text to the HTTP ingest route, as a station or a hostile client could. */
async function postIngest(text: string): Promise<{ status: number; body: { message?: string } }> {
  const response = await fetch(`${t.url}/api/ingest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.token}` },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as { message?: string } };
}

const result = (machineId: string, barcode: string, timestamp: number | string) => ({
  barcode,
  machine_id: machineId,
  product_id: 'PROD-A',
  test_step: 'voltage',
  measured_value: 1,
  timestamp,
});

describe('nesting deeper than 32 levels', () => {
  it('over HTTP: 100,000 nested arrays answer 400 with the reason, kept as a dead letter', async () => {
    const payload = JSON.stringify(result('H-1', 'SN-DEEP', now())).replace(
      /}$/,
      `,"deep":${nested(100_000)}}`,
    );
    const answer = await postIngest(`{"lineId":"L-H","payload":${payload}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/payload: nesting deeper than 32 levels/);
    const kept = await deadLetterFor('factory/L-H/H-1/test');
    expect(kept.reason).toBe('payload: nesting deeper than 32 levels');
    // The whole body nested (not even an envelope): a refusal, not a 500. An array is the
    // station format, which a user's login may not post (403); either way the client is told.
    const whole = await postIngest(nested(100_000));
    expect(whole.status).toBeGreaterThanOrEqual(400);
    expect(whole.status).toBeLessThan(500);
    expect(whole.body.message).toBeTruthy();
    // And the server keeps answering.
    expect((await t.http('ingest.status', {}, admin.token)).status).toBe(200);
  });

  it('over MQTT: dead-lettered with the reason', async () => {
    const text = JSON.stringify(result('Q-1', 'SN-DEEP', now())).replace(
      /}$/,
      `,"deep":${nested(100_000)}}`,
    );
    await machine.publishAsync('factory/L-Q/Q-1/test', text, { qos: 1 });
    const kept = await deadLetterFor('factory/L-Q/Q-1/test');
    expect(kept).toMatchObject({
      reason: 'payload: nesting deeper than 32 levels',
      truncated: true,
    });
  });
});

describe('timestamps implausibly far ahead', () => {
  it('over MQTT: a state stamped 9999-12-31 is dead-lettered and does not freeze the machine', async () => {
    await publish(machine, 'L-F/F-1/state', { timestamp: now() - 1000, state: 'running' });
    await waitFor('F-1 running', async () =>
      (await snapshotOf('F-1'))?.state === 'running' ? true : undefined,
    );
    await publish(machine, 'L-F/F-1/state', { timestamp: '9999-12-31T00:00:00Z', state: 'down' });
    const kept = await deadLetterFor('factory/L-F/F-1/state');
    expect(kept.field).toBe('timestamp');
    expect(kept.reason).toMatch(
      /^timestamp: 9999-12-31T00:00:00\.000Z is 7,9\d\d years in the future \(more than 5 minutes ahead/,
    );
    await publish(machine, 'L-F/F-1/state', { timestamp: now(), state: 'idle' });
    await waitFor('F-1 idle', async () =>
      (await snapshotOf('F-1'))?.state === 'idle' ? true : undefined,
    );
  });

  it('over HTTP: a result a day ahead is refused (400) with the reason; the setting widens the window', async () => {
    const ahead = await t.http(
      'ingest.submit',
      { lineId: 'L-H', payload: result('H-2', 'SN-AHEAD', now() + 26 * 3_600_000) },
      admin.token,
    );
    expect(ahead.status).toBe(400);
    expect((ahead.body as { message: string }).message).toMatch(
      /timestamp: .* is 1 day in the future \(more than 5 minutes ahead of the receiving clock\)/,
    );
    const halfHour = { lineId: 'L-H', payload: result('H-2', 'SN-HALF', now() + 30 * 60_000) };
    expect((await t.http('ingest.submit', halfHour, admin.token)).status).toBe(400);
    const widened = await t.http('settings.update', { maxTimestampAheadMinutes: 60 }, admin.token);
    expect(widened.body).toMatchObject({ maxTimestampAheadMinutes: 60 });
    expect((await t.http('ingest.submit', halfHour, admin.token)).body).toMatchObject({
      outcome: 'stored',
    });
    await t.http('settings.update', { maxTimestampAheadMinutes: 5 }, admin.token);
  });

  it('judges by the injected clock: a stamp ahead of the real time but not of the server clock is stored', async () => {
    // The server's clock runs ten minutes ahead of this machine's real time (less than the
    // idle lock, so the session stays valid); a stamp eight minutes ahead of real time is
    // behind the server's clock.
    t.clock.advance(10 * 60_000);
    try {
      const stamp = Date.now() + 8 * 60_000;
      await publish(machine, 'L-C/C-1/test', result('C-1', 'SN-CLOCK', stamp));
      const stored = await waitFor('the result stamped by the machine clock', async () => {
        const { body } = await t.http(
          'results.list',
          { barcode: 'SN-CLOCK', limit: 5 },
          admin.token,
        );
        return (body as { results: TestResult[] }).results[0];
      });
      expect(Date.parse(stored.at)).toBe(stamp);
      const http = await t.http(
        'ingest.submit',
        { lineId: 'L-C', payload: result('C-1', 'SN-CLOCK-HTTP', stamp) },
        admin.token,
      );
      expect(http.body).toMatchObject({ outcome: 'stored' });
    } finally {
      t.clock.advance(-10 * 60_000);
    }
  });
});

describe('old timestamps', () => {
  it('are stored, but an older state or sample never moves the machine backwards', async () => {
    const at = now();
    const shows = (machineId: string, want: Partial<MachineSnapshot>) =>
      waitFor(`${machineId} showing ${JSON.stringify(want)}`, async () => {
        const snapshot = await snapshotOf(machineId);
        const matches = Object.entries(want).every(
          ([key, value]) => snapshot?.[key as keyof MachineSnapshot] === value,
        );
        return matches ? snapshot : undefined;
      });
    // Both machines known first: a new machine makes the backend re-read every snapshot.
    await publish(machine, 'L-O/O-2/state', { timestamp: at - 1000, state: 'running' });
    await publish(machine, 'L-O/O-1/state', { timestamp: at, state: 'down', reason: 'jam' });
    await publish(machine, 'L-O/O-1/telemetry', { timestamp: at, temperature: 50 });
    await shows('O-1', { state: 'down', temperature: 50 });
    await shows('O-2', { state: 'running' });
    // A backlog replayed after an outage: a minute older, arriving later.
    await publish(machine, 'L-O/O-1/state', { timestamp: at - 60_000, state: 'running' });
    await publish(machine, 'L-O/O-1/telemetry', { timestamp: at - 60_000, temperature: 99 });
    // Then something newer from another machine, to know the backlog was handled.
    await publish(machine, 'L-O/O-2/state', { timestamp: at, state: 'idle' });
    await shows('O-2', { state: 'idle' });
    const history = await waitFor('both states in the history', async () => {
      const { body } = await t.http(
        'machines.states',
        {
          from: new Date(at - 120_000).toISOString(),
          to: new Date(at + 1).toISOString(),
          machineId: 'O-1',
        },
        admin.token,
      );
      const periods = body as StatePeriod[];
      return periods.length === 2 ? periods : undefined;
    });
    // The history has both, in timestamp order.
    expect(history.map((period) => period.state)).toEqual(['running', 'down']);
    expect(await snapshotOf('O-1')).toMatchObject({
      state: 'down',
      stateSince: new Date(at).toISOString(),
      reason: 'jam',
      temperature: 50,
    });
  });
});
