import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert, Session, TopicName } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { openLive, type LiveFeed } from './live-client';

/**
 * The hostile paths of the scope rule, run as each role against a real server (embedded
 * broker, store process, HTTP, WebSocket): every answer, live item, event and dead letter a
 * user receives is searched for ids and values outside their scope.
 *
 * Plant: LINE-A (MA1, MA2) and LINE-B (MB1, MB2). The engineer has LINE-A; the operator MA1.
 * Line B's results carry the barcode prefix SECRET-B and the value 777.125; MA2's SECRET-A2.
 */
const REPORT_FOLDER = '/srv/linewatch-secret-reports';
const LIVE_TOPICS: TopicName[] = ['alerts.changed', 'events.appended', 'ingest.status'];

describe('nothing outside a user scope, on the hostile paths', () => {
  let t: TestServer;
  let admin: Session;
  let engineer: Session;
  let operator: Session;
  let machines: mqtt.MqttClient;
  const feeds = new Map<string, LiveFeed>();
  /** Every answer each user got, as text, with what was asked (for the failure message). */
  const seen = new Map<string, { what: string; text: string }[]>();
  let baseMs = 0;

  const note = (user: string, what: string, body: unknown) => {
    const list = seen.get(user) ?? [];
    list.push({ what, text: JSON.stringify(body) });
    seen.set(user, list);
  };
  const ask = async (
    user: string,
    token: string,
    method: Parameters<TestServer['http']>[0],
    input: unknown,
  ) => {
    const answer = await t.http(method, input, token);
    note(user, `${method} ${JSON.stringify(input)} → ${answer.status}`, answer.body);
    return answer;
  };
  const result = (machineId: string, barcode: string, value: number, minute: number) =>
    JSON.stringify({
      barcode,
      machine_id: machineId,
      product_id: 'PROD-Q',
      test_step: 'leak_test',
      measured_value: value,
      timestamp: new Date(baseMs + minute * 60_000).toISOString(),
    });
  const count = async (barcodePrefix: string) =>
    (
      (await t.http('results.list', { limit: 500, productId: 'PROD-Q' }, admin.token)).body as {
        results: { barcode: string }[];
      }
    ).results.filter((r) => r.barcode.startsWith(barcodePrefix)).length;

  beforeAll(async () => {
    t = await startTestServer({ ingest: true, flushMs: 50 });
    baseMs = t.clock.now() - 60 * 60_000;
    admin = await t.setupAdmin();
    for (const [lineId, machineId] of [
      ['LINE-A', 'MA1'],
      ['LINE-A', 'MA2'],
      ['LINE-B', 'MB1'],
      ['LINE-B', 'MB2'],
    ]) {
      const saved = await t.http('plant.saveMachine', { lineId, machineId }, admin.token);
      expect(saved.status).toBe(200);
    }
    engineer = await t.createUser(admin.token, 'eng-a', 'engineer', {
      lines: ['LINE-A'],
      machines: [],
    });
    operator = await t.createUser(admin.token, 'op-a1', 'operator', {
      lines: [],
      machines: ['MA1'],
    });
    const folder = await t.http(
      'settings.update',
      { shiftReportFolder: REPORT_FOLDER },
      admin.token,
    );
    expect(folder.status).toBe(200);
    const spec = await t.http(
      'specs.save',
      { productId: 'PROD-Z', testStep: 'leak_test', lower: 0, upper: 10 },
      admin.token,
    );
    expect(spec.status).toBe(200);
    for (const [name, session] of [
      ['eng-a', engineer],
      ['op-a1', operator],
      ['admin', admin],
    ] as const) {
      const feed = await openLive(t.url, session.token, LIVE_TOPICS);
      expect(feed.reply.type).toBe('subscribed');
      feeds.set(name, feed);
    }

    // Line B's machine MB2 is the first to report PROD-Q without limits (the alert's first
    // sender); then line A and B results and a limits version saved by the admin.
    const status = (await t.http('ingest.status', {}, admin.token)).body as { brokerUrl: string };
    machines = await mqtt.connectAsync(status.brokerUrl);
    await machines.publishAsync(
      'factory/LINE-B/MB2/test',
      result('MB2', 'SECRET-B-1', 777.125, 0),
      { qos: 1 },
    );
    await vi.waitFor(async () => expect(await count('SECRET-B')).toBe(1), { timeout: 10_000 });
    await machines.publishAsync(
      'factory/LINE-B/MB1/test',
      result('MB1', 'SECRET-B-2', 777.125, 1),
      { qos: 1 },
    );
    await machines.publishAsync('factory/LINE-A/MA2/test', result('MA2', 'SECRET-A2-1', 5, 2), {
      qos: 1,
    });
    await machines.publishAsync('factory/LINE-A/MA1/test', result('MA1', 'OWN-A1-1', 5, 3), {
      qos: 1,
    });
    await vi.waitFor(
      async () => {
        expect(await count('SECRET-B')).toBe(2);
        expect(await count('SECRET-A2')).toBe(1);
        expect(await count('OWN-A1')).toBe(1);
      },
      { timeout: 10_000 },
    );
  });

  afterAll(async () => {
    for (const feed of feeds.values()) feed.close();
    await machines?.endAsync();
    await t?.close();
  });

  it('the engineer of line A: answers name MB1 only as given and never line B', async () => {
    const who = 'eng-a';
    const token = engineer.token;
    const alerts = (await ask(who, token, 'alerts.list', { view: 'active' })).body as {
      alerts: Alert[];
    };
    const noSpec = alerts.alerts.find((alert) => alert.source === 'no_spec');
    expect(noSpec, 'the plant-wide no-spec alert is shown to everyone').toBeDefined();
    await ask(who, token, 'alerts.acknowledge', { id: noSpec!.id, comment: 'seen' });
    await ask(who, token, 'specs.preview', {
      productId: 'PROD-Q',
      testStep: 'leak_test',
      lower: 0,
      upper: 10,
      hours: 24,
    });
    // Naming another line's machine over HTTP and over MQTT.
    await ask(who, token, 'ingest.submit', {
      lineId: 'LINE-A',
      payload: JSON.parse(result('MB1', 'HOSTILE-1', 1, 4)) as Record<string, unknown>,
    });
    await machines.publishAsync('factory/LINE-A/MB1/test', result('MB1', 'HOSTILE-2', 1, 5), {
      qos: 1,
    });
    await vi.waitFor(
      async () => {
        const page = (await t.http('deadLetters.list', {}, token)).body as {
          deadLetters: { payloadText: string }[];
        };
        expect(page.deadLetters.some((d) => d.payloadText.includes('HOSTILE-2'))).toBe(true);
      },
      { timeout: 10_000 },
    );
    await ask(who, token, 'deadLetters.list', {});
    await ask(who, token, 'deadLetters.reasons', {});
    await ask(who, token, 'events.list', { limit: 500 });
    await ask(who, token, 'results.list', { limit: 500 });
    await ask(who, token, 'alerts.list', { view: 'history' });
    await ask(who, token, 'reports.build', {
      type: 'alarm',
      from: new Date(baseMs - 60_000).toISOString(),
      to: new Date(t.clock.now() + 60_000).toISOString(),
      format: 'json',
    });

    expectNone(who, ['LINE-B', 'MB2', 'SECRET-B', '777.125']);
    // The engineer saw the alert, own results and the refusal (so the search had material).
    const answers = collected(who);
    expect(answers).toContain('No spec limits for PROD-Q leak_test');
    expect(answers).toContain('SECRET-A2-1');
    expect(answers).toContain('machine MB1 is registered to another line');
  });

  it('the operator of MA1: only MA1, no plant-wide counters, paths or spec authors', async () => {
    const who = 'op-a1';
    const token = operator.token;
    const settings = (await ask(who, token, 'settings.get', {})).body as Record<string, unknown>;
    expect(settings).not.toHaveProperty('shiftReportFolder');
    expect(settings).toHaveProperty('idleLockMinutes');
    const status = (await ask(who, token, 'ingest.status', {})).body as { counters: unknown };
    expect(status.counters).toBeNull();
    const specs = (await ask(who, token, 'specs.list', {})).body as { createdBy: unknown }[];
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.every((s) => s.createdBy === null)).toBe(true);
    const alerts = (await ask(who, token, 'alerts.list', { view: 'history' })).body as {
      alerts: Alert[];
    };
    const noSpec = alerts.alerts.find((alert) => alert.source === 'no_spec');
    expect(noSpec).toBeDefined();
    await ask(who, token, 'alerts.acknowledge', { id: noSpec!.id });
    await ask(who, token, 'events.list', { limit: 500 });
    await ask(who, token, 'results.list', { limit: 500 });
    await ask(who, token, 'specs.preview', {
      productId: 'PROD-Q',
      testStep: 'leak_test',
      lower: 0,
      upper: 10,
      hours: 24,
    });
    await ask(who, token, 'deadLetters.list', {});
    await ask(who, token, 'deadLetters.reasons', {});
    // The live ingest status the operator gets carries no counters either.
    const feed = feeds.get(who)!;
    await feed.until(() => feed.items('ingest.status').length > 0, 10_000);
    expect(
      feed.items<{ counters: unknown }>('ingest.status').every((s) => s.counters === null),
    ).toBe(true);

    expect(collected(who)).toContain('OWN-A1-1');
    expectNone(who, [
      'LINE-B',
      'MB1',
      'MB2',
      'MA2',
      'SECRET-B',
      'SECRET-A2',
      '777.125',
      REPORT_FOLDER,
    ]);
  });

  it('the admin sees all of it (the search finds what is there)', async () => {
    const who = 'admin';
    await ask(who, admin.token, 'results.list', { limit: 500 });
    await ask(who, admin.token, 'settings.get', {});
    await ask(who, admin.token, 'deadLetters.list', {});
    const specs = (await ask(who, admin.token, 'specs.list', {})).body as { createdBy: unknown }[];
    expect(specs.some((s) => s.createdBy === 'admin')).toBe(true);
    const status = (await ask(who, admin.token, 'ingest.status', {})).body as { counters: unknown };
    expect(status.counters).not.toBeNull();
    const answers = collected(who);
    for (const id of ['LINE-B', 'MB2', 'SECRET-B', '777.125', 'SECRET-A2', REPORT_FOLDER]) {
      expect(answers, id).toContain(id);
    }
  });

  /** Everything the user received: HTTP answers and every live item so far. */
  function collected(user: string): string {
    const live = feeds.get(user)!;
    return [
      ...(seen.get(user) ?? []).map((answer) => answer.text),
      ...LIVE_TOPICS.map((topic) => JSON.stringify(live.items(topic))),
    ].join('\n');
  }

  function expectNone(user: string, forbidden: string[]): void {
    const live = feeds.get(user)!;
    const places = [
      ...(seen.get(user) ?? []),
      ...LIVE_TOPICS.map((topic) => ({
        what: `live ${topic}`,
        text: JSON.stringify(live.items(topic)),
      })),
    ];
    const leaks = places.flatMap((place) =>
      forbidden
        .filter((id) => place.text.includes(id))
        .map((id) => `${id} in ${place.what}: …${excerpt(place.text, id)}…`),
    );
    expect(leaks).toEqual([]);
  }
});

function excerpt(text: string, id: string): string {
  const at = text.indexOf(id);
  return text.slice(Math.max(0, at - 80), at + id.length + 80);
}
