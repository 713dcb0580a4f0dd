import type { ParsedMessage } from '../ingest/protocol';
import type { MachineState, TestResult } from '../../shared/contract';

/**
 * What goes into the store's ingest (a batch of raw messages) and what comes out (the batch
 * summary the backend fans out live, and each message's outcome), and how a batch's summary
 * is gathered.
 */

/** One message as it came from the broker. */
export interface RawMessage {
  topic: string;
  payload: Uint8Array;
  receivedMs: number;
  /**
   * Refused before parsing by a rule of the transport (HTTP station keys: a machine outside
   * the key, or not registered): dead-lettered with this reason, in the same transaction.
   */
  refusal?: { reason: string; field: string | null };
}

/** What became of one message of a batch (asked for by HTTP ingest, which answers per item). */
export type MessageOutcome =
  | { outcome: 'stored' | 'duplicate' | 'ignored' }
  | { outcome: 'refused'; reason: string; field: string | null };

export interface IngestSummary {
  received: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  ignored: number;
  newMachines: { lineId: string; machineId: string }[];
  /** The test results this batch stored (at most MAX_RESULTS_REPORTED), for live views. */
  results: TestResult[];
  /** The newest of what this batch said about each machine, for live machine tiles. */
  machines: MachineUpdate[];
  /** Why messages of this batch were refused (at most MAX_RESULTS_REPORTED). */
  refusals: { topic: string; reason: string }[];
  /** One per message, in order; only when asked for (`perMessage`). */
  outcomes?: MessageOutcome[];
  /** Sparkplug edge nodes to ask for a rebirth once this batch is committed. */
  rebirths?: { groupId: string; edgeNodeId: string }[];
}

export interface MachineUpdate {
  machineId: string;
  lineId: string;
  lastSeenMs: number;
  state?: MachineState;
  stateMs?: number;
  reason?: string | null;
  temperature?: number;
  unitsProduced?: number;
}

export type ReplayOutcome = {
  outcome: 'stored' | 'duplicate' | 'refused' | 'truncated';
  reason: string;
};

/** The summary lists at most this many results and refusals; the counters count them all. */
export const MAX_RESULTS_REPORTED = 1000;

/** A summary with nothing in it yet, for a batch of `received` messages. */
export function emptySummary(received: number): IngestSummary {
  return {
    received,
    stored: 0,
    duplicates: 0,
    deadLettered: 0,
    ignored: 0,
    newMachines: [],
    results: [],
    machines: [],
    refusals: [],
  };
}

/**
 * Keeps the newest state and readings per machine within a batch; `newest` is false for a
 * state or sample older than what the machine already showed (it only counts as heard from).
 */
export function noteMachineUpdate(
  updates: Map<string, MachineUpdate>,
  message: ParsedMessage,
  receivedMs: number,
  newest: boolean,
): void {
  let update = updates.get(message.machineId);
  if (!update) {
    update = { machineId: message.machineId, lineId: message.lineId, lastSeenMs: receivedMs };
    updates.set(message.machineId, update);
  }
  update.lastSeenMs = Math.max(update.lastSeenMs, receivedMs);
  if (!newest) return;
  if (message.kind === 'state') {
    const at = message.timestampMs ?? receivedMs;
    if (update.stateMs === undefined || at >= update.stateMs) {
      update.state = message.state;
      update.stateMs = at;
      update.reason = message.reason ?? null;
    }
  } else if (message.kind === 'telemetry') {
    if (message.temperature !== undefined) update.temperature = message.temperature;
    if (message.unitsProduced !== undefined) update.unitsProduced = message.unitsProduced;
  }
}

export function noteRefusal(summary: IngestSummary, topic: string, reason: string): void {
  if (summary.refusals.length < MAX_RESULTS_REPORTED) summary.refusals.push({ topic, reason });
}
