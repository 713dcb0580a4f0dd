/**
 * Entry of the embedded broker's process: aedes, away from the backend's main process. There
 * it shared one core with the subscriber, the live feed and the UI's IPC (about 9,900 msg/s
 * end to end); in a process of its own about 12,800. A broker crash also no longer takes the
 * backend with it: the backend starts a new one on the same port and the clients reconnect.
 */
import { parentChannel } from '../../process/parent-channel';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
import type { FromBroker, ToBroker } from './broker-protocol';
import type { Durability } from './persistence/broker-journal';

const { send, onMessage } = parentChannel<ToBroker, FromBroker>();

let broker: EmbeddedBroker | null = null;

onMessage((message) => {
  if (message.kind !== 'listen' || broker) return;
  const mode = benchMode();
  const persistence =
    message.persistenceFile && mode !== 'memory'
      ? { file: message.persistenceFile, durability: mode }
      : null;
  startEmbeddedBroker(message.port, message.host, persistence).then(
    (started) => {
      broker = started;
      send({ kind: 'listening', url: started.url, port: started.port });
    },
    (error: unknown) => {
      send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      setTimeout(() => process.exit(1), 100);
    },
  );
});

/**
 * On disk with every commit synced (`full`), unless a bench compares: `normal` (survives a
 * kill, not a power loss) or `memory` (aedes' in-memory default). Benches only.
 */
function benchMode(): Durability | 'memory' {
  const wanted = process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE;
  return wanted === 'normal' || wanted === 'memory' ? wanted : 'full';
}

async function finish(): Promise<void> {
  await broker?.close().catch(() => undefined);
  process.exit(0);
}

process.on('SIGTERM', () => void finish());
// Under Node the parent's death closes the IPC channel: no orphan keeps the port.
process.on('disconnect', () => void finish());
