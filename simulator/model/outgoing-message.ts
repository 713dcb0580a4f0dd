/** One MQTT publication the model asks for; the runner sends it, tests inspect it. */
export type OutgoingKind = 'test' | 'telemetry' | 'state' | 'commandAck';

export const MALFORMED_KINDS = [
  'bad-json',
  'wrong-type',
  'unknown-state',
  'machine-id-mismatch',
  'oversize',
  'missing-field',
  'bad-timestamp',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface OutgoingMessage {
  /** Virtual time the machine produced it. */
  atMs: number;
  lineId: string;
  machineId: string;
  kind: OutgoingKind;
  topic: string;
  /** JSON text, or deliberately broken text for the bad-data scenario. */
  payload: string;
  qos: 0 | 1;
  retain: boolean;
  /** The test result's message_id, so the runner can count unique ones. */
  messageId?: string;
  /** Set only on deliberately broken messages (bad-data scenario). */
  malformed?: MalformedKind;
}
