import { join } from 'node:path';
import type { BrokerControl } from '../api/handlers/broker';
import { IngestService, type IngestOptions } from '../ingest/ingest-service';
import type { LiveHub } from '../live/live-hub';
import type { MachineMonitor } from '../machines/machine-monitor';
import type { PlantRegistry } from '../plant/plant-registry';
import type { BackgroundLauncher } from '../process/launchers';
import type { Supervisor } from '../process/supervisor';
import type { StoreClient } from '../store/store-client';
import type { ProcessEnded } from './start-store';

/** The embedded broker's sessions and queued messages, beside the database. */
export const BROKER_FILE = 'broker.sqlite';

export interface IngestParts {
  store: StoreClient;
  hub: LiveHub;
  plant: PlantRegistry;
  monitor: MachineMonitor;
  launcher: BackgroundLauncher;
  supervisor: Supervisor;
  processEnded: ProcessEnded;
  dataDir: string;
  log: (line: string) => void;
  now: () => number;
}

/**
 * Builds ingest: which broker (the command line decides if it names one; otherwise what an
 * admin saved; otherwise the embedded broker), where its results and machine updates go
 * (the live hub, the machine monitor), and how the broker handlers may change it.
 */
export async function createIngest(
  ingestOptions: IngestOptions | null | undefined,
  parts: IngestParts,
): Promise<{ ingest: IngestService; broker: BrokerControl }> {
  const { store, hub, plant, monitor } = parts;
  const commandLineBroker = ingestOptions?.broker.url ? ingestOptions.broker : null;
  const savedBroker = commandLineBroker ? null : await store.savedBroker();
  const options = ingestOptions
    ? {
        ...ingestOptions,
        broker: commandLineBroker ?? savedBroker ?? ingestOptions.broker,
        embeddedBrokerFile: join(parts.dataDir, BROKER_FILE),
      }
    : { broker: { url: '', topicRoot: 'factory' }, embeddedPort: 1883 };
  const ingest = new IngestService(
    store,
    options,
    (status) => hub.publish('ingest.status', status),
    (results) => results.forEach((result) => hub.publish('results.appended', result)),
    (updates) => {
      if (updates.some((update) => plant.lineOf(update.machineId) === undefined))
        void plant.refresh();
      monitor.apply(updates);
    },
    parts.log,
    () => parts.launcher.broker(),
    parts.now,
    {
      supervisor: parts.supervisor,
      restarted: (why) =>
        void parts.processEnded(
          'broker',
          why,
          'restarted',
          'a new one was started on the same port',
        ),
    },
  );
  const broker: BrokerControl = {
    fromCommandLine: commandLineBroker,
    // Without ingest (API tests) the setting is only stored.
    apply: async (settings) => {
      if (ingestOptions) await ingest.reconfigure(settings);
    },
  };
  return { ingest, broker };
}
