import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/backend/backend';
import { nodeLauncher } from '../../../src/backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../../../src/backend/reports/pdf/chromium-pdf-printer';
import { forkWithNode } from '../../../src/backend/process/node-fork';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import type { IngestStatus, Session } from '../../../src/shared/contract';
import { connectPublisher, probeUntilStored, publishBurst } from './support/publisher';
import { ResultsReader } from './support/results-db';
import { waitFor } from '../../helpers/wait';

/**
 * The embedded broker runs in a process of its own. If that process dies, the backend lives
 * on, starts a new broker on the same port, its subscriber reconnects, and what machines
 * publish after that is stored.
 */

const BROKER_ENTRY = join(process.cwd(), 'src/backend/ingest/broker/broker-process.ts');

let dataDir: string;
let backend: Backend;
let reader: ResultsReader;
let publisher: MqttClient | null = null;
const brokers: ChildProcess[] = [];
const logged: string[] = [];

/** Starts the process as the backend would, keeping each child so the test can kill it outright. */
const launchBroker = (): ProcessChannel =>
  forkWithNode(BROKER_ENTRY, (child) => brokers.push(child));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-broker-process-'));
  backend = await createBackend({
    dataDir,
    launcher: { ...nodeLauncher, broker: launchBroker },
    pdfPrinter: new ChromiumPdfPrinter(),
    bcryptCost: 4,
    log: (line) => logged.push(line),
    ingest: { broker: { url: '', topicRoot: 'factory' }, embeddedPort: 0 },
  });
  reader = new ResultsReader(dataDir);
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await backend.close();
  reader.close();
  for (const child of brokers) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('starts a new broker on the same port when its process dies, and ingest goes on', async () => {
  const setup = await backend.call(
    'setup.createFirstAdmin',
    { username: 'admin', displayName: 'Admin', password: 'a long test password' },
    null,
  );
  if (!setup.ok) throw new Error(setup.error.message);
  const { token } = setup.value as Session;
  const status = async () => {
    const answer = await backend.call('ingest.status', {}, token);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as IngestStatus;
  };
  const connected = await waitFor('the subscriber to connect', async () => {
    const current = await status();
    return current.state === 'connected' ? current : undefined;
  });
  expect(brokers).toHaveLength(1);

  publisher = await connectPublisher(connected.brokerUrl, 'broker-process-publisher');
  await publishBurst(publisher, 'BEFORE', 200);
  await waitFor('the first results to be stored', () =>
    reader.count('BEFORE') === 200 ? true : undefined,
  );

  brokers[0]!.kill('SIGKILL');
  await waitFor('a new broker process', () => (brokers.length === 2 ? true : undefined));
  await waitFor(
    'the subscriber to reconnect',
    async () => ((await status()).state === 'connected' ? true : undefined),
    { timeoutMs: 20_000 },
  );
  expect((await status()).brokerUrl).toBe(connected.brokerUrl);

  // The publisher reconnects on its own (MQTT.js), as a machine would.
  await waitFor('the publisher to reconnect', () => (publisher!.connected ? true : undefined), {
    timeoutMs: 20_000,
  });
  // Until the subscriber's new subscription is in place, the new broker has nobody to give a
  // message to: probe (the same message each time, stored once) until one arrives.
  await probeUntilStored(publisher, 'PROBE', () => reader.count('PROBE') === 1);
  await publishBurst(publisher, 'AFTER', 200);
  await waitFor('the results after the restart to be stored', () =>
    reader.count('AFTER') === 200 ? true : undefined,
  );
  expect(reader.distinct('BEFORE')).toBe(200);
  expect(logged.some((line) => /embedded broker's process ended/.test(line))).toBe(true);
});

it('says why when the embedded broker cannot listen, and the backend keeps answering', async () => {
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const address = squatter.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const otherDir = mkdtempSync(join(tmpdir(), 'linewatch-broker-taken-'));
  const other = await createBackend({
    dataDir: otherDir,
    launcher: nodeLauncher,
    pdfPrinter: new ChromiumPdfPrinter(),
    bcryptCost: 4,
    log: () => undefined,
    ingest: { broker: { url: '', topicRoot: 'factory' }, embeddedPort: port },
  });
  try {
    const setup = await other.call(
      'setup.createFirstAdmin',
      { username: 'admin', displayName: 'Admin', password: 'a long test password' },
      null,
    );
    if (!setup.ok) throw new Error(setup.error.message);
    const { token } = setup.value as Session;
    const offline = await waitFor('the broker failure to show', async () => {
      const answer = await other.call('ingest.status', {}, token);
      if (!answer.ok) throw new Error(answer.error.message);
      const current = answer.value as IngestStatus;
      return current.state === 'offline' ? current : undefined;
    });
    expect(offline.detail).toMatch(/embedded broker could not start: .*EADDRINUSE/);
    const events = await other.call('events.list', { limit: 20 }, token);
    expect(events.ok).toBe(true);
  } finally {
    await other.close();
    await new Promise((resolve) => squatter.close(resolve));
    rmSync(otherDir, { recursive: true, force: true });
  }
});
