import { RUNNING_FROM_SOURCE } from '../process/node-fork';
import { PROCESS_TITLES, type BackgroundLauncher, type ProcessName } from '../process/launchers';
import type { Supervisor } from '../process/supervisor';
import { superviseStore, type StoreClient } from '../store/store-client';
import type { SparkplugSetup } from '../store/sparkplug-ingest';

/** A background process ended unexpectedly: an event and a high alert, naming it and why. */
export type ProcessEnded = (
  name: ProcessName,
  why: string,
  outcome: 'restarted' | 'failed',
  then: string,
) => Promise<void>;

/** What the rest of the backend tells a restarted store, once ingest exists. */
export interface StoreRestartHooks {
  /** The topic root a fresh store must know before it stores anything (with ingest). */
  topicRoot: (() => string) | null;
  /** The Sparkplug B topic root and host session it must know too (null: Sparkplug is off). */
  sparkplug: () => SparkplugSetup | null;
  /** The store serves calls again: ingest resumes. */
  storeIsBack: () => void;
}

export interface StartedStore {
  store: StoreClient;
  processEnded: ProcessEnded;
  /** Sets what a restart does beyond recording it (ingest is built after the store). */
  onRestart(hooks: StoreRestartHooks): void;
}

export interface StartStoreOptions {
  launcher: BackgroundLauncher;
  supervisor: Supervisor;
  databasePath: string;
  migrationsDir?: string;
  /** Tests only: a simulated full disk (store/page-limit-file.ts). */
  pageLimitFile?: string;
  log: (line: string) => void;
  now: () => number;
}

/**
 * Starts the store process under the supervisor, and gives the way every background process's
 * unexpected end is recorded (an event and an alert, written by the store).
 */
export async function startStore(options: StartStoreOptions): Promise<StartedStore> {
  const { log, now } = options;
  let hooks: StoreRestartHooks = {
    topicRoot: null,
    sparkplug: () => null,
    storeIsBack: () => undefined,
  };
  const processEnded: ProcessEnded = async (name, why, outcome, then) => {
    const message = `The ${PROCESS_TITLES[name]} ended unexpectedly (${why}); ${then}`;
    await store
      .recordProcessEnd({ process: name, why, outcome, message }, now())
      .catch((error: unknown) =>
        log(`could not record the end of the ${name} process: ${String(error)}`),
      );
  };
  const store: StoreClient = await superviseStore(
    {
      supervisor: options.supervisor,
      launch: () => options.launcher.store(),
      // The injected clock travels with each call: the store stamps with the backend's "now".
      now: options.now,
      log,
      // A spare only where a cold start is slow: from source. Built (the server, the desktop
      // app) a restart starts a new store at once, and idle memory stays small.
      keepSpare: RUNNING_FROM_SOURCE,
      prepare: async (fresh) => {
        if (hooks.topicRoot) await fresh.setTopicRoot(hooks.topicRoot());
        await fresh.setSparkplug(hooks.sparkplug());
      },
      restarted: async (_store, why) => {
        await processEnded(
          'store',
          why,
          'restarted',
          'it was restarted, and calls made meanwhile were refused as "the store is restarting"',
        );
        hooks.storeIsBack();
      },
    },
    options.databasePath,
    options.migrationsDir,
    options.pageLimitFile,
  );
  return { store, processEnded, onRestart: (next) => (hooks = next) };
}
