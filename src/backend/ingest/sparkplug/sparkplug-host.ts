import type { IngestSummary, RawMessage } from '../../store/ingest-messages';
import type { SparkplugConnection } from '../../../shared/rules/broker-connection';
import { BrokerSubscriber, type SubscriberEvents } from '../broker/broker-subscriber';
import type { BrokerSettings } from '../broker/broker-settings';
import type { SubscriptionProfile } from '../broker/subscription-profile';
import { encodePayload, type MetricValue } from './sparkplug-codec';
import type { SparkplugCommandTarget } from './sparkplug-commands';
import { DataType } from './sparkplug-schema';
import { PrimaryHostState } from './primary-host-state';
import { sparkplugTopic } from './sparkplug-topic';

/** The Node Control metric that asks an edge node for a new NBIRTH (specification 6.4.2). */
export const REBIRTH_METRIC = 'Node Control/Rebirth';

/** The NCMD payload asking for a rebirth. */
export function rebirthPayload(nowMs: number): Uint8Array {
  return encodePayload({
    timestampMs: nowMs,
    metrics: [{ name: REBIRTH_METRIC, datatype: DataType.Boolean, value: true }],
  });
}

/**
 * The Sparkplug host's connection profile: a clean session (Sparkplug 3.0 requires it of
 * hosts; edge nodes store and forward while the STATE says offline), the namespace's node and
 * device messages plus our own STATE, the STATE will and birth.
 */
export function sparkplugProfile(root: string, state: PrimaryHostState): SubscriptionProfile {
  /** Set at a clean stop: our own offline STATE coming back is then no cause to republish. */
  let leaving = false;
  return {
    cleanSession: true,
    topics: () => [`${root}/+/+/+`, `${root}/+/+/+/+`, state.topic],
    inScope: (topic) => topic.startsWith(`${root}/`),
    will: () => {
      const will = state.will();
      return { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true };
    },
    subscribed: async (publish) => {
      const birth = state.birth();
      await publish(birth.topic, birth.payload, { qos: 1, retain: true });
    },
    stopping: async (publish) => {
      leaving = true;
      const death = state.death();
      await publish(death.topic, death.payload, { qos: 1, retain: true });
    },
    control: (topic, payload, publish) => {
      if (topic !== state.topic) return false;
      if (!leaving && state.contradicts(topic, payload)) {
        const birth = state.birth();
        void publish(birth.topic, birth.payload, { qos: 1, retain: true }).catch(() => undefined);
      }
      return true;
    },
  };
}

/**
 * Linewatch as a Sparkplug B Primary Host Application on the plant's broker, beside the JSON
 * protocol. Messages go to the store like JSON ones (decoded, checked and mapped there, in the
 * batch's transaction) and are acknowledged after the commit; rebirths the store asks for are
 * published as NCMD `Node Control/Rebirth` once the batch is committed.
 */
export class SparkplugHost {
  private readonly subscriber: BrokerSubscriber;
  readonly state: PrimaryHostState;

  constructor(
    broker: BrokerSettings & { url: string },
    readonly sparkplug: SparkplugConnection,
    clientId: string,
    commit: (messages: RawMessage[]) => Promise<IngestSummary>,
    events: SubscriberEvents,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {
    this.state = new PrimaryHostState(sparkplug.topicRoot, sparkplug.hostId, now);
    this.subscriber = new BrokerSubscriber(
      { ...broker, profile: sparkplugProfile(sparkplug.topicRoot, this.state) },
      clientId,
      commit,
      {
        ...events,
        committed: (summary) => {
          events.committed(summary);
          for (const node of summary.rebirths ?? []) void this.requestRebirth(node);
        },
      },
      now,
    );
  }

  start(): void {
    this.subscriber.start();
  }

  get waiting(): number {
    return this.subscriber.waiting;
  }

  isConnected(): boolean {
    return this.subscriber.isConnected();
  }

  retryCommitNow(): void {
    this.subscriber.retryCommitNow();
  }

  /** NCMD `Node Control/Rebirth` = true (QoS 0, as Sparkplug sends commands). */
  async requestRebirth(node: { groupId: string; edgeNodeId: string }): Promise<void> {
    const topic = sparkplugTopic(this.sparkplug.topicRoot, {
      messageType: 'NCMD',
      groupId: node.groupId,
      edgeNodeId: node.edgeNodeId,
      deviceId: '',
    });
    try {
      await this.subscriber.publishWith(topic, rebirthPayload(this.now()), { qos: 0 });
      this.log(`Sparkplug: asked ${node.groupId}/${node.edgeNodeId} for a rebirth`);
    } catch (error) {
      this.log(
        `Sparkplug: could not ask ${node.groupId}/${node.edgeNodeId} for a rebirth: ${String(error)}`,
      );
    }
  }

  /**
   * A Linewatch command as an NCMD (the node's own metric) or DCMD writing one metric, by
   * name, with the born data type; QoS 0, not retained, as Sparkplug 3.0 sends commands.
   */
  async writeMetric(target: SparkplugCommandTarget, value: MetricValue): Promise<void> {
    const topic = sparkplugTopic(this.sparkplug.topicRoot, {
      messageType: target.deviceId === '' ? 'NCMD' : 'DCMD',
      groupId: target.groupId,
      edgeNodeId: target.edgeNodeId,
      deviceId: target.deviceId,
    });
    const nowMs = this.now();
    const payload = encodePayload({
      timestampMs: nowMs,
      metrics: [{ name: target.metric, datatype: target.datatype, value, timestampMs: nowMs }],
    });
    await this.subscriber.publishWith(topic, payload, { qos: 0 });
  }

  async stop(): Promise<void> {
    await this.subscriber.stop();
  }
}
