import mqtt from 'mqtt';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrokerSettings } from './broker-settings';

/** Tries one connection (5 s at most, no retries, a throw-away client id) and says how it went. */
export async function testBrokerConnection(
  settings: BrokerSettings & { url: string },
): Promise<{ ok: boolean; message: string }> {
  let tls: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  try {
    tls = {
      ca: settings.caFile ? readFileSync(settings.caFile) : undefined,
      cert: settings.certFile ? readFileSync(settings.certFile) : undefined,
      key: settings.keyFile ? readFileSync(settings.keyFile) : undefined,
    };
  } catch (error) {
    return { ok: false, message: `Cannot read a certificate file: ${(error as Error).message}` };
  }
  const started = Date.now();
  const client = mqtt.connect(settings.url, {
    clientId: `linewatch-test-${randomBytes(4).toString('hex')}`,
    clean: true,
    connectTimeout: 5000,
    reconnectPeriod: 0,
    username: settings.username,
    password: settings.password,
    ...tls,
  });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, message: 'No answer within 5 s' }), 5500);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve({ ok: true, message: `Connected in ${Date.now() - started} ms` });
      });
      client.once('error', (error) => {
        clearTimeout(timer);
        resolve({ ok: false, message: error.message });
      });
      client.once('close', () => {
        clearTimeout(timer);
        resolve({ ok: false, message: 'The broker closed the connection' });
      });
    });
  } finally {
    client.end(true);
  }
}
