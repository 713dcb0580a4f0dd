import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { MachineAddress, OutgoingMessage } from './model';

export interface MachineLinkOptions {
  brokerUrl: string;
  clientId: string;
  address: MachineAddress;
  commandTopic: string;
  stateTopic: string;
  reconnectPeriodMs: number;
  maxBufferedMessages: number;
  /** Credentials and TLS files for a broker that asks for them (the built-in simulator window). */
  credentials?: BrokerCredentials;
  /** Wait for `connect()` before the first connection (the runner paces them). */
  manualConnect?: boolean;
}

export type BrokerCredentials = Pick<
  IClientOptions,
  'username' | 'password' | 'ca' | 'cert' | 'key'
>;

/** What the link reports back; the runner turns these into counters and model calls. */
export interface MachineLinkEvents {
  onConnected(reconnected: boolean): void;
  onDisconnected(): void;
  onCommand(payloadText: string): void;
  onSent(message: OutgoingMessage): void;
  onBuffered(): void;
  onBufferOverflow(): void;
  onError(detail: string): void;
}

/**
 * One machine's MQTT connection. One per machine because MQTT allows one last will per
 * connection, and the contract wants each machine's state topic to turn `offline` on its own.
 *
 * While disconnected, publications wait in a local buffer (oldest dropped past the cap) and are
 * sent in order on reconnect. MQTT.js's own offline queue is disabled so the counts are ours;
 * QoS 1 messages already handed to MQTT.js stay in its store and are resent by it.
 */
export class MachineLink {
  private readonly client: MqttClient;
  private readonly buffer: OutgoingMessage[] = [];
  private connectedBefore = false;
  private wasConnected = false;
  private closing = false;
  /** Whether the client has a connection to end (false while waiting for `connect()`). */
  private started: boolean;

  constructor(
    private readonly options: MachineLinkOptions,
    private readonly events: MachineLinkEvents,
  ) {
    this.started = !options.manualConnect;
    this.client = mqtt.connect(options.brokerUrl, {
      ...options.credentials,
      clientId: options.clientId,
      clean: true,
      reconnectPeriod: options.reconnectPeriodMs,
      connectTimeout: 10_000,
      manualConnect: options.manualConnect ?? false,
      queueQoSZero: false,
      resubscribe: false, // subscribed again on each connect below
      will: {
        topic: options.stateTopic,
        payload: Buffer.from(JSON.stringify({ state: 'offline' })),
        qos: 1,
        retain: true,
      },
    });
    this.client.on('connect', () => this.whenConnected());
    // 'close' also fires after each failed reconnect attempt: report only the loss of a connection.
    this.client.on('close', () => {
      if (this.wasConnected && !this.closing) this.events.onDisconnected();
      this.wasConnected = false;
    });
    this.client.on('error', (error) => this.events.onError(error.message));
    this.client.on('message', (topic, payload, packet) => {
      // A retained command is stale: the app publishes commands unretained, answered within 10 s.
      if (topic === options.commandTopic && !packet.retain)
        this.events.onCommand(payload.toString('utf8'));
    });
  }

  /** The first connection, when made with `manualConnect`; MQTT.js reconnects by itself after. */
  connect(): void {
    if (this.closing || this.started) return;
    this.started = true;
    this.client.connect();
  }

  get connected(): boolean {
    return this.client.connected;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  publish(message: OutgoingMessage): void {
    if (this.client.connected) {
      this.send(message);
      return;
    }
    if (this.buffer.length >= this.options.maxBufferedMessages) {
      this.buffer.shift();
      this.events.onBufferOverflow();
    }
    this.buffer.push(message);
    this.events.onBuffered();
  }

  /**
   * broker-drop scenario: cut the socket without a goodbye (the broker publishes the will) and
   * come back after `forMs`. Not `client.end()`: that closes MQTT.js's store and would lose the
   * QoS 1 messages in flight, which a real network drop does not. Stretching the reconnect period
   * for one attempt keeps MQTT.js's own reconnect logic; `whenConnected` restores it.
   */
  simulateDrop(forMs: number): void {
    if (this.closing || !this.client.connected) return;
    this.client.options.reconnectPeriod = forMs;
    this.client.stream.destroy();
  }

  /** Says goodbye: the offline state if connected (a clean disconnect does not fire the will), then closes. */
  async close(offlineState: OutgoingMessage): Promise<void> {
    this.closing = true;
    // Never asked to connect: MQTT.js has no stream to end (and fails on one).
    if (!this.started) return;
    if (!this.client.connected) {
      await this.client.endAsync(true);
      return;
    }
    await this.client
      .publishAsync(offlineState.topic, offlineState.payload, { qos: 1, retain: true })
      .catch((error: unknown) => this.events.onError(String(error)));
    // Not forced: MQTT.js waits for in-flight QoS 1 messages to be acknowledged.
    await this.client.endAsync(false);
  }

  private whenConnected(): void {
    const reconnected = this.connectedBefore;
    this.connectedBefore = true;
    this.wasConnected = true;
    this.client.options.reconnectPeriod = this.options.reconnectPeriodMs;
    this.client.subscribe(this.options.commandTopic, { qos: 1 }, (error) => {
      if (error) this.events.onError(`subscribe ${this.options.commandTopic}: ${error.message}`);
    });
    // In order, oldest first; stop if the connection drops again mid-way.
    while (this.buffer.length > 0 && this.client.connected) {
      const message = this.buffer.shift();
      if (message !== undefined) this.send(message);
    }
    this.events.onConnected(reconnected);
  }

  private send(message: OutgoingMessage): void {
    this.client.publish(
      message.topic,
      message.payload,
      { qos: message.qos, retain: message.retain },
      (error) => {
        if (error) this.events.onError(`publish ${message.topic}: ${error.message}`);
        else this.events.onSent(message);
      },
    );
  }
}
