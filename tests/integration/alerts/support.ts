import mqtt from 'mqtt';
import type { Alert, EventRecord } from '../../../src/shared/contract';
import type { TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

export async function connectMachine(t: TestServer, adminToken: string): Promise<mqtt.MqttClient> {
  await waitFor('ingest to connect', async () => {
    const status = (await t.http('ingest.status', {}, adminToken)).body as { state: string };
    return status.state === 'connected' ? true : undefined;
  });
  const status = (await t.http('ingest.status', {}, adminToken)).body as { brokerUrl: string };
  return mqtt.connectAsync(status.brokerUrl);
}

export const publish = (client: mqtt.MqttClient, topic: string, body: unknown) =>
  client.publishAsync(`factory/${topic}`, JSON.stringify(body), { qos: 1 });

/** Waits until ingest has stored at least this many messages in total. */
export const storedAtLeast = (t: TestServer, token: string, count: number) =>
  waitFor(`${count} stored messages`, async () => {
    const status = (await t.http('ingest.status', {}, token)).body as {
      counters: { stored: number };
    };
    return status.counters.stored >= count ? true : undefined;
  });

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
  waitFor(`an alert for ${key}`, async () => {
    const found = (await alerts(t, token, { view: 'history', ...query })).find(
      (alert) => alert.conditionKey === key,
    );
    return found;
  });

export async function events(t: TestServer, token: string, type: string): Promise<EventRecord[]> {
  const { body } = await t.http('events.list', { type, limit: 500 }, token);
  return (body as { events: EventRecord[] }).events;
}
