import { existsSync, renameSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Aedes, type AedesOptions } from 'aedes';
import { matchEmptyTopicLevels } from './match-empty-levels';
import type { StoredPacket } from './persistence/aedes-parts';
import type { Durability } from './persistence/broker-journal';
import { SqlitePersistence } from './persistence/sqlite-persistence';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * aedes' emitter (mqemitter) lets `concurrency` messages be under way and queues the others.
 * When one under way completes, the next queued one starts within that call, and a message
 * nobody listens to (no subscriber online: the subscriber just cut off by aedes' drain
 * timeout, `$SYS` news of 200 machines reconnecting) completes within it too: each queued
 * message one level deeper, until "Maximum call stack size exceeded" ended the broker
 * (the 30-minute soak, tests/integration/ingest/embedded-broker-release-cascade.test.ts).
 * 0 turns the queue off: every message is routed as it arrives. What is under way stays
 * bounded all the same: a client's next read is parsed only when the messages of its last
 * one are delivered (aedes' `nextBatch`), and a client that stops reading is cut off after
 * aedes' drain timeout. One stuck subscriber then holds up only the publishers writing to
 * it, not every message of the plant.
 */
const UNQUEUED = 0;

/** Where the broker keeps its sessions and queues; null keeps them in memory (benches). */
export type BrokerPersistence = { file: string; durability?: Durability } | null;

/**
 * The MQTT broker Linewatch starts when none is configured, so the app and the simulator
 * work out of the box. Loopback only: machines on the floor use the plant's own broker.
 * Its sessions, subscriptions, queued messages, retained messages and wills are kept in a
 * file of its own (see persistence/sqlite-persistence.ts), so what it acknowledged survives
 * it being killed or the power going.
 */
export async function startEmbeddedBroker(
  port = 1883,
  host = '127.0.0.1',
  persistence: BrokerPersistence = null,
): Promise<EmbeddedBroker> {
  // Only aedes' in-memory persistence needs its trie patched; the disk one matches empty
  // levels of its own accord.
  if (!persistence) matchEmptyTopicLevels();
  const onDisk = persistence ? openPersistence(persistence) : null;
  const broker = await Aedes.createBroker({
    queueLimit: 1_000_000,
    concurrency: UNQUEUED,
    ...(onDisk ? { persistence: onDisk, authorizePublish: storeBeforePuback(onDisk) } : {}),
  });
  const server: Server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await onDisk?.destroy();
    throw error;
  }
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://${host}:${boundPort}`,
    port: boundPort,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // aedes does not close its persistence; this commits what is pending.
      await onDisk?.destroy();
    },
  };
}

/**
 * A damaged file must not keep the plant's broker down: it is set aside (with its WAL) for
 * whoever wants to look into it, and the broker starts with a new one. What it held is lost,
 * as it was with every restart before the broker had a file.
 */
function openPersistence(options: { file: string; durability?: Durability }): SqlitePersistence {
  try {
    return new SqlitePersistence(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw error;
    const aside = `${options.file}.damaged-${process.pid}-${Math.round(performance.now())}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(options.file + suffix)) renameSync(options.file + suffix, aside + suffix);
    }
    console.error(
      `the embedded broker's file ${options.file} is damaged (${(error as Error).message}); ` +
        `it was moved to ${aside} and the broker starts with a new one`,
    );
    return new SqlitePersistence(options);
  }
}

/**
 * aedes' default check (clients may not publish to `$SYS/`), then, for a client's QoS 1
 * message, the wait until it is on disk: aedes sends PUBACK as soon as this answers.
 */
function storeBeforePuback(
  persistence: SqlitePersistence,
): NonNullable<AedesOptions['authorizePublish']> {
  return (client, packet, callback) => {
    if (packet.topic.startsWith('$SYS/')) {
      callback(new Error('$SYS/ topic is reserved'));
    } else if (client && packet.qos === 1) {
      persistence
        .holdUntilDurable(packet as unknown as StoredPacket)
        .then(() => callback(null), callback);
    } else {
      callback(null);
    }
  };
}
