import type { MachineState } from './payloads';

/** The parser's output: camelCase, timestamps in epoch milliseconds, every field checked. */

interface MachineAddress {
  lineId: string;
  machineId: string;
}

export interface ParsedTestResult extends MachineAddress {
  kind: 'test';
  barcode: string;
  productId: string;
  testStep: string;
  measuredValue: number;
  unit?: string;
  operator?: string;
  messageId?: string;
  timestampMs: number;
}

export interface ParsedTelemetry extends MachineAddress {
  kind: 'telemetry';
  timestampMs: number;
  temperature?: number;
  unitsProduced?: number;
  /** A null-prototype object: metric names can never reach Object.prototype. */
  extras: Record<string, number>;
}

export interface ParsedState extends MachineAddress {
  kind: 'state';
  /** Null only for `offline` without a timestamp: the last will `{"state":"offline"}`. */
  timestampMs: number | null;
  state: MachineState;
  reason?: string;
}

export interface ParsedCommandAck extends MachineAddress {
  kind: 'commandAck';
  commandId: string;
  ok: boolean;
  message?: string;
}

export type ParsedMessage = ParsedTestResult | ParsedTelemetry | ParsedState | ParsedCommandAck;

/**
 * `ignored` marks a message on a `.../command` topic: the app publishes those itself, so one
 * coming back through a `factory/#` subscription is neither data nor an error. It is an
 * `ok: false` variant so that code which only checks `ok` never stores it as data.
 */
export type ParseOutcome =
  | { ok: true; message: ParsedMessage }
  | { ok: false; reason: string; field: string | null; ignored?: false }
  | { ok: false; reason: string; field: 'topic'; ignored: true };

export interface ParseOptions {
  /** The topic root; `factory` by default. May have several levels (`site1/factory`). */
  topicRoot?: string;
  /**
   * When the message arrived, by the receiving (injected) clock. With it, a timestamp more
   * than `maxAheadMs` ahead is refused as implausible; without it, no such check is made.
   */
  receivedAtMs?: number;
  /** How far ahead of `receivedAtMs` a timestamp may be; 5 minutes by default. */
  maxAheadMs?: number;
}
