import type { IClientOptions } from 'mqtt';

export type Publish = (
  topic: string,
  payload: string | Uint8Array,
  options: { qos: 0 | 1; retain?: boolean },
) => Promise<void>;

/**
 * What a connection subscribes to and how it behaves at the broker. The factory JSON protocol
 * uses a persistent session; the Sparkplug host a clean one with a STATE will and birth.
 */
export interface SubscriptionProfile {
  /** MQTT 3.1.1 clean session (Sparkplug 3.0 requires it of host applications). */
  cleanSession: boolean;
  topics(): string[];
  /** Whether a received message is this server's to store (a server limited to some lines). */
  inScope(topic: string): boolean;
  /** The will of the next CONNECT (called before each connection attempt). */
  will?(): IClientOptions['will'];
  /** After the subscriptions are granted: the host's birth, for one. */
  subscribed?(publish: Publish): Promise<void>;
  /** Before a clean disconnect, which suppresses the will: the host's offline STATE. */
  stopping?(publish: Publish): Promise<void>;
  /**
   * A message about the connection itself rather than data (the host's own STATE): handled
   * here, acknowledged at once and never stored. True when it was one.
   */
  control?(topic: string, payload: Uint8Array, publish: Publish): boolean;
}
