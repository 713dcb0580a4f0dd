import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  CreatedStationKey,
  DeadLetter,
  EventRecord,
  Plant,
  Session,
  StationIngestAnswer,
  TestResult,
} from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const run = promisify(execFile);

/**
 * HTTP ingest for test stations with station keys, end to end: a real console server, store
 * process and embedded broker; items go through the same pipeline as MQTT.
 */
describe('station keys and POST /ingest', () => {
  let t: TestServer;
  let admin: Session;
  let sequence = 0;

  beforeAll(async () => {
    // Small per-key limits so the rate limit can be reached; each test uses keys of its own.
    t = await startTestServer({
      ingest: true,
      stationRateLimits: {
        requestsPerSecond: 0.5,
        requestBurst: 6,
        itemsPerSecond: 20,
        itemBurst: 200,
      },
    });
    admin = await t.setupAdmin();
    for (const [lineId, machineId] of [
      ['SLA', 'SA-1'],
      ['SLA', 'SA-2'],
      ['SLB', 'SB-1'],
      ['SLC', 'SC-1'],
      ['SLR', 'MACH-01'],
    ] as const) {
      const saved = await t.http('plant.saveMachine', { lineId, machineId }, admin.token);
      expect(saved.status).toBe(200);
    }
  });
  afterAll(() => t.close());

  /** A test result a minute before the server's clock, with a barcode of its own. */
  const result = (machineId: string, patch: Record<string, unknown> = {}) => ({
    barcode: `SN-ST-${++sequence}`,
    machine_id: machineId,
    product_id: 'PROD-S',
    test_step: 'voltage_test',
    measured_value: 85.5,
    timestamp: new Date(t.clock.now() - 60_000).toISOString(),
    ...patch,
  });

  const createKey = async (name: string, lines: string[], machines: string[] = []) => {
    const { status, body } = await t.http(
      'stationKeys.create',
      { name, lines, machines },
      admin.token,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    return body as CreatedStationKey;
  };

  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string>,
    raw?: string,
  ) => {
    const response = await fetch(t.url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: raw ?? JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      text,
      body: JSON.parse(text) as StationIngestAnswer & { code?: string; message?: string },
    };
  };

  const resultsOf = async (barcode: string) =>
    ((await t.http('results.list', { barcode }, admin.token)).body as { results: TestResult[] })
      .results;

  const events = async (type: string, text?: string) =>
    (
      (await t.http('events.list', { type, text, limit: 500 }, admin.token)).body as {
        events: EventRecord[];
      }
    ).events;

  it('stores a flat body, with the line from the machine registration', async () => {
    const { secret } = await createKey('flat station', ['SLA']);
    const item = result('SA-1');
    const answer = await post('/api/ingest', item, { 'X-Api-Key': secret });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({
      stored: 1,
      duplicates: 0,
      refused: 0,
      items: [{ index: 0, outcome: 'stored' }],
    });
    const [stored] = await resultsOf(item.barcode);
    expect(stored).toMatchObject({ lineId: 'SLA', machineId: 'SA-1', measuredValue: 85.5 });
  });

  it('answers an array per item: stored, duplicate, refused naming the field', async () => {
    const { secret } = await createKey('array station', ['SLA']);
    const good = result('SA-1');
    const again = await post('/ingest', good, { Authorization: `Bearer ${secret}` });
    expect(again.body.stored).toBe(1);
    const second = result('SA-2');
    const badValue = result('SA-2', { measured_value: 'high' });
    const noStep = result('SA-1', { test_step: undefined });
    const answer = await post('/ingest', [second, good, badValue, 'not a result', noStep], {
      Authorization: `Bearer ${secret}`,
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ stored: 1, duplicates: 1, refused: 3 });
    const [i0, i1, i2, i3, i4] = answer.body.items;
    expect(i0).toEqual({ index: 0, outcome: 'stored' });
    expect(i1).toEqual({ index: 1, outcome: 'duplicate' });
    expect(i2).toMatchObject({ index: 2, outcome: 'refused', field: 'measured_value' });
    expect(i2!.reason).toMatch(/^measured_value: /);
    expect(i3).toMatchObject({ index: 3, outcome: 'refused', field: null });
    expect(i3!.reason).toContain('JSON object');
    expect(i4).toMatchObject({ index: 4, outcome: 'refused', field: 'test_step' });
    expect(await resultsOf(second.barcode)).toHaveLength(1);
    expect(await resultsOf(good.barcode)).toHaveLength(1);
    // Refused items are dead letters, as for MQTT.
    const { body } = await t.http('deadLetters.list', { limit: 50 }, admin.token);
    const reasons = (body as { deadLetters: DeadLetter[] }).deadLetters.map((d) => d.payloadText);
    expect(reasons.some((text) => text.includes(badValue.barcode))).toBe(true);
    expect(reasons.some((text) => text.includes(noStep.barcode))).toBe(true);
  });

  it('answers a refused flat body with 400 and the field, and keeps it as a dead letter', async () => {
    const { secret } = await createKey('bad flat station', ['SLA']);
    const bad = result('SA-1', { measured_value: 'high' });
    const answer = await post('/ingest', bad, { 'X-Api-Key': secret });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('measured_value');
    expect(answer.body.items).toEqual([
      expect.objectContaining({ outcome: 'refused', field: 'measured_value' }),
    ]);
  });

  it('refuses a machine outside the key per item, without naming its line', async () => {
    const { secret } = await createKey('line A only', ['SLA']);
    const inside = result('SA-1');
    const outside = result('SB-1');
    const answer = await post('/ingest', [inside, outside], { 'X-Api-Key': secret });
    expect(answer.status).toBe(200);
    expect(answer.body.items[0]).toEqual({ index: 0, outcome: 'stored' });
    expect(answer.body.items[1]).toMatchObject({ outcome: 'refused', field: 'machine_id' });
    expect(answer.body.items[1]!.reason).toContain('not among this station key');
    expect(answer.text).not.toContain('SLB');
    expect(await resultsOf(outside.barcode)).toHaveLength(0);
    const { body } = await t.http('deadLetters.list', { limit: 50 }, admin.token);
    const letter = (body as { deadLetters: DeadLetter[] }).deadLetters.find((d) =>
      d.payloadText.includes(outside.barcode),
    );
    expect(letter).toBeDefined();
    expect(letter!.reason).not.toContain('SLB');
    expect(letter!.topic).not.toContain('SLB');
  });

  it('lets a key for some machines post for those machines only', async () => {
    const { secret } = await createKey('one machine', [], ['SC-1']);
    const answer = await post('/ingest', [result('SC-1'), result('SA-1')], { 'X-Api-Key': secret });
    expect(answer.body.items.map((item) => item.outcome)).toEqual(['stored', 'refused']);
  });

  it('places an unregistered machine on the key’s one line, and refuses it for other keys', async () => {
    const single = await createKey('single line', ['SLC']);
    const placed = await post('/ingest', result('SC-NEW'), { 'X-Api-Key': single.secret });
    expect(placed.body.items[0]).toEqual({ index: 0, outcome: 'stored' });
    const plant = (await t.http('plant.list', {}, admin.token)).body as Plant;
    expect(plant.machines.find((machine) => machine.id === 'SC-NEW')?.lineId).toBe('SLC');

    const two = await createKey('two lines', ['SLA', 'SLB']);
    const refused = await post('/ingest', [result('SX-NEW')], { 'X-Api-Key': two.secret });
    expect(refused.body.items[0]).toMatchObject({ outcome: 'refused', field: 'machine_id' });
    expect(refused.body.items[0]!.reason).toMatch(/not registered; an admin registers it/);
  });

  it('refuses whole requests with one clear 4xx', async () => {
    const { secret } = await createKey('whole request', ['SLA']);
    const key = { 'X-Api-Key': secret };
    expect((await post('/ingest', result('SA-1'), {})).status).toBe(401);
    expect((await post('/ingest', result('SA-1'), { 'X-Api-Key': 'lwsk_nope' })).status).toBe(401);
    const notJson = await post('/ingest', null, key, '{"barcode": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toContain('not valid JSON');
    const tooMany = await post(
      '/ingest',
      Array.from({ length: 10_001 }, () => ({})),
      key,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('10,000');
    const huge = await post('/ingest', null, key, `[${'"x",'.repeat(4_300_000)}"x"]`);
    expect(huge.status).toBe(413);
    // A user's login is not a station key.
    const user = await post('/ingest', result('SA-1'), { Authorization: `Bearer ${admin.token}` });
    expect(user.status).toBe(403);
  });

  it('refuses a revoked key, and logs creation, revocation and refusal', async () => {
    const { secret, stationKey } = await createKey('to revoke', ['SLA']);
    expect((await post('/ingest', result('SA-1'), { 'X-Api-Key': secret })).status).toBe(200);
    const revoked = await t.http('stationKeys.revoke', { id: stationKey.id }, admin.token);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedBy: 'admin' });
    const after = await post('/ingest', result('SA-1'), { 'X-Api-Key': secret });
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('revoked');
    await vi.waitFor(
      async () => {
        expect(await events('stationKey.created', 'to revoke')).toHaveLength(1);
        expect(await events('stationKey.revoked', 'to revoke')).toHaveLength(1);
        expect(await events('stationKey.refused', 'to revoke')).toHaveLength(1);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('refuses a station key for every other API method, and logs it', async () => {
    const { secret } = await createKey('only ingest', ['SLA']);
    const forms: Record<string, string>[] = [
      { Authorization: `Bearer ${secret}` },
      { 'X-Api-Key': secret },
    ];
    for (const headers of forms) {
      const plant = await fetch(`${t.url}/api/plant`, { headers });
      expect(plant.status).toBe(403);
      expect(((await plant.json()) as { message: string }).message).toContain('station key');
      const list = await fetch(`${t.url}/api/station-keys`, { headers });
      expect(list.status).toBe(403);
      const create = await post('/api/station-keys', { name: 'x', lines: ['SLA'] }, headers);
      expect(create.status).toBe(403);
    }
    await vi.waitFor(
      async () => {
        const refused = await events('stationKey.refused', 'only ingest');
        expect(refused).toHaveLength(1);
        expect(refused[0]!.message).toContain('can only post test results');
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('logs use at most once a minute per key, with the counts', async () => {
    const { secret } = await createKey('busy station', ['SLA']);
    for (let i = 0; i < 3; i += 1) {
      expect((await post('/ingest', [result('SA-1')], { 'X-Api-Key': secret })).status).toBe(200);
    }
    await vi.waitFor(
      async () => {
        const used = await events('stationKey.used', 'busy station');
        expect(used).toHaveLength(1);
        expect(used[0]!.message).toContain('1 test result in 1 request: 1 stored');
      },
      { timeout: 10_000, interval: 100 },
    );
    const keys = (await t.http('stationKeys.list', {}, admin.token)).body as {
      name: string;
      lastUsedAt: string | null;
    }[];
    expect(keys.find((key) => key.name === 'busy station')?.lastUsedAt).not.toBeNull();
  });

  it('rate-limits each key: 429 with Retry-After, other keys unaffected', async () => {
    const { secret } = await createKey('too fast', ['SLA']);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof post>> | null = null;
    for (let i = 0; i < 30 && !limited; i += 1) {
      const answer = await post('/ingest', result('SA-1'), { 'X-Api-Key': secret });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect(Number(limited?.retryAfter)).toBeGreaterThanOrEqual(1);

    // Results count too: more than the item burst at once is refused whole.
    const other = await createKey('big batch', ['SLA']);
    const batch = Array.from({ length: 201 }, () => result('SA-1'));
    const big = await post('/ingest', batch, { 'X-Api-Key': other.secret });
    expect(big.status).toBe(429);
    expect(Number(big.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await resultsOf(batch[0]!.barcode)).toHaveLength(0);
    const fits = await post('/ingest', batch.slice(0, 200), { 'X-Api-Key': other.secret });
    expect(fits.body.stored).toBe(200);
  });

  it('runs the README’s curl example as written', async () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## HTTP ingest for test stations'));
    const command = /```sh\n(curl [\s\S]*?)\n```/.exec(section)?.[1];
    expect(command).toBeDefined();
    const { secret } = await createKey('readme station', ['SLR']);
    const { stdout } = await run('sh', ['-c', command!.replace('http://localhost:8080', t.url)], {
      env: { ...process.env, KEY: secret },
    });
    const answer = JSON.parse(stdout) as StationIngestAnswer;
    expect(answer.items[0]!.outcome).toMatch(/^(stored|duplicate)$/);
    const [stored] = await resultsOf('SN-1001');
    expect(stored).toMatchObject({ lineId: 'SLR', machineId: 'MACH-01' });
  });

  it('keeps ingest.submit (a login and {lineId, payload}) working on the same route', async () => {
    const item = result('SA-2');
    const { status, body } = await t.http(
      'ingest.submit',
      { lineId: 'SLA', payload: item },
      admin.token,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'stored' });
  });
});

describe('a buffering station posts a full array', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
  });
  afterAll(() => t.close());

  it('takes 10,000 results in one request, answered per item across transactions', async () => {
    const admin = await t.setupAdmin();
    await t.http('plant.saveMachine', { lineId: 'BUF', machineId: 'BUF-1' }, admin.token);
    const created = await t.http(
      'stationKeys.create',
      { name: 'buffering station', lines: ['BUF'] },
      admin.token,
    );
    const { secret } = created.body as CreatedStationKey;
    const at = new Date(t.clock.now() - 3_600_000).toISOString();
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      barcode: `SN-BUF-${i}`,
      machine_id: 'BUF-1',
      product_id: 'PROD-B',
      test_step: 'leak_test',
      // Every 1,000th is broken, so refusals fall into every transaction of the request.
      measured_value: i % 1000 === 999 ? 'n/a' : i / 100,
      timestamp: at,
    }));
    const started = performance.now();
    const response = await fetch(`${t.url}/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
      body: JSON.stringify(items),
    });
    const answer = (await response.json()) as StationIngestAnswer;
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(answer).toMatchObject({ stored: 9_990, duplicates: 0, refused: 10 });
    expect(answer.items).toHaveLength(10_000);
    expect(answer.items.map((item) => item.index)).toEqual(items.map((_, i) => i));
    const refusedAt = answer.items.filter((item) => item.outcome === 'refused').map((i) => i.index);
    expect(refusedAt).toEqual(Array.from({ length: 10 }, (_, k) => k * 1000 + 999));
    console.log(`10,000 results in one request: ${Math.round(elapsedMs)} ms`);
  });
});
