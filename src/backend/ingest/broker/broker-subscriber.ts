import mqtt, { type IClientOptions, type MqttClient, type Packet } from 'mqtt';
import type { IngestSummary, RawMessage } from '../../store/ingest-messages';
import { Backoff } from '../../process/backoff';
import { IngestBatcher } from '../ingest-batcher';
import { HeldAcks, type AckSink } from './held-acks';
import type { BrokerSettings } from './broker-settings';
import { readBrokerTls } from './broker-tls';
import type { Publish, SubscriptionProfile } from './subscription-profile';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped';

interface Delivered extends RawMessage {
  /** MQTT packet id of a QoS 1 message, whose acknowledgement waits for the commit. */
  packetId: number | null;
  /** Which connection delivered it: acks of an older connection are never sent. */
  generation: number;
}

export interface SubscriberEvents {
  state(state: ConnectionState, detail: string): void;
  committed(summary: IngestSummary): void;
  commitFailed(error: unknown, waiting: number): void;
}

type SendPacket = (packet: Packet, ...rest: unknown[]) => void;

/**
 * At most this many received messages wait for the store (ten full batches). Beyond it the
 * subscriber stops reading the broker's socket until half have been committed, so a broker
 * replaying a long backlog (or an embedded one with no in-flight limit) cannot fill memory:
 * TCP pushes back and the messages wait at the broker, which keeps them for the session.
 */
export const MAX_WAITING = 20_000;

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** At stop, messages waiting for the store get this long; the broker keeps the rest. */
const STOP_DRAIN_MS = 2000;

const KINDS = ['test', 'telemetry', 'state', 'command/ack'];

/**
 * The topics Linewatch reads, under the configured root: every line's, or with `lines` (a
 * server limited to some lines, `--lines L1,L2`) only those lines' (`factory/L1/+/test`, …).
 */
export function subscriptionTopics(root: string, lines: readonly string[] = []): string[] {
  if (lines.length === 0) return KINDS.map((kind) => `${root}/+/+/${kind}`);
  return lines.flatMap((line) => KINDS.map((kind) => `${root}/${line}/+/${kind}`));
}

/** Whether a topic belongs to the lines a limited server reads (every topic when unlimited). */
export function inLineScope(topic: string, root: string, lines: readonly string[]): boolean {
  if (lines.length === 0) return true;
  const line = topic.startsWith(`${root}/`)
    ? topic.slice(root.length + 1).split('/')[0]
    : undefined;
  return line !== undefined && lines.includes(line);
}

/** The factory JSON protocol's profile: a persistent session on the configured lines' topics. */
export function factoryProfile(root: string, lines: readonly string[] = []): SubscriptionProfile {
  return {
    cleanSession: false,
    topics: () => subscriptionTopics(root, lines),
    inScope: (topic) => inLineScope(topic, root, lines),
  };
}

/**
 * The connection to the plant's broker. A persistent session (clean start off, a stable
 * client id, QoS 1) keeps messages at the broker while Linewatch is away, and every QoS 1
 * message is acknowledged only after the transaction that stored it has committed.
 *
 * MQTT.js acknowledges a message as soon as its handler returns and reads the next message
 * only after that, so holding the handler would store one message per transaction. Instead
 * the handler returns at once and the PUBACK packet itself is held back (by wrapping the
 * client's packet sender) until the batch commits; then the batch's acks are written to the
 * socket at once (held-acks.ts). If the connection drops first, the held acks are discarded
 * and the broker redelivers; the store keeps each message once.
 */
export class BrokerSubscriber {
  private client: MqttClient | null = null;
  private generation = 0;
  private readonly heldAcks = new HeldAcks();
  private readonly reconnects = new Backoff({ firstMs: MIN_BACKOFF_MS, maxMs: MAX_BACKOFF_MS });
  private readonly batcher: IngestBatcher<Delivered>;
  /** MQTT.js's go-ahead for the next packet, held while too many messages wait. */
  private resumeReading: (() => void) | null = null;
  state: ConnectionState = 'stopped';

  constructor(
    /**
     * `lines`: only these lines' topics (a server limited with --lines); empty or absent: all.
     * `profile`: what to subscribe to and how (the factory JSON protocol's when absent).
     */
    private readonly settings: BrokerSettings & {
      url: string;
      lines?: readonly string[];
      profile?: SubscriptionProfile;
    },
    private readonly clientId: string,
    commit: (messages: RawMessage[]) => Promise<IngestSummary>,
    private readonly events: SubscriberEvents,
    /** The injected clock: a message's receivedMs, which judges implausible timestamps. */
    private readonly now: () => number,
    private readonly maxWaiting = MAX_WAITING,
  ) {
    this.batcher = new IngestBatcher<Delivered>(
      // The store client packs only topic, payload and receive time (batch-transport.ts): the
      // packet ids stay here without a copy of each message.
      (batch) => commit(batch),
      (batch, summary) => {
        this.acknowledge(batch);
        if (this.batcher.waiting <= this.maxWaiting / 2) this.resume();
        events.committed(summary);
      },
      (error, waiting) => events.commitFailed(error, waiting),
    );
  }

  private get profile(): SubscriptionProfile {
    return (
      this.settings.profile ?? factoryProfile(this.settings.topicRoot, this.settings.lines ?? [])
    );
  }

  start(): void {
    const profile = this.profile;
    const options: IClientOptions = {
      clientId: this.clientId,
      clean: profile.cleanSession,
      ...(profile.will ? { will: profile.will() } : {}),
      protocolVersion: 4,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: MIN_BACKOFF_MS,
      username: this.settings.username,
      password: this.settings.password,
      ...readBrokerTls(this.settings),
    };
    this.setState('connecting', this.settings.url);
    const client = mqtt.connect(this.settings.url, options);
    this.client = client;
    this.holdAcknowledgements(client);

    client.on('connect', (connack) => {
      this.reconnects.reset();
      client.options.reconnectPeriod = MIN_BACKOFF_MS;
      const lines = this.settings.lines ?? [];
      client.subscribe(profile.topics(), { qos: 1 }, (error) => {
        if (error) {
          this.setState('offline', `subscribe failed: ${error.message}`);
          return;
        }
        profile.subscribed?.(this.publishVia(client)).catch((failure: unknown) => {
          this.setState('offline', `after subscribing: ${String(failure)}`);
        });
      });
      // The broker keeps a persistent session's subscriptions: a server that once read every
      // line and now is limited drops the all-lines filters (handleMessage skips the rest).
      if (!profile.cleanSession && lines.length > 0 && connack.sessionPresent)
        client.unsubscribe(subscriptionTopics(this.settings.topicRoot), () => undefined);
      this.setState('connected', connack.sessionPresent ? 'session resumed' : 'new session');
    });
    client.on('close', () => {
      // Acks of this connection can no longer be sent; the broker redelivers those messages.
      this.generation += 1;
      this.heldAcks.clear();
      // A go-ahead held by the backpressure belongs to the closed connection's reader (a new
      // one reads the next connection): let it go unused. Calling it would make MQTT.js issue
      // that message's PUBACK, queue it while offline and send it after the reconnect, where the
      // broker redelivers the uncommitted message under the same packet id.
      this.resumeReading = null;
      if (this.state !== 'stopped') this.setState('offline', 'connection closed');
    });
    client.on('reconnect', () => {
      // A new CONNECT, a new will (the Sparkplug host stamps each one).
      if (profile.will) client.options.will = profile.will();
      const ceilingMs = this.reconnects.peekCeiling();
      client.options.reconnectPeriod = this.reconnects.next();
      this.setState('reconnecting', `next try in up to ${ceilingMs / 1000} s`);
    });
    client.on('error', (error) => this.setState('offline', error.message));
  }

  /** Messages received and not yet committed. */
  get waiting(): number {
    return this.batcher.waiting;
  }

  isConnected(): boolean {
    return this.client?.connected === true;
  }

  /** Publishes a command to a machine (QoS 1). */
  async publish(topic: string, payload: string): Promise<void> {
    if (!this.client) throw new Error('not connected');
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  /** Publishes with the QoS and retain flag given (Sparkplug commands and STATE). */
  async publishWith(
    topic: string,
    payload: string | Uint8Array,
    options: { qos: 0 | 1; retain?: boolean },
  ): Promise<void> {
    if (!this.client) throw new Error('not connected');
    await this.publishVia(this.client)(topic, payload, options);
  }

  private publishVia(client: MqttClient): Publish {
    return async (topic, payload, options) => {
      await client.publishAsync(topic, Buffer.from(payload), {
        qos: options.qos,
        retain: options.retain ?? false,
      });
    };
  }

  /** The store is back after a restart: what waits for it is committed now. */
  retryCommitNow(): void {
    this.batcher.retryNow();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.resume();
    await this.batcher.drain(STOP_DRAIN_MS);
    this.batcher.stop();
    const client = this.client;
    if (client) {
      // An unreachable broker must not hold the shutdown: after a moment, end it outright.
      let timer: NodeJS.Timeout | undefined;
      const stopping = this.profile.stopping;
      if (stopping && client.connected) {
        await Promise.race([
          stopping(this.publishVia(client)).catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 1000)),
        ]);
      }
      const gentle = client.endAsync(false).catch(() => undefined);
      const late = new Promise<'late'>(
        (resolve) => (timer = setTimeout(() => resolve('late'), 1000)),
      );
      if ((await Promise.race([gentle, late])) === 'late')
        await client.endAsync(true).catch(() => undefined);
      clearTimeout(timer);
    }
    this.client = null;
    this.events.state('stopped', 'stopped');
  }

  private holdAcknowledgements(client: MqttClient): void {
    const profile = this.profile;
    const internals = client as unknown as {
      _sendPacket: SendPacket;
      handleMessage: MqttClient['handleMessage'];
    };
    const send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet: Packet, ...rest: unknown[]) => {
      const id = (packet as { messageId?: number }).messageId;
      if (packet.cmd === 'puback' && id !== undefined && this.heldAcks.hold(id)) {
        const done = rest[0];
        if (typeof done === 'function') (done as () => void)();
        return;
      }
      send(packet, ...rest);
    };
    internals.handleMessage = (packet, callback) => {
      // Another area's line (a filter an earlier run, without --lines or with other lines, left
      // in the broker's session): acknowledged and not kept; that area's server has its own copy.
      if (!profile.inScope(packet.topic)) {
        callback();
        return;
      }
      if (profile.control?.(packet.topic, packet.payload as Uint8Array, this.publishVia(client))) {
        callback();
        return;
      }
      const packetId = packet.qos > 0 && packet.messageId !== undefined ? packet.messageId : null;
      if (packetId !== null) this.heldAcks.expect(packetId);
      // Stopping: a QoS 1 message stays unacknowledged (its ack is held forever) and the broker
      // redelivers it next session; taking it would make stop() wait out the broker's backlog.
      if (packetId !== null && this.state === 'stopped') {
        callback();
        return;
      }
      this.batcher.add({
        topic: packet.topic,
        payload: packet.payload as Uint8Array,
        receivedMs: this.now(),
        packetId,
        generation: this.generation,
      });
      if (this.batcher.waiting >= this.maxWaiting) this.resumeReading = callback;
      else callback();
    };
  }

  private resume(): void {
    const resume = this.resumeReading;
    this.resumeReading = null;
    resume?.();
  }

  private acknowledge(batch: Delivered[]): void {
    this.heldAcks.release(batch, this.generation, this.ackSink());
  }

  /**
   * The live connection's socket, written to directly: MQTT.js keeps no state for an outgoing
   * PUBACK (no store, no callback, no keep-alive change), and its own writes are whole packets
   * written synchronously, so frames written here never split one of its packets.
   */
  private ackSink(): AckSink | null {
    const client = this.client;
    const stream = client?.stream;
    if (!client?.connected || !stream || stream.destroyed || !stream.writable) return null;
    return { write: (frames) => stream.write(frames) };
  }

  private setState(state: ConnectionState, detail: string): void {
    if (this.state === 'stopped' && state !== 'connecting') return;
    const changed = this.state !== state;
    this.state = state;
    if (changed) this.events.state(state, detail);
  }
}
