import mqtt from 'mqtt';
import type { Alert, EventRecord } from '../../../src/shared/contract';
import type { TestServer } from '../../helpers/test-backend';

/** Polls until the probe returns a value; alerts are raised by ingest, a moment after publishing. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function connectMachine(t: TestServer, adminToken: string): Promise<mqtt.MqttClient> {
  await until(async () => {
    const status = (await t.http('ingest.status', {}, adminToken)).body as { state: string };
    return status.state === 'connected' ? true : undefined;
  }, 'ingest to connect');
  const status = (await t.http('ingest.status', {}, adminToken)).body as { brokerUrl: string };
  return mqtt.connectAsync(status.brokerUrl);
}

export const publish = (client: mqtt.MqttClient, topic: string, body: unknown) =>
  client.publishAsync(`factory/${topic}`, JSON.stringify(body), { qos: 1 });

/** Waits until ingest has stored at least this many messages in total. */
export const storedAtLeast = (t: TestServer, token: string, count: number) =>
  until(async () => {
    const status = (await t.http('ingest.status', {}, token)).body as {
      counters: { stored: number };
    };
    return status.counters.stored >= count ? true : undefined;
  }, `${count} stored messages`);

export async function alerts(
  t: TestServer,
  token: string,
  query: Record<string, unknown> = {},
): Promise<Alert[]> {
  const { status, body } = await t.http('alerts.list', { limit: 500, ...query }, token);
  if (status !== 200) throw new Error(`alerts.list answered ${status}: ${JSON.stringify(body)}`);
  return (body as { alerts: Alert[] }).alerts;
}

export const alertOf = (t: TestServer, token: string, key: string, query = {}) =>
  until(async () => {
    const found = (await alerts(t, token, { view: 'history', ...query })).find(
      (alert) => alert.conditionKey === key,
    );
    return found;
  }, `an alert for ${key}`);

export async function events(t: TestServer, token: string, type: string): Promise<EventRecord[]> {
  const { body } = await t.http('events.list', { type, limit: 500 }, token);
  return (body as { events: EventRecord[] }).events;
}
