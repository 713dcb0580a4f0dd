import mqtt from 'mqtt';
import { randomBytes } from 'node:crypto';
import type { BrokerSettings } from './broker-settings';
import { readBrokerTls } from './broker-tls';

/** Tries one connection (5 s at most, no retries, a throw-away client id) and says how it went. */
export async function testBrokerConnection(
  settings: BrokerSettings & { url: string },
): Promise<{ ok: boolean; message: string }> {
  let tls: ReturnType<typeof readBrokerTls>;
  try {
    tls = readBrokerTls(settings);
  } catch (error) {
    return { ok: false, message: `Cannot read a certificate file: ${(error as Error).message}` };
  }
  const started = performance.now();
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
        resolve({
          ok: true,
          message: `Connected in ${Math.round(performance.now() - started)} ms`,
        });
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
