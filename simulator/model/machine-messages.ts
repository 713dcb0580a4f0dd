import {
  type CommandAckPayload,
  type MachineState,
  type StatePayload,
  type TelemetryPayload,
  type TestResultPayload,
  type TopicKind,
  buildTopic,
} from '../../src/backend/ingest/protocol';
import type { MachineConfig } from './machine-config';
import type { OutgoingMessage } from './outgoing-message';

/** Turns payloads into publications with the contract's topic, QoS and retain flag. */
export class MachineMessages {
  constructor(private readonly config: MachineConfig) {}

  topic(kind: TopicKind): string {
    return buildTopic(this.config.topicRoot, this.config.lineId, this.config.machineId, kind);
  }

  timestamp(atMs: number): string | number {
    return this.config.timestampStyle === 'epoch' ? atMs : new Date(atMs).toISOString();
  }

  testResult(atMs: number, payload: TestResultPayload): OutgoingMessage {
    return {
      ...this.envelope(atMs, 'test', JSON.stringify(payload)),
      qos: 1,
      ...(payload.message_id === undefined ? {} : { messageId: payload.message_id }),
    };
  }

  /** QoS 0: a lost sample is replaced by the next one a second later. */
  telemetry(atMs: number, payload: TelemetryPayload): OutgoingMessage {
    return { ...this.envelope(atMs, 'telemetry', JSON.stringify(payload)), qos: 0 };
  }

  /** Retained, so a subscriber that connects later learns the current state at once. */
  state(atMs: number, state: MachineState, reason: string | null): OutgoingMessage {
    const payload: StatePayload = { timestamp: this.timestamp(atMs), state };
    if (reason !== null) payload.reason = reason;
    return { ...this.envelope(atMs, 'state', JSON.stringify(payload)), retain: true };
  }

  commandAck(atMs: number, payload: CommandAckPayload): OutgoingMessage {
    return this.envelope(atMs, 'commandAck', JSON.stringify(payload));
  }

  /** A publication with the kind's topic; QoS 1, not retained, unless the caller says so. */
  envelope(atMs: number, kind: OutgoingMessage['kind'], payload: string): OutgoingMessage {
    const topicKind: TopicKind = kind === 'commandAck' ? 'command/ack' : kind;
    return {
      atMs,
      lineId: this.config.lineId,
      machineId: this.config.machineId,
      kind,
      topic: this.topic(topicKind),
      payload,
      qos: 1,
      retain: false,
    };
  }
}
