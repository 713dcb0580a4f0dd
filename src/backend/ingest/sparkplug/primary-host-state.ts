import { stateTopic } from './sparkplug-topic';

/** An MQTT message the host publishes about itself: QoS 1 and retained (specification 5.3). */
export interface HostStateMessage {
  topic: string;
  payload: string;
  qos: 1;
  retain: true;
}

/**
 * Linewatch as a Sparkplug 3.0 Primary Host Application: its retained STATE at
 * `spBv1.0/STATE/<host_id>`, `{"online":true,"timestamp":…}` once it has subscribed, and the
 * matching will `{"online":false,"timestamp":…}` set in each MQTT CONNECT. Edge nodes that
 * wait for their primary host hold their data (store and forward) while it says offline.
 *
 * The birth's timestamp is the one of the will in the connection's CONNECT: an edge node can
 * tell a late will of an older connection from the current one.
 */
export class PrimaryHostState {
  private connectStampMs: number | null = null;

  constructor(
    private readonly root: string,
    readonly hostId: string,
    private readonly now: () => number,
  ) {}

  get topic(): string {
    return stateTopic(this.root, this.hostId);
  }

  /** The will of the next CONNECT; stamps it with the injected clock. */
  will(): HostStateMessage {
    this.connectStampMs = this.now();
    return this.message(false, this.connectStampMs);
  }

  /** The STATE birth, published after the subscriptions are in place. */
  birth(): HostStateMessage {
    return this.message(true, this.connectStampMs ?? this.now());
  }

  /** The STATE to publish on a clean stop, instead of leaving it to the will. */
  death(): HostStateMessage {
    return this.message(false, this.connectStampMs ?? this.now());
  }

  /**
   * Whether a message on our own STATE topic says we are offline while we are connected (a
   * will of an older connection arriving late, or another client's): the host then publishes
   * its birth again (tck-id-message-flow-hid-sparkplug-state-message-delivered).
   */
  contradicts(topic: string, payload: Uint8Array): boolean {
    if (topic !== this.topic) return false;
    try {
      const state = JSON.parse(Buffer.from(payload).toString('utf8')) as { online?: unknown };
      return state.online !== true;
    } catch {
      return true;
    }
  }

  private message(online: boolean, timestamp: number): HostStateMessage {
    return {
      topic: this.topic,
      payload: JSON.stringify({ online, timestamp }),
      qos: 1,
      retain: true,
    };
  }
}
