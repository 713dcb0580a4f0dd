import { EventEmitter } from 'node:events';
import { buildTopic, DEFAULT_TOPIC_ROOT } from '../src/backend/ingest/protocol';
import { type BrokerCredentials, MachineLink } from './machine-link';
import { BROKER_DROP, FactoryModel, type FactoryModelOptions, type OutgoingMessage } from './model';
import { type RunnerStats, emptyStats } from './runner-stats';

export interface RunnerOptions {
  brokerUrl: string;
  /** For a broker that asks for a user, a password or client certificates. */
  credentials?: BrokerCredentials;
  /** The model's options; its start time is the wall clock when the runner starts. */
  model: Omit<FactoryModelOptions, 'startMs'>;
  /** Virtual seconds per real second (1 = real time). Above 1, timestamps run ahead of the clock. */
  speed?: number;
  tickMs?: number;
  reconnectPeriodMs?: number;
  /** Per machine; past it the oldest buffered message is dropped (and counted). */
  maxBufferedMessages?: number;
  /** How often the `stats` event fires. */
  statsEveryMs?: number;
}

/** First connections opened at the same time (see connectMore). */
export const CONNECTING_AT_ONCE = 20;

interface RunnerEvents {
  stats: [RunnerStats];
  log: [string];
}

/**
 * Drives the model on the wall clock and publishes what it produces, one MQTT connection per
 * machine (see MachineLink). Commands arriving on a machine's command topic go to the model,
 * and its answer goes out on `.../command/ack`.
 */
export class SimulatorRunner extends EventEmitter<RunnerEvents> {
  private readonly model: FactoryModel;
  private readonly links = new Map<string, MachineLink>();
  private readonly counters: RunnerStats;
  private readonly speed: number;
  private readonly virtualStartMs: number;
  private realStartMs = 0;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  /** Links still to open their first connection, and how many are opening one now. */
  private readonly waitingToConnect: MachineLink[] = [];
  private connecting = 0;

  constructor(private readonly options: RunnerOptions) {
    super();
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0 && this.speed <= 10_000))
      throw new Error('speed must be above 0 and at most 10000');
    // Both clocks from the same instant: the virtual clock then reads the wall clock (at speed
    // 1) however long start() takes to open the connections (about 2 s for 1,000 machines,
    // which had stamped every message 2 s in the past).
    this.virtualStartMs = Date.now();
    this.realStartMs = performance.now();
    this.model = new FactoryModel({ ...options.model, startMs: this.virtualStartMs });
    this.counters = emptyStats(this.model.machines.length);
  }

  get stats(): RunnerStats {
    let buffered = 0;
    let connected = 0;
    for (const link of this.links.values()) {
      buffered += link.bufferedCount;
      if (link.connected) connected += 1;
    }
    return structuredClone({ ...this.counters, buffered, connected });
  }

  /** Connects every machine and starts the clock; publications wait in buffers until connected. */
  start(): void {
    const root = this.options.model.topicRoot ?? DEFAULT_TOPIC_ROOT;
    const runId = this.options.model.runId ?? `sim${this.options.model.seed}`;
    for (const address of this.model.machines) {
      const { lineId, machineId } = address;
      const link = new MachineLink(
        {
          brokerUrl: this.options.brokerUrl,
          clientId: `linewatch-sim-${runId}-${machineId}`,
          address,
          commandTopic: buildTopic(root, lineId, machineId, 'command'),
          stateTopic: buildTopic(root, lineId, machineId, 'state'),
          reconnectPeriodMs: this.options.reconnectPeriodMs ?? 1000,
          maxBufferedMessages: this.options.maxBufferedMessages ?? 100_000,
          credentials: this.options.credentials,
          manualConnect: true,
        },
        {
          onConnected: (reconnected) => {
            if (!reconnected) this.firstConnectionMade();
            this.whenConnected(lineId, machineId, reconnected);
          },
          onDisconnected: () => this.emit('log', `${machineId} disconnected`),
          onCommand: (payloadText) => this.whenCommand(lineId, machineId, payloadText),
          onSent: (message) => {
            this.counters.sent[message.kind] += 1;
          },
          onBuffered: () => {
            this.counters.bufferedTotal += 1;
          },
          onBufferOverflow: () => {
            this.counters.droppedFromBuffer += 1;
          },
          onError: (detail) => {
            this.counters.errors += 1;
            this.counters.lastError = detail;
          },
        },
      );
      this.links.set(keyOf(lineId, machineId), link);
      this.waitingToConnect.push(link);
    }
    this.connectMore();
    this.timers.push(setInterval(() => this.tick(), this.options.tickMs ?? 100));
    this.timers.push(
      setInterval(() => this.emit('stats', this.stats), this.options.statsEveryMs ?? 1000),
    );
    if (this.options.model.scenarios?.includes('broker-drop')) this.scheduleDrops();
    this.tick();
  }

  /** Publishes each machine's `offline` state, waits for in-flight messages, and disconnects. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer); // clears intervals too
    this.tick();
    const nowMs = this.virtualNowMs();
    await Promise.all(
      this.model.machines.map(({ lineId, machineId }) => {
        const goodbye = this.model.offlineMessage(lineId, machineId, nowMs, 'simulator stopped');
        return this.links.get(keyOf(lineId, machineId))?.close(goodbye) ?? Promise.resolve();
      }),
    );
    this.emit('stats', this.stats);
  }

  /**
   * Opens first connections a few at a time. A thousand CONNECTs at once kept a loaded broker
   * (aedes, at a load average of 20 on 2 cores) from answering any within MQTT.js's 10 s
   * connect timeout: every client gave up and tried again, and after 5 minutes 71 of 1,000
   * machines were connected. In turns of CONNECTING_AT_ONCE each one is answered in time.
   */
  private connectMore(): void {
    while (this.connecting < CONNECTING_AT_ONCE && !this.stopped) {
      const link = this.waitingToConnect.shift();
      if (!link) return;
      this.connecting += 1;
      link.connect();
    }
  }

  private firstConnectionMade(): void {
    this.connecting -= 1;
    this.connectMore();
  }

  private virtualNowMs(): number {
    return this.virtualStartMs + (performance.now() - this.realStartMs) * this.speed;
  }

  private tick(): void {
    const nowMs = this.virtualNowMs();
    this.counters.virtualNowMs = Math.floor(nowMs);
    this.publishAll(this.model.step(nowMs));
  }

  private publishAll(messages: readonly OutgoingMessage[]): void {
    for (const message of messages) {
      if (message.malformed === undefined) this.counters.generated[message.kind] += 1;
      else this.counters.malformed += 1;
      this.links.get(keyOf(message.lineId, message.machineId))?.publish(message);
    }
  }

  private whenConnected(lineId: string, machineId: string, reconnected: boolean): void {
    if (!reconnected) return;
    this.counters.reconnects += 1;
    this.emit('log', `${machineId} reconnected`);
    // The broker may have published the last will (`offline`, retained) or lost its retained
    // messages in a restart: say the current state again.
    this.publishAll([this.model.stateMessage(lineId, machineId, this.virtualNowMs())]);
  }

  private whenCommand(lineId: string, machineId: string, payloadText: string): void {
    if (this.stopped) return;
    this.counters.commandsReceived += 1;
    this.publishAll(this.model.applyCommand(lineId, machineId, payloadText, this.virtualNowMs()));
  }

  /**
   * Cuts every machine's connection abruptly (the broker publishes each last will) and
   * reconnects after `forMs`; messages produced meanwhile wait in the local buffers.
   */
  dropConnections(forMs: number): void {
    this.emit('log', `broker-drop: cutting every connection for ${forMs / 1000} s`);
    for (const link of this.links.values()) link.simulateDrop(forMs);
  }

  private scheduleDrops(): void {
    const drop = (): void => this.dropConnections(BROKER_DROP.lastsMs);
    const first = setTimeout(() => {
      drop();
      this.timers.push(setInterval(drop, BROKER_DROP.everyMs));
    }, BROKER_DROP.firstAfterMs);
    this.timers.push(first);
  }
}

function keyOf(lineId: string, machineId: string): string {
  return `${lineId}/${machineId}`;
}
