import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerConfigView, IngestStatus, Session } from '../../../src/shared/contract';
import { freePort, startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startTestServer, type TestServer } from '../../helpers/test-backend';
import { waitFor } from '../../helpers/wait';

describe('an admin points Linewatch at another broker', () => {
  let t: TestServer;
  let admin: Session;
  let mosquitto: Mosquitto;

  const status = async () => (await t.http('ingest.status', {}, admin.token)).body as IngestStatus;

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
  });
  afterAll(async () => {
    await t.close();
    await mosquitto.dispose();
  });

  it('starts on the embedded broker by default', async () => {
    const config = (await t.http('broker.get', {}, admin.token)).body as BrokerConfigView;
    expect(config).toMatchObject({ url: '', source: 'embedded default', hasPassword: false });
    expect((await status()).embedded).toBe(true);
  });

  it('tests a connection without changing anything', async () => {
    const good = await t.http('broker.test', { url: mosquitto.url }, admin.token);
    expect(good.body).toMatchObject({ ok: true });
    const closedPort = await freePort();
    const bad = await t.http('broker.test', { url: `mqtt://127.0.0.1:${closedPort}` }, admin.token);
    expect(bad.body).toMatchObject({ ok: false });
    const missingCa = await t.http(
      'broker.test',
      { url: 'mqtts://127.0.0.1:8883', caFile: '/nonexistent/ca.pem' },
      admin.token,
    );
    expect((missingCa.body as { message: string }).message).toContain('certificate file');
    expect((await status()).embedded).toBe(true);
  });

  it('refuses a URL that is not MQTT, naming the field', async () => {
    const refused = await t.http('broker.save', { url: 'http://example.test' }, admin.token);
    expect(refused.status).toBe(400);
    expect((refused.body as { issues: { path: string }[] }).issues[0]!.path).toBe('url');
  });

  it('switches to the external broker, stores from it, and keeps the password private', async () => {
    const saved = await t.http(
      'broker.save',
      { url: mosquitto.url, username: 'linewatch', password: 'broker secret' },
      admin.token,
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ url: mosquitto.url, hasPassword: true, source: 'settings' });
    expect(JSON.stringify(saved.body)).not.toContain('broker secret');
    await waitFor('a connection to mosquitto', async () => {
      const s = await status();
      return s.brokerUrl === mosquitto.url && s.state === 'connected';
    });
    const publisher = await mqtt.connectAsync(mosquitto.url);
    await publisher.publishAsync(
      'factory/L-1/M-1/test',
      JSON.stringify({
        barcode: 'SN-EXT-1',
        machine_id: 'M-1',
        product_id: 'P',
        test_step: 's',
        measured_value: 1,
        timestamp: Date.now(),
      }),
      { qos: 1 },
    );
    await publisher.endAsync();
    await waitFor('the result from mosquitto', async () => {
      const { body } = await t.http('results.list', { barcode: 'SN-EXT-1' }, admin.token);
      return (body as { results: unknown[] }).results.length === 1;
    });
    const events = (await t.http('events.list', { type: 'broker.configured' }, admin.token))
      .body as {
      events: { message: string; details: Record<string, unknown> }[];
    };
    expect(events.events[0]!.message).toContain(mosquitto.url);
    expect(JSON.stringify(events.events)).not.toContain('broker secret');
  });

  it('goes back to the embedded broker, without the external credentials', async () => {
    const saved = await t.http('broker.save', { url: '' }, admin.token);
    expect(saved.body).toMatchObject({ url: '', hasPassword: false, username: null });
    await waitFor('the embedded broker', async () => {
      const s = await status();
      return s.embedded && s.state === 'connected';
    });
  });
});
