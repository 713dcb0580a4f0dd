// The server bundle swaps the `debug` package for loggers that do nothing (scripts/quiet-debug.cjs:
// MQTT.js called debug's own check several times per message). DEBUG set at start must still give
// MQTT.js's own log, as it does for anyone debugging a broker connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureServerBundle, spawnServer } from '../../helpers/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-server-debug-'));

beforeAll(() => ensureServerBundle(), 120_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function outputWith(debug: string | undefined): Promise<string> {
  const before = process.env.DEBUG;
  if (debug === undefined) delete process.env.DEBUG;
  else process.env.DEBUG = debug;
  try {
    const server = await spawnServer([
      '--port',
      '0',
      '--embedded-broker-port',
      '0',
      '--data-dir',
      dataDir,
    ]);
    // MQTT.js logs its version when the subscriber is made, before the server listens; after
    // the exit every line it wrote is in.
    await server.stop();
    return server.output();
  } finally {
    if (before === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = before;
  }
}

it('prints MQTT.js debug lines only when DEBUG names them at start', async () => {
  expect(await outputWith('mqttjs:client')).toMatch(/mqttjs:client MqttClient :: version/);
  expect(await outputWith(undefined)).not.toMatch(/mqttjs:/);
});
