import type { IngestStatus, TestResult } from '../../shared/contract';
import type {
  IngestSummary,
  MachineUpdate,
  MessageOutcome,
  RawMessage,
} from '../store/ingest-messages';
import type { StoreClient } from '../store/store-client';
import type { SparkplugSetup } from '../store/sparkplug-ingest';
import { randomUUID } from 'node:crypto';
import type { CommandPublisher, SparkplugCommandRoute } from '../machines/command-service';
import type { ProcessChannel } from '../process/channel';
import type { EmbeddedBroker } from './broker/embedded-broker';
import { startBrokerProcess, type BrokerSupervision } from './broker/broker-process-client';
import type { BrokerSettings } from './broker/broker-settings';
import { BrokerSubscriber } from './broker/broker-subscriber';
import { SparkplugHost } from './sparkplug/sparkplug-host';

/** Messages per transaction for HTTP ingest: the broker's batches are 2,000 at most, too. */
const SUBMIT_CHUNK = 2000;

export interface IngestOptions {
  broker: BrokerSettings;
  /** Port of the embedded broker when `broker.url` is empty; 0 picks a free one. */
  embeddedPort: number;
  /** Only these lines' topics are read (a server limited with --lines); absent or empty: all. */
  lines?: readonly string[];
  /** The embedded broker's own file (sessions, queues); without it they are kept in memory. */
  embeddedBrokerFile?: string;
}

/**
 * Runs ingestion: starts the embedded broker when no broker is configured, connects the
 * subscriber, feeds batches to the store process, and reports the connection state (event
 * log and live status) whenever it changes.
 */
export class IngestService {
  private embedded: EmbeddedBroker | null = null;
  private subscriber: BrokerSubscriber | null = null;
  /** The Sparkplug B host application, when the broker setting turns it on. */
  private sparkplug: SparkplugHost | null = null;
  /** Broker state events, written in order; stop() waits for them before the store closes. */
  private recording: Promise<void> = Promise.resolve();
  private status: IngestStatus;
  private readonly stateListeners: ((status: IngestStatus) => void)[] = [];
  /** This run's Sparkplug host session (see sparkplugSetup). */
  private readonly hostSession = randomUUID();

  constructor(
    private readonly store: StoreClient,
    private options: IngestOptions,
    private readonly publishStatus: (status: IngestStatus) => void,
    private readonly publishResults: (results: TestResult[]) => void,
    private readonly machineUpdates: (updates: MachineUpdate[]) => void,
    private readonly log: (line: string) => void,
    /** Starts the embedded broker's process (see broker-process.ts). */
    private readonly launchBroker: () => ProcessChannel,
    /** The injected clock: when each message was received. */
    private readonly now: () => number,
    /** Keeps the embedded broker's process running (the backend's supervisor). */
    private readonly brokerSupervision?: BrokerSupervision,
  ) {
    this.status = {
      brokerUrl: options.broker.url,
      embedded: options.broker.url === '',
      state: 'stopped',
      detail: '',
      since: new Date(now()).toISOString(),
      waiting: 0,
      counters: { received: 0, stored: 0, duplicates: 0, deadLettered: 0 },
    };
  }

  current(): IngestStatus {
    return this.status;
  }

  /** Called at each change of the connection state (the alerts watch for a lost broker). */
  onStateChange(listener: (status: IngestStatus) => void): void {
    this.stateListeners.push(listener);
  }

  private clientId = '';

  /** Connects to another broker (or the embedded one): the old connection ends first. */
  async reconfigure(broker: BrokerSettings): Promise<void> {
    await this.sparkplug?.stop();
    this.sparkplug = null;
    await this.subscriber?.stop();
    this.subscriber = null;
    await this.embedded?.close();
    this.embedded = null;
    this.options = { ...this.options, broker };
    this.status = { ...this.status, brokerUrl: broker.url, embedded: broker.url === '' };
    await this.start(this.clientId);
  }

  async start(clientId: string): Promise<void> {
    this.clientId = clientId;
    const counters = await this.store.ingestCounters();
    this.status.counters = {
      received: counters.received ?? 0,
      stored: counters.stored ?? 0,
      duplicates: counters.duplicates ?? 0,
      deadLettered: counters.dead_lettered ?? 0,
    };
    await this.store.setTopicRoot(this.options.broker.topicRoot);
    const sparkplug = this.options.broker.sparkplug;
    await this.store.setSparkplug(this.sparkplugSetup());
    let url = this.options.broker.url;
    if (url === '') {
      try {
        this.embedded = await startBrokerProcess(
          this.launchBroker,
          this.options.embeddedPort,
          this.log,
          this.options.embeddedBrokerFile ?? null,
          this.brokerSupervision,
        );
        url = this.embedded.url;
        this.status.brokerUrl = url;
        this.log(`embedded MQTT broker listening on ${url}`);
      } catch (error) {
        const detail = `the embedded broker could not start: ${(error as Error).message}`;
        this.update({ state: 'offline', detail });
        await this.recordState('offline', detail);
        return;
      }
    }
    this.subscriber = new BrokerSubscriber(
      { ...this.options.broker, url, lines: this.options.lines },
      clientId,
      (messages) => this.store.ingestBatch(messages),
      {
        state: (state, detail) => {
          this.update({ state, detail });
          if (this.worthRecording(state)) {
            this.recording = this.recording.then(() => this.recordState(state, detail));
          }
        },
        committed: (summary) => this.committed(summary),
        commitFailed: (error, waiting) => {
          this.log(`ingest commit failed, retrying (${waiting} waiting): ${String(error)}`);
          this.update({ waiting });
        },
      },
      this.now,
    );
    this.subscriber.start();
    if (sparkplug?.enabled) this.startSparkplug(url, clientId);
  }

  /** The Sparkplug host: its own connection (a clean session, per Sparkplug 3.0), same store. */
  private startSparkplug(url: string, clientId: string): void {
    const sparkplug = this.options.broker.sparkplug;
    if (!sparkplug) return;
    const target = `${url} (Sparkplug ${sparkplug.topicRoot}, host ${sparkplug.hostId})`;
    this.sparkplug = new SparkplugHost(
      { ...this.options.broker, url },
      sparkplug,
      `${clientId}-spb`.slice(0, 128),
      (messages) => this.store.ingestBatch(messages),
      {
        state: (state, detail) => {
          this.log(`Sparkplug host ${target}: ${state}${detail ? ` (${detail})` : ''}`);
          if (state === 'connected' || state === 'offline') {
            this.recording = this.recording.then(() =>
              this.store
                .appendEvent({
                  type: `sparkplug.${state}`,
                  target,
                  message: `Sparkplug host on ${target}: ${state}${detail ? ` (${detail})` : ''}`,
                })
                .then(() => undefined)
                .catch((error: unknown) => this.log(`could not record: ${String(error)}`)),
            );
          }
        },
        committed: (summary) => this.committed(summary),
        commitFailed: (error, waiting) => {
          this.log(
            `Sparkplug ingest commit failed, retrying (${waiting} waiting): ${String(error)}`,
          );
        },
      },
      this.now,
      this.log,
    );
    this.sparkplug.start();
  }

  /** The Sparkplug host, when it runs (tests and the status read it). */
  sparkplugHost(): SparkplugHost | null {
    return this.sparkplug;
  }

  /**
   * HTTP ingest (console mode's POST /ingest): one message through the same validation,
   * scoring and storage as broker messages, committed before the caller gets the answer.
   */
  async submit(message: RawMessage): Promise<IngestSummary> {
    const summary = await this.store.ingestBatch([message]);
    this.committed(summary);
    return summary;
  }

  /**
   * HTTP ingest of many messages (station keys): the same pipeline, in transactions of at
   * most SUBMIT_CHUNK messages so one request never holds the writer long; every chunk is
   * committed before the caller gets the answer. The outcome of each message, in order.
   */
  async submitMany(messages: RawMessage[]): Promise<MessageOutcome[]> {
    const outcomes: MessageOutcome[] = [];
    for (let start = 0; start < messages.length; start += SUBMIT_CHUNK) {
      const chunk = messages.slice(start, start + SUBMIT_CHUNK);
      const summary = await this.store.ingestBatch(chunk, { perMessage: true });
      this.committed(summary);
      outcomes.push(...(summary.outcomes ?? []));
    }
    return outcomes;
  }

  private committed(summary: IngestSummary): void {
    if (summary.results.length) this.publishResults(summary.results);
    if (summary.machines.length) this.machineUpdates(summary.machines);
    const c = this.status.counters;
    this.update({
      waiting: 0,
      counters: {
        received: c.received + summary.received,
        stored: c.stored + summary.stored,
        duplicates: c.duplicates + summary.duplicates,
        deadLettered: c.deadLettered + summary.deadLettered,
      },
    });
  }

  /** The store runs again after a restart: messages waiting for it are committed now. */
  storeIsBack(): void {
    this.subscriber?.retryCommitNow();
    this.sparkplug?.retryCommitNow();
  }

  /** Messages received and not yet stored (the health report's ingest backlog). */
  backlog(): number {
    return (this.subscriber?.waiting ?? 0) + (this.sparkplug?.waiting ?? 0);
  }

  topicRoot(): string {
    return this.options.broker.topicRoot;
  }

  /** The Sparkplug namespace the store reads, null when the host application is off. */
  sparkplugRoot(): string | null {
    const sparkplug = this.options.broker.sparkplug;
    return sparkplug?.enabled ? sparkplug.topicRoot : null;
  }

  /**
   * What the store needs to read Sparkplug: the namespace and this run's host session, so
   * that a store process restarted after a crash reads back the edge-node sessions (aliases,
   * seq) this run committed, and a new run drops an earlier one's.
   */
  sparkplugSetup(): SparkplugSetup | null {
    const root = this.sparkplugRoot();
    return root === null
      ? null
      : { root, hostSession: this.hostSession, lines: this.options.lines ?? [] };
  }

  /** The lines this server reads (`--lines`); empty: every line. */
  lines(): readonly string[] {
    return this.options.lines ?? [];
  }

  /** The broker read now (the embedded one's real URL), with credentials: the simulator publishes there. */
  brokerSettings(): BrokerSettings {
    return { ...this.options.broker, url: this.status.brokerUrl };
  }

  /** What the command service publishes through: the same connection ingest uses. */
  readonly publisher: CommandPublisher = {
    isConnected: () => this.subscriber?.isConnected() ?? false,
    publish: async (topic, payload) => {
      if (!this.subscriber) throw new Error('ingest is not running');
      await this.subscriber.publish(topic, payload);
    },
    topicRoot: () => this.options.broker.topicRoot,
  };

  /** Commands to Sparkplug-mapped machines: NCMD/DCMD through the Sparkplug host's connection. */
  readonly sparkplugCommands: SparkplugCommandRoute = {
    target: async (machineId, command) =>
      this.sparkplugRoot() === null ? null : this.store.sparkplugCommandTarget(machineId, command),
    isConnected: () => this.sparkplug?.isConnected() ?? false,
    write: async (target, value) => {
      if (!this.sparkplug) throw new Error('the Sparkplug host is not running');
      await this.sparkplug.writeMetric(target, value);
    },
  };

  async stop(): Promise<void> {
    await this.sparkplug?.stop();
    await this.subscriber?.stop();
    await this.recording;
    await this.embedded?.close();
  }

  private update(patch: Partial<IngestStatus>): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.status.state;
    this.status = {
      ...this.status,
      ...patch,
      ...(stateChanged ? { since: new Date(this.now()).toISOString() } : {}),
    };
    this.publishStatus(this.status);
    if (stateChanged) for (const listener of this.stateListeners) listener(this.status);
  }

  /**
   * An outage is told once in the event log: its first `offline` and first `reconnecting`,
   * not every retry of the back-off (the live status still shows each one).
   */
  private readonly toldThisOutage = new Set<IngestStatus['state']>();

  private worthRecording(state: IngestStatus['state']): boolean {
    if (state !== 'offline' && state !== 'reconnecting') {
      this.toldThisOutage.clear();
      return true;
    }
    if (this.toldThisOutage.has(state)) return false;
    this.toldThisOutage.add(state);
    return true;
  }

  private async recordState(state: IngestStatus['state'], detail: string): Promise<void> {
    await this.store
      .appendEvent({
        type: `broker.${state}`,
        target: this.status.brokerUrl,
        message: `Broker ${this.status.brokerUrl}: ${state}${detail ? ` (${detail})` : ''}`,
      })
      .catch((error: unknown) => this.log(`could not record broker state: ${String(error)}`));
  }
}
