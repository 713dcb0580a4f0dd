import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forkWithNode } from '../../../src/backend/process/node-fork';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import type { FromBroker, ToBroker } from '../../../src/backend/ingest/broker/broker-protocol';
import { waitFor } from '../../helpers/wait';

/**
 * The soak's broker crash ("Maximum call stack size exceeded", exit 70): aedes hands each
 * message to its emitter (mqemitter), which lets 100 be under way and queues the rest. When
 * one under way completes, the next queued one starts in the same call, and a message nobody
 * listens to completes at once, in that call too: a queue of such messages (here one socket
 * read of a publisher; in the soak everything 200 reconnecting machines sent while the
 * subscriber was cut off by aedes' drain timeout) recursed once per message until the stack
 * ran out. The broker runs here in its own process, as in the app, on its file.
 */

const BROKER_ENTRY = join(process.cwd(), 'src/backend/ingest/broker/broker-process.ts');
/** Messages that take a slot until the subscriber's write completes. */
const HEARD = 200;
/** Messages nobody subscribed to, queued behind them in one read of the socket. */
const UNHEARD = 30_000;

let dataDir: string;
let channel: ProcessChannel;
let child: ChildProcess | null = null;
let exited: string | null = null;
let url = '';
let subscriber: MqttClient | null = null;
let raw: Socket | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-broker-cascade-'));
  channel = forkWithNode(BROKER_ENTRY, (started) => (child = started));
  channel.onExit((code, signal) => (exited = `exit ${code ?? ''} ${signal ?? ''}`));
  url = await new Promise<string>((resolve, reject) => {
    channel.onMessage((message) => {
      const answer = message as FromBroker;
      if (answer.kind === 'listening') resolve(answer.url);
      else reject(new Error(answer.message));
    });
    const listen: ToBroker = {
      kind: 'listen',
      port: 0,
      host: '127.0.0.1',
      persistenceFile: join(dataDir, 'broker.sqlite'),
    };
    channel.postMessage(listen);
  });
});

afterAll(async () => {
  raw?.destroy();
  await subscriber?.endAsync(true);
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('lives through a long queue of messages nobody listens to, and delivers the others', async () => {
  subscriber = await mqtt.connectAsync(url, { clientId: 'cascade-subscriber', protocolVersion: 4 });
  let heard = 0;
  subscriber.on('message', () => heard++);
  await subscriber.subscribeAsync('heard/#', { qos: 0 });

  // One write, so that the broker reads it in as few chunks as the socket allows and
  // dispatches every message of a chunk at once, as it does with a machine's burst.
  const packets: Buffer[] = [connectPacket('cascade-publisher')];
  for (let i = 0; i < HEARD; i++) packets.push(publishPacket('heard/x', 'h'));
  for (let i = 0; i < UNHEARD; i++) packets.push(publishPacket('unheard/x', 'u'));
  packets.push(publishPacket('heard/last', 'l'));
  packets.push(Buffer.from([0xe0, 0x00])); // DISCONNECT
  const [host, port] = new URL(url).host.split(':');
  raw = connect(Number(port), host);
  raw.on('error', () => undefined);
  raw.write(Buffer.concat(packets));

  // The last message comes after the queue: it arrives only if the broker got through it.
  await waitFor('the message after the queue', () =>
    heard === HEARD + 1 || exited !== null ? true : undefined,
  );
  expect(exited).toBeNull();
  expect(heard).toBe(HEARD + 1);
});

/** MQTT 3.1.1 CONNECT, clean session, no credentials. */
function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const body = Buffer.concat([
    Buffer.from([0x00, 0x04, ...Buffer.from('MQTT'), 0x04, 0x02, 0x00, 0x3c]),
    Buffer.from([id.length >> 8, id.length & 0xff]),
    id,
  ]);
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

/** QoS 0 PUBLISH (short enough for a one-byte remaining length). */
function publishPacket(topic: string, payload: string): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const body = Buffer.concat([
    Buffer.from([name.length >> 8, name.length & 0xff]),
    name,
    Buffer.from(payload, 'utf8'),
  ]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
